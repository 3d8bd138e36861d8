package io.nanostream.client;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.MessageRing;
import io.nanostream.client.protocol.Commands;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * A client's commands to the driver and the wait for each answer: a command goes into the driver's command ring under
 * a fresh correlation id, the calling thread waits up to the driver timeout for the client conductor to complete its
 * future from the driver's broadcast, and a refusal or a lost driver is thrown on the caller's thread with the caller's
 * stack. Any thread may send; the client conductor's duty cycle completes the futures. A thread that waits runs that
 * duty cycle itself when the application invokes the conductor, and the driver's when the driver is invoked too.
 *
 * <p>A handler the conductor calls runs inside its duty cycle, which cannot take an answer while the handler waits
 * for it: from there an add is refused at once, and a remove is sent without waiting (a refusal reaches the error
 * handler).
 */
final class DriverRequests
{
    private final ClientContext context;
    private final MessageRing commands;
    private final long clientId;
    private final ClientConductor conductor;
    private final ClientConductorRunner conductorRunner;
    private final AtomicBuffer commandBuffer = AtomicBuffer.allocateHeap(4096);
    private final Map<Long, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();

    DriverRequests(
        final ClientContext context, final MessageRing commands, final long clientId, final ClientConductor conductor,
        final ClientConductorRunner conductorRunner)
    {
        this.context = context;
        this.commands = commands;
        this.clientId = clientId;
        this.conductor = conductor;
        this.conductorRunner = conductorRunner;
    }

    /**
     * Asks for a publication or subscription and waits for the answer.
     *
     * @param type       the command type.
     * @param channel    the channel.
     * @param streamId   the stream id.
     * @param beforeSend runs with the correlation id before the command goes out, or null.
     * @param onFailure  runs with the correlation id if the request fails, or null.
     * @return the driver's answer.
     */
    Object add(final int type, final String channel, final int streamId, final LongConsumer beforeSend,
        final LongConsumer onFailure)
    {
        if (conductor.isDutyCycleThread())
        {
            throw new IllegalStateException(name(type) + "(\"" + channel + "\", " + streamId + ") was called from a handler the client's " +
                "conductor runs, and that conductor would have to take the driver's answer while the handler waits for it; " +
                "call it from another thread (e.g. hand it to an executor), or note what to add and add it after the handler returns");
        }
        final CompletableFuture<Object> response = new CompletableFuture<>();
        final long correlationId;
        synchronized (commandBuffer)
        {
            correlationId = commands.nextCorrelationId();
            pending.put(correlationId, response);
            if (beforeSend != null)
            {
                beforeSend.accept(correlationId);
            }
            sendWithRetry(type, Commands.encodeAdd(commandBuffer, correlationId, clientId, streamId, channel));
        }
        conductorRunner.wake();
        return await(correlationId, response, onFailure);
    }

    /**
     * Asks the driver to remove a registration and waits for the answer; from a handler the conductor runs, only asks.
     *
     * @param type           the command type.
     * @param registrationId the registration.
     */
    void remove(final int type, final long registrationId)
    {
        final boolean fromHandler = conductor.isDutyCycleThread();
        final CompletableFuture<Object> response = new CompletableFuture<>();
        if (fromHandler)
        {
            // nobody waits: a refusal goes to the error handler when the conductor takes it (on its own thread)
            response.whenComplete((answer, refusal) ->
            {
                if (refusal != null)
                {
                    conductor.reportError(refusal);
                }
            });
        }
        final long correlationId;
        synchronized (commandBuffer)
        {
            correlationId = commands.nextCorrelationId();
            pending.put(correlationId, response);
            sendWithRetry(type, Commands.encodeRemove(commandBuffer, correlationId, clientId, registrationId));
        }
        if (!fromHandler)
        {
            conductorRunner.wake();
            await(correlationId, response, null);
        }
    }

