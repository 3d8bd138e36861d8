package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Takes every available event from a ring as one batch, hands each to an {@link EventHandler}, then
 * advances its sequence once for the whole batch. Runs on one thread until halted.
 *
 * <p>When the handler throws, the {@link ExceptionHandler} either skips the event or halts the ring;
 * a {@link RewindableException} replays the batch if the {@link BatchRewindStrategy} agrees.
 *
 * @param <E> the event type.
 */
public final class BatchEventProcessor<E> implements EventProcessor
{
    private static final int IDLE = 0;
    private static final int HALTED = 1;
    private static final int RUNNING = 2;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final Sequence sequence = new Sequence();
    private final RingBuffer<E> ringBuffer;
    private final SequenceBarrier barrier;
    private final EventHandler<? super E> handler;
    private int maxBatchSize;
    private BatchRewindStrategy rewindStrategy;
    private volatile ExceptionHandler<? super E> exceptionHandler = ExceptionHandlers.logAndHalt();
    private volatile Consumer<Throwable> fatalErrorListener;

    /**
     * Creates a processor with no batch limit and no rewinding.
     *
     * @param ringBuffer the ring to read.
     * @param barrier    what to wait on, from {@link RingBuffer#newBarrier}.
     * @param handler    the handler.
     */
    public BatchEventProcessor(final RingBuffer<E> ringBuffer, final SequenceBarrier barrier, final EventHandler<? super E> handler)
    {
        this(ringBuffer, barrier, handler, Integer.MAX_VALUE, null);
    }

    /**
     * Creates a processor.
     *
     * @param ringBuffer     the ring to read.
     * @param barrier        what to wait on, from {@link RingBuffer#newBarrier}.
     * @param handler        the handler.
     * @param maxBatchSize   the most events handed over between two advances of the sequence, at least 1.
     * @param rewindStrategy decides on rewind requests; null treats them as ordinary failures.
     */
    public BatchEventProcessor(
        final RingBuffer<E> ringBuffer,
        final SequenceBarrier barrier,
        final EventHandler<? super E> handler,
        final int maxBatchSize,
        final BatchRewindStrategy rewindStrategy)
    {
        if (ringBuffer == null || barrier == null || handler == null)
        {
            throw new NullPointerException("ringBuffer, barrier and handler are all required");
        }
        if (maxBatchSize < 1)
        {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        this.ringBuffer = ringBuffer;
        this.barrier = barrier;
        this.handler = handler;
        this.maxBatchSize = maxBatchSize;
        this.rewindStrategy = rewindStrategy;
        handler.setSequenceCallback(sequence);
    }

    /**
     * Sets what happens when the handler throws; the default is {@link ExceptionHandlers#logAndHalt()}.
     *
     * @param exceptionHandler the exception handler.
     */
    public void setExceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        if (exceptionHandler == null)
        {
            throw new NullPointerException("exceptionHandler is null");
        }
        this.exceptionHandler = exceptionHandler;
    }

