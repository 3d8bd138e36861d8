package io.nanostream.client;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.BroadcastReceiver;
import io.nanostream.buffer.CopyBroadcastReceiver;
import io.nanostream.buffer.MessageRing;
import io.nanostream.client.protocol.Commands;
import io.nanostream.client.protocol.Responses;
import io.nanostream.concurrent.BackoffIdleStrategy;
import io.nanostream.concurrent.Clock;
import io.nanostream.concurrent.IdleStrategy;
import io.nanostream.log.LogBuffers;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The client's background thread: applies the driver's responses (completing requests, adding and
 * removing images), heartbeats the driver, notices when the driver stops heartbeating, and unmaps
 * closed logs after they have lingered.
 */
final class ClientConductor implements Runnable
{
    /** How often the driver's heartbeat is checked. */
    static final long DRIVER_CHECK_INTERVAL_NANOS = 50_000_000L;

    private final NanoStream client;
    private final CopyBroadcastReceiver responses;
    private final MessageRing commands;
    private final ClientContext context;
    private final Clock clock;
    private final AtomicBuffer keepaliveBuffer = AtomicBuffer.allocateHeap(64);
    /** Quiet when idle (at most every 16 ms, as Aeron's client), so it does not steal cores from the application. */
    private final IdleStrategy idle = new BackoffIdleStrategy(0, 0, 1_000_000, 16_000_000);
    private volatile Thread thread;
    private final ArrayDeque<Lingering> lingering = new ArrayDeque<>();
    private volatile boolean running = true;
    private long nextKeepaliveNanos;
    private long nextDriverCheckNanos;

    ClientConductor(final NanoStream client, final AtomicBuffer broadcast, final MessageRing commands, final ClientContext context)
    {
        this.client = client;
        this.responses = new CopyBroadcastReceiver(new BroadcastReceiver(broadcast));
        this.commands = commands;
        this.context = context;
        this.clock = context.clock();
    }

    @Override
    public void run()
    {
        thread = Thread.currentThread();
        while (running)
        {
            int work = 0;
            try
            {
                work += responses.receive(this::onResponse);
            }
            catch (final IllegalStateException ex)
            {
                client.onDriverLost(ex.getMessage());
                running = false;
                break;
            }
            final long now = clock.nanoTime();
            if (now - nextKeepaliveNanos >= 0)
            {
                sendKeepalive();
                nextKeepaliveNanos = now + context.keepaliveInterval().toNanos();
            }
            if (now - nextDriverCheckNanos >= 0)
            {
                nextDriverCheckNanos = now + DRIVER_CHECK_INTERVAL_NANOS;
                final long silentMillis = clock.epochMillis() - commands.consumerHeartbeat();
                if (silentMillis > context.driverTimeout().toMillis())
                {
                    client.onDriverLost("the media driver in " + context.directory() + " stopped heartbeating " + silentMillis +
                        " ms ago (timeout " + context.driverTimeout().toMillis() + " ms); restart it and reconnect");
                    running = false;
                    break;
                }
            }
            work += sweepLingering(now);
            if (work == 0 && client.hasPendingRequests())
            {
                idle.reset();
                Thread.yield(); // a request waits for the driver's answer: look again soon
            }
            else
            {
                idle.idle(work);
            }
        }
    }

    /** Wakes the thread from an idle park, after a request was sent. */
    void wake()
    {
        final Thread t = thread;
        if (t != null)
        {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    void stop()
    {
        running = false;
    }

    void sendKeepalive()
    {
        final int length = Commands.encodeClient(keepaliveBuffer, commands.nextCorrelationId(), client.clientId());
        commands.write(Commands.CLIENT_KEEPALIVE, keepaliveBuffer, 0, length);
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
        final long correlationId = buffer.getLong(offset + Responses.CORRELATION_ID); // the client id, for a client timeout
        switch (type)
        {
            case Commands.ON_PUBLICATION_READY -> complete(correlationId, new NanoStream.PublicationReady(
                buffer.getLong(offset + Responses.PUBLICATION_REGISTRATION_ID),
                buffer.getInt(offset + Responses.PUBLICATION_SESSION_ID),
                buffer.getInt(offset + Responses.PUBLICATION_LIMIT_COUNTER_ID),
                buffer.getInt(offset + Responses.PUBLICATION_BACK_PRESSURE_COUNTER_ID),
                Commands.getString(buffer, offset + Responses.PUBLICATION_LOG_FILE, offset + length)));
            case Commands.ON_SUBSCRIPTION_READY, Commands.ON_OPERATION_SUCCESS -> complete(correlationId, Boolean.TRUE);
            case Commands.ON_ERROR ->
            {
                final CompletableFuture<Object> future = client.pending(correlationId);
                if (future != null)
                {
                    future.completeExceptionally(new RegistrationException(buffer.getInt(offset + Responses.ERROR_CODE),
                        Commands.getString(buffer, offset + Responses.ERROR_MESSAGE, offset + length)));
                }
            }
            case Commands.ON_AVAILABLE_IMAGE -> onAvailableImage(buffer, offset, length, correlationId);
            case Commands.ON_UNAVAILABLE_IMAGE ->
            {
                final Subscription subscription = client.subscription(buffer.getLong(offset + Responses.IMAGE_SUBSCRIPTION_ID));
                if (subscription != null)
                {
                    final Image removed = subscription.removeImage(correlationId);
                    if (removed != null)
                    {
                        linger(removed.log());
                    }
                }
            }
            case Commands.ON_DRIVER_STOPPED ->
            {
                client.onDriverLost("the media driver in " + context.directory() + " stopped; start it again and connect a new client");
                running = false;
            }
            case Commands.ON_CLIENT_TIMEOUT ->
            {
                if (correlationId == client.clientId())
                {
                    client.onDriverLost("the media driver timed this client out (no keepalive in time); reconnect");
                    running = false;
                }
            }
            default ->
            {
            }
        }
    }

    private void onAvailableImage(final AtomicBuffer buffer, final int offset, final int length, final long correlationId)
    {
        final Subscription subscription = client.subscription(buffer.getLong(offset + Responses.IMAGE_SUBSCRIPTION_ID));
        if (subscription == null || subscription.isClosed())
        {
            return;
        }
        final String logFile = Commands.getString(buffer, offset + Responses.IMAGE_LOG_FILE, offset + length);
        try
        {
            final LogBuffers log = LogBuffers.open(Path.of(logFile), context.preTouchLogs());
            subscription.addImage(new Image(correlationId, subscription.registrationId(),
                buffer.getInt(offset + Responses.IMAGE_SESSION_ID), log, client.counterValues(),
                buffer.getInt(offset + Responses.IMAGE_POSITION_COUNTER_ID),
                buffer.getLong(offset + Responses.IMAGE_JOIN_POSITION)));
        }
        catch (final RuntimeException ex)
        {
            context.errorHandler().accept(new NanoStreamException("cannot map image log " + logFile, ex));
        }
    }

    private void complete(final long correlationId, final Object response)
    {
        final CompletableFuture<Object> future = client.pending(correlationId);
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