    /**
     * Asks the driver to add or remove a destination of a publication and waits for the answer.
     *
     * @param type           {@link Commands#ADD_DESTINATION}, {@link
     * Commands#REMOVE_DESTINATION}, or their subscription twins.
     * @param registrationId the publication or subscription.
     * @param destination    the destination's channel.
     */
    void destination(final int type, final long registrationId, final String destination)
    {
        final String name = type == Commands.ADD_DESTINATION || type == Commands.ADD_RCV_DESTINATION ?
            "addDestination" : "removeDestination";
        if (conductor.isDutyCycleThread())
        {
            throw new IllegalStateException(name + "(\"" + destination +
                "\") was called from a handler the client's conductor runs, " +
                "which would have to take the driver's answer while the handler waits for it; call it from another thread");
        }
        final CompletableFuture<Object> response = new CompletableFuture<>();
        final long correlationId;
        synchronized (commandBuffer)
        {
            correlationId = commands.nextCorrelationId();
            pending.put(correlationId, response);
            sendWithRetry(type, Commands.encodeDestination(commandBuffer, correlationId, clientId, registrationId,
                destination));
        }
        conductorRunner.wake();
        await(correlationId, response, null);
    }

    /** Tells the driver this client is gone, without waiting: a full ring drops it, and liveness does the rest. */
    void sendClose()
    {
        synchronized (commandBuffer)
        {
            final int length = Commands.encodeClient(commandBuffer, commands.nextCorrelationId(), clientId);
            commands.write(Commands.CLIENT_CLOSE, commandBuffer, 0, length);
        }
    }

    /** {@return whether a request waits for its answer} */
    boolean hasPending()
    {
        return !pending.isEmpty();
    }

    /** {@return the future of a request the driver answered, no longer waiting; null if none waits under that id} */
    CompletableFuture<Object> take(final long correlationId)
    {
        return pending.remove(correlationId);
    }

    /** Ends every waiting request with an error. */
    void failAll(final RuntimeException error)
    {
        for (final Long correlationId : pending.keySet())
        {
            final CompletableFuture<Object> future = pending.remove(correlationId);
            if (future != null)
            {
                future.completeExceptionally(error);
            }
        }
    }

    private void sendWithRetry(final int type, final int length)
    {
        final long deadline = System.nanoTime() +
            context.driverTimeout().toNanos(); // real time, whatever clock the conductor reads
        final IntSupplier driver = context.driverInvoker();
        while (!commands.write(type, commandBuffer, 0, length))
        {
            if (driver != null)
            {
                driver.getAsInt(); // the driver runs on this thread: only it can make room (never the conductor: it may send too)
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new DriverUnavailableException("the media driver in " + context.directory() +
                    " takes no commands: its command ring stayed full for " + context.driverTimeout().toMillis() +
                    " ms", null);
            }
            Thread.onSpinWait();
        }
    }

    private Object await(final long correlationId, final CompletableFuture<Object> response,
        final LongConsumer onFailure)
    {
        try
        {
            final long timeoutNanos = context.driverTimeout().toNanos();
            final long deadline = System.nanoTime() + timeoutNanos;
            if (conductorRunner.waitsRunDutyCycles())
            {
                // the answer comes from duty cycles this thread runs: the application's threads are the only ones
                while (!response.isDone() && System.nanoTime() - deadline < 0)
                {
                    if (conductorRunner.dutyCyclesWhileWaiting() == 0)
                    {
                        Thread.yield();
                    }
                }
            }
            return response.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            failed(onFailure, correlationId);
            throw new DriverUnavailableException("no response from the media driver in " + context.directory() +
                " within " + context.driverTimeout().toMillis() + " ms; is it running?", ex);
        }
        catch (final ExecutionException ex)
        {
            failed(onFailure, correlationId);
            // made again here, so that the stack trace is the caller's, not the client conductor's thread's
            if (ex.getCause() instanceof RegistrationException refused)
            {
                throw new RegistrationException(refused.errorCode(), refused.getMessage());
            }
            if (ex.getCause() instanceof DriverUnavailableException lost)
            {
                throw new DriverUnavailableException(lost.getMessage(), null);
            }
            throw new NanoStreamException("request failed: " + ex.getCause(), ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new NanoStreamException("interrupted waiting for the media driver", ex);
        }
        finally
        {
            pending.remove(correlationId);
        }
    }

    private static String name(final int type)
    {
        return switch (type)
        {
            case Commands.ADD_PUBLICATION -> "addPublication";
            case Commands.ADD_EXCLUSIVE_PUBLICATION -> "addExclusivePublication";
            default -> "addSubscription";
        };
    }

    private static void failed(final LongConsumer onFailure, final long correlationId)
    {
        if (onFailure != null)
        {
            onFailure.accept(correlationId);
        }
    }
}