    /**
     * Sets the most events handed over between two advances of the sequence; call before the processor runs.
     *
     * @param maxBatchSize at least 1.
     */
    public void setMaxBatchSize(final int maxBatchSize)
    {
        if (maxBatchSize < 1)
        {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        checkNotRunning("max batch size");
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Sets what decides on rewind requests; call before the processor runs.
     *
     * @param rewindStrategy the strategy, or null to treat rewind requests as failures.
     */
    public void setRewindStrategy(final BatchRewindStrategy rewindStrategy)
    {
        checkNotRunning("rewind strategy");
        this.rewindStrategy = rewindStrategy;
    }

    private void checkNotRunning(final String what)
    {
        if (state.get() == RUNNING)
        {
            throw new IllegalStateException("cannot change the " + what + " of a running processor; set it before start");
        }
    }

    /**
     * Sets who else to tell when this processor halts the ring after a failure (a graph halts its other
     * processors).
     *
     * @param listener called with the failure, on this processor's thread.
     */
    public void setFatalErrorListener(final Consumer<Throwable> listener)
    {
        this.fatalErrorListener = listener;
    }

    @Override
    public Sequence getSequence()
    {
        return sequence;
    }

    @Override
    public void halt()
    {
        state.set(HALTED);
        barrier.alert();
    }

    @Override
    public boolean isRunning()
    {
        return state.get() != IDLE;
    }

    /**
     * The handler this processor calls.
     *
     * @return the handler.
     */
    public EventHandler<? super E> getHandler()
    {
        return handler;
    }

    /**
     * Processes events until halted.
     *
     * @throws IllegalStateException if the processor is already running on another thread.
     */
    @Override
    public void run()
    {
        if (!state.compareAndSet(IDLE, RUNNING))
        {
            if (state.get() == RUNNING)
            {
                throw new IllegalStateException("processor is already running; run it on one thread only");
            }
            notifyStart();
            notifyShutdown();
            state.set(IDLE);
            return;
        }
        barrier.clearAlert();
        notifyStart();
        try
        {
            if (state.get() == RUNNING)
            {
                processEvents();
            }
        }
        finally
        {
            notifyShutdown();
            state.set(IDLE);
        }
    }

    private void processEvents()
    {
        final RingBuffer<E> ringBuffer = this.ringBuffer;
        final EventHandler<? super E> handler = this.handler;
        final SequenceBarrier barrier = this.barrier;
        final Sequence sequence = this.sequence;
        final int maxBatchSize = this.maxBatchSize;
        final BatchRewindStrategy rewindStrategy = this.rewindStrategy;
        long next = sequence.get() + 1L;
        long available = next - 1L;
        int rewinds = 0;
        E event = null;
        while (true)
        {
            final long batchStart = next;
            try
            {
                barrier.checkAlert();
                if (next > available)
                {
                    available = barrier.waitFor(next);
                }
                final long end = Math.min(available, next + maxBatchSize - 1L);
                notifyBatchStart(end - next + 1L, available - next + 1L, next);
                for (; next <= end; next++)
                {
                    event = ringBuffer.get(next);
                    handler.onEvent(event, next, next == end);
                }
                rewinds = 0;
                sequence.set(end); // release: our reads of events up to end happen before producers reuse their slots
                barrier.signalProgress();
            }
            catch (final AlertException ex)
            {
                if (state.get() != RUNNING)
                {
                    break;
                }
                if (Thread.currentThread().isInterrupted())
                {
                    // a consumer that stops on its own would leave producers waiting for it for ever: halt the ring
                    haltOnFailure(new IllegalStateException("processor thread was interrupted while running"), sequence.get() + 1);
                    break;
                }
            }
            catch (final WaitTimeoutException ex)
            {
                if (!onTimeout(sequence.get()))
                {
                    break;
                }
            }
            catch (final RewindableException ex)
            {
                if (rewindStrategy != null && rewindStrategy.handleRewindException(ex, ++rewinds) == RewindAction.REWIND)
                {
                    next = batchStart;
                    continue;
                }
                rewinds = 0;
                if (!skipFailedEvent(ex, next, event))
                {
                    break;
                }
                next++;
            }
            catch (final Throwable ex)
            {
                rewinds = 0;
                if (!skipFailedEvent(ex, next, event))
                {
                    break;
                }
                next++;
            }
        }
    }

    /** Asks the exception handler; true if the event is skipped, false if the ring was halted. */
    private boolean skipFailedEvent(final Throwable ex, final long failed, final E event)
    {
        try
        {
            exceptionHandler.handleEventException(ex, failed, event);
            sequence.set(failed); // release: the failed event is done with, like a handled one
            barrier.signalProgress();
            return true;
        }
        catch (final Throwable fatal)
        {
            // release: the events of this batch handled before the failure are done with (never move backwards)
            sequence.set(Math.max(sequence.get(), failed - 1));
            haltOnFailure(fatal, failed);
            return false;
        }
    }

    private boolean onTimeout(final long last)
    {
        try
        {
            handler.onTimeout(last);
            return true;
        }
        catch (final Throwable ex)
        {
            try
            {
                exceptionHandler.handleEventException(ex, last, null);
                return true;
            }
            catch (final Throwable fatal)
            {
                haltOnFailure(fatal, last);
                return false;
            }
        }
    }

    private void haltOnFailure(final Throwable fatal, final long failed)
    {
        if (!state.compareAndSet(RUNNING, HALTED))
        {
            return; // already asked to halt: a failure while stopping does not stop the whole ring
        }
        final Throwable cause = fatal instanceof HandlerFailedException && fatal.getCause() != null ? fatal.getCause() : fatal;
        ringBuffer.halt("handler " + handler + " failed at sequence " + failed + "; the ring is halted", cause);
        final Consumer<Throwable> listener = fatalErrorListener;
        if (listener != null)
        {
            listener.accept(cause);
        }
    }

    private void notifyBatchStart(final long batchSize, final long queueDepth, final long first)
    {
        try
        {
            handler.onBatchStart(batchSize, queueDepth);
        }
        catch (final Throwable ex)
        {
            // no event was handed over yet: report it, but skip nothing
            exceptionHandler.handleEventException(ex, first, null);
        }
    }

    private void notifyStart()
    {
        try
        {
            handler.onStart();
        }
        catch (final Throwable ex)
        {
            exceptionHandler.handleOnStartException(ex);
        }
    }

    private void notifyShutdown()
    {
        try
        {
            handler.onShutdown();
        }
        catch (final Throwable ex)
        {
            exceptionHandler.handleOnShutdownException(ex);
        }
    }

    @Override
    public String toString()
    {
        return "BatchEventProcessor{" + handler + ", sequence=" + sequence.get() + "}";
    }
}
