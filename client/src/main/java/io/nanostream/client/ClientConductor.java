package io.nanostream.client;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.BroadcastReceiver;
import io.nanostream.buffer.CopyBroadcastReceiver;
import io.nanostream.buffer.MessageRing;
import io.nanostream.client.protocol.Commands;
import io.nanostream.client.protocol.DriverProcess;
import io.nanostream.client.protocol.Responses;
import io.nanostream.concurrent.Agent;
import io.nanostream.concurrent.AgentTerminationException;
import io.nanostream.concurrent.Clock;
import io.nanostream.log.LogBuffers;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The client's duty cycle: applies the driver's responses (completing requests, adding and removing images, calling
 * the application's image handlers), heartbeats the driver, notices when the driver stops heartbeating, and unmaps
 * closed logs after they have lingered. Runs on the client's own thread ({@code AgentRunner}) or, with
 * {@link ClientContext#useConductorInvoker(boolean)}, on whichever application thread calls
 * {@link NanoStream#invoke()}: one thread at a time either way.
 *
 * <p>Whatever an application handler throws goes to the client's error handler and the cycle goes on; the client is
 * given up only when the driver is: it stopped, its process is gone, it stopped heartbeating, it timed this client
 * out, or it lapped the client's broadcast.
 * Then the next cycle ends the agent with an {@link AgentTerminationException}.
 */
final class ClientConductor implements Agent
{
    /** How often the driver's heartbeat is checked. */
    static final long DRIVER_CHECK_INTERVAL_NANOS = 50_000_000L;
    /**
     * How often the driver's process is looked for (a look reads /proc): a driver killed with -9 is noticed this fast.
     */
    static final long DRIVER_PROCESS_CHECK_INTERVAL_NANOS = 1_000_000_000L;
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.client");

    private final NanoStream client;
    private final CopyBroadcastReceiver responses;
    private final MessageRing commands;
    private final ClientContext context;
    private final Clock clock;
    private final ClientHeartbeat heartbeat;
    private final DriverProcess driverProcess;
    private final AtomicBuffer keepaliveBuffer = AtomicBuffer.allocateHeap(64);
    private final ArrayDeque<Lingering> lingering = new ArrayDeque<>();
    /**
     * The thread inside a duty cycle, if any: a request made on it comes from a handler and cannot wait for an answer.
     */
    private volatile Thread dutyCycleThread;
    /**
     * Runs once the cycle in hand ends: a close called from a handler, which must not unmap what the cycle still reads.
     */
    private Runnable afterCycle;
    private volatile boolean running = true;
    private long nextKeepaliveNanos;
    private long nextDriverCheckNanos;
    private long nextProcessCheckNanos;

    ClientConductor(
        final NanoStream client, final AtomicBuffer broadcast, final MessageRing commands, final ClientContext context,
        final DriverProcess driverProcess)
    {
        this.driverProcess = driverProcess;
        this.client = client;
        this.responses = new CopyBroadcastReceiver(new BroadcastReceiver(broadcast));
        this.commands = commands;
        this.context = context;
        this.clock = context.clock();
        this.heartbeat = new ClientHeartbeat(client.counters(), client.clientId());
    }

    @Override
    public String roleName()
    {
        return "nano-stream-client-" + client.clientId();
    }

    @Override
    public int doWork()
    {
        if (!running)
        {
            throw new AgentTerminationException("client " + client.clientId() + " closed");
        }
        dutyCycleThread = Thread.currentThread();
        try
        {
            int work = receiveResponses();
            final long now = clock.nanoTime();
            if (now - nextKeepaliveNanos >= 0)
            {
                keepalive();
                nextKeepaliveNanos = now + context.keepaliveInterval().toNanos();
                work++;
            }
            if (now - nextDriverCheckNanos >= 0)
            {
                nextDriverCheckNanos = now + DRIVER_CHECK_INTERVAL_NANOS;
                work += checkDriver();
            }
            if (running && now - nextProcessCheckNanos >= 0)
            {
                nextProcessCheckNanos = now + DRIVER_PROCESS_CHECK_INTERVAL_NANOS;
                work += checkDriverProcess();
            }
            return work + sweepLingering(now);
        }
        finally
        {
            dutyCycleThread = null;
            final Runnable after = afterCycle;
            if (after != null)
            {
                afterCycle = null;
                after.run();
            }
        }
    }

    /**
     * Runs an action when the duty cycle in hand ends; call only from inside the cycle (from a handler).
     *
     * @param action the action.
     */
    void afterCycle(final Runnable action)
    {
        afterCycle = action;
    }

    @Override
    public void onClose()
    {
        running = false;
    }

    /** {@return whether the calling thread is inside this conductor's duty cycle, i.e. in a handler it called} */
    boolean isDutyCycleThread()
    {
        return dutyCycleThread == Thread.currentThread();
    }

    /** Ends the agent at its next cycle. */
    void stop()
    {
        running = false;
    }

    /** Tells the driver this client lives: through its heartbeat counter once the driver made one, else by command. */
    void keepalive()
    {
        if (!heartbeat.beat(clock.epochMillis()))
        {
            final int length = Commands.encodeClient(keepaliveBuffer, commands.nextCorrelationId(), client.clientId());
            commands.write(Commands.CLIENT_KEEPALIVE, keepaliveBuffer, 0,
                length); // a full ring drops it: the next one is due soon
        }
    }

    /** Reports an error to the application's handler, which must not stop this cycle by throwing itself. */
    void reportError(final Throwable error)
    {
        try
        {
            context.errorHandler().accept(error);
        }
        catch (final Throwable handlerFailure)
        {
            LOGGER.log(System.Logger.Level.ERROR, "the client's error handler threw on " + error, handlerFailure);
        }
    }

    synchronized void linger(final LogBuffers log)
    {
        lingering.add(new Lingering(log, clock.nanoTime() + context.resourceLinger().toNanos()));
    }

    synchronized void closeLingering()
    {
        lingering.forEach(entry -> entry.log().close());
        lingering.clear();
    }

    private int receiveResponses()
    {
        try
        {
            return responses.receive(this::onResponse);
        }
        catch (final IllegalStateException lapped) // onResponse throws nothing: this is the broadcast receiver's own
        {
            lose(lapped.getMessage() + "; connect a new client");
            return 1;
        }
    }

    private int checkDriver()
    {
        final long silentMillis = clock.epochMillis() - commands.consumerHeartbeat();
        if (silentMillis > context.driverTimeout().toMillis())
        {
            lose("the media driver in " + context.directory() + " stopped heartbeating " + silentMillis +
                " ms ago (timeout " + context.driverTimeout().toMillis() + " ms); restart it and reconnect");
            return 1;
        }
        return 0;
    }

    /** A driver whose process is gone will never answer: said at once, not after the heartbeat timeout. */
    private int checkDriverProcess()
    {
        if (driverProcess.state() == DriverProcess.State.GONE)
        {
            lose("the media driver in " + context.directory() + " is gone: its process (pid " + driverProcess.pid() +
                ") ended; restart it and reconnect");
            return 1;
        }
        return 0;
    }

    private void lose(final String reason)
    {
        running = false;
        client.onDriverLost(reason);
    }

    private synchronized int sweepLingering(final long now)
    {
        int closed = 0;
        while (!lingering.isEmpty() && now - lingering.peek().deadlineNanos() >= 0)
        {
            lingering.poll().log().close();
            closed++;
        }
        return closed;
    }

    private void onResponse(final int type, final AtomicBuffer buffer, final int offset, final int length)
    {
        try
        {
            dispatch(type, buffer, offset, length);
        }
        catch (final Throwable ex) // an application handler's, or a response this client cannot apply: the next goes on
        {
            reportError(ex);
        }
    }

    private void dispatch(final int type, final AtomicBuffer buffer, final int offset, final int length)
    {
        final long correlationId = buffer.getLong(offset +
            Responses.CORRELATION_ID); // the client id, for a client timeout
        switch (type)
        {
            case Responses.ON_PUBLICATION_READY -> complete(correlationId, new NanoStream.PublicationReady(
                buffer.getLong(offset + Responses.PUBLICATION_REGISTRATION_ID),
                buffer.getInt(offset + Responses.PUBLICATION_SESSION_ID),
                buffer.getInt(offset + Responses.PUBLICATION_LIMIT_COUNTER_ID),
                buffer.getInt(offset + Responses.PUBLICATION_BACK_PRESSURE_COUNTER_ID),
                Commands.getString(buffer, offset + Responses.PUBLICATION_LOG_FILE, offset + length)));
            case Responses.ON_SUBSCRIPTION_READY, Responses.ON_OPERATION_SUCCESS -> complete(correlationId,
                Boolean.TRUE);
            case Responses.ON_ERROR ->
            {
                final CompletableFuture<Object> future = client.takePending(correlationId);
                if (future != null)
                {
                    future.completeExceptionally(new RegistrationException(buffer.getInt(offset + Responses.ERROR_CODE),
                        Commands.getString(buffer, offset + Responses.ERROR_MESSAGE, offset + length)));
                }
            }
            case Responses.ON_AVAILABLE_IMAGE -> onAvailableImage(buffer, offset, length, correlationId);
            case Responses.ON_UNAVAILABLE_IMAGE ->
            {
                final Subscription subscription = client.subscription(buffer.getLong(offset +
                    Responses.IMAGE_SUBSCRIPTION_ID));
                final Image removed = subscription == null ? null : subscription.removeImage(correlationId);
                if (removed != null)
                {
                    linger(removed.log());
                    subscription.notifyUnavailable(removed);
                }
            }
            case Responses.ON_DRIVER_STOPPED -> lose("the media driver in " + context.directory() +
                " stopped; start it again and connect a new client");
            case Responses.ON_CLIENT_TIMEOUT ->
            {
                if (correlationId == client.clientId())
                {
                    lose("the media driver timed this client out (no keepalive in time); reconnect");
                }
            }
            default ->
            {
            }
        }
    }

    private void onAvailableImage(final AtomicBuffer buffer, final int offset, final int length,
        final long correlationId)
    {
        final Subscription subscription = client.subscription(buffer.getLong(offset + Responses.IMAGE_SUBSCRIPTION_ID));
        if (subscription == null || subscription.isClosed())
        {
            return;
        }
        final String logFile = Commands.getString(buffer, offset + Responses.IMAGE_LOG_FILE, offset + length);
        final Image image;
        try
        {
            // a large log takes a while to touch: the heartbeat goes on between its parts
            final LogBuffers log = LogBuffers.open(Path.of(logFile), context.preTouchLogs(),
                () -> heartbeat.beat(clock.epochMillis()));
            image = new Image(correlationId, subscription.registrationId(),
                buffer.getInt(offset + Responses.IMAGE_SESSION_ID), log, client.counterValues(),
                buffer.getInt(offset + Responses.IMAGE_POSITION_COUNTER_ID),
                buffer.getLong(offset + Responses.IMAGE_JOIN_POSITION));
        }
        catch (final RuntimeException ex)
        {
            reportError(new NanoStreamException("cannot map image log " + logFile, ex));
            return;
        }
        subscription.addImage(image);
        subscription.notifyAvailable(image);
    }

    private void complete(final long correlationId, final Object response)
    {
        final CompletableFuture<Object> future = client.takePending(correlationId);
        if (future != null)
        {
            future.complete(response);
        }
    }

    /** A log to unmap after its deadline. */
    private record Lingering(LogBuffers log, long deadlineNanos)
    {
    }
}
