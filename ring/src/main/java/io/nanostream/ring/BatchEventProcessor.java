package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Takes every available event from a ring as one batch, hands each to an {@link EventHandler}, then
 * advances its sequence once for the whole batch. Runs on one thread until halted.
 *
 * <p>When the handler throws, the {@link ExceptionHandler} either skips the event or halts the ring;
 * a {@link RewindableException} replays the batch if the {@link BatchRewindStrategy} agrees. Nothing
 * here signals anyone: consumers behind this one find its progress by polling its sequence.
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
    private final DataProvider<E> dataProvider;
    private final SequenceBarrier barrier;
    private final EventHandler<? super E> handler;
    private final HandlerCalls<E> calls;
    private int maxBatchSize;
    private BatchRewindStrategy rewindStrategy;
    private int rewindAttempts;

    /**
     * Creates a processor with no batch limit and no rewinding.
     *
     * @param dataProvider the ring to read (or any provider of its events).
     * @param barrier      what to wait on, from {@link RingBuffer#newBarrier}.
     * @param handler      the handler.
     */
    public BatchEventProcessor(final DataProvider<E> dataProvider, final SequenceBarrier barrier,
        final EventHandler<? super E> handler)
    {
        this(dataProvider, barrier, handler, Integer.MAX_VALUE);
    }

    /**
     * Creates a processor that replays batches its handler asks to rewind, when the strategy agrees.
     *
     * @param dataProvider   the ring to read (or any provider of its events).
     * @param barrier        what to wait on, from {@link RingBuffer#newBarrier}.
     * @param handler        the handler.
     * @param maxBatchSize   the most events handed over between two advances of the sequence, at least 1.
     * @param rewindStrategy decides on rewind requests.
     */
    public BatchEventProcessor(
        final DataProvider<E> dataProvider,
        final SequenceBarrier barrier,
        final EventHandler<? super E> handler,
        final int maxBatchSize,
        final BatchRewindStrategy rewindStrategy)
    {
        this(dataProvider, barrier, handler, maxBatchSize);
        this.rewindStrategy = Arguments.required(rewindStrategy, "rewindStrategy");
    }

    private BatchEventProcessor(
        final DataProvider<E> dataProvider, final SequenceBarrier barrier, final EventHandler<? super E> handler,
        final int maxBatchSize)
    {
        this.dataProvider = Arguments.required(dataProvider, "dataProvider");
        this.barrier = Arguments.required(barrier, "barrier");
        this.handler = Arguments.required(handler, "handler");
        this.maxBatchSize = checkedBatchSize(maxBatchSize);
        this.calls = new HandlerCalls<>(handler, haltTarget(dataProvider, barrier));
        handler.setSequenceCallback(sequence);
    }

    /** The sequencer to halt when the handler fails for good: the ring's, if we can tell which it is. */
    private static AbstractSequencer haltTarget(final DataProvider<?> dataProvider, final SequenceBarrier barrier)
    {
        if (dataProvider instanceof RingBuffer<?> ring)
        {
            return ring.sequencer;
        }
        return barrier instanceof ProcessingSequenceBarrier ours ? ours.sequencer : null;
    }

    private static int checkedBatchSize(final int maxBatchSize)
    {
        if (maxBatchSize < 1)
        {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        return maxBatchSize;
    }

    /**
     * Sets what happens when the handler throws; the default is {@link ExceptionHandlers#logAndHalt()}.
     *
     * @param exceptionHandler the exception handler.
     */
    public void setExceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        calls.exceptionHandler = Arguments.required(exceptionHandler, "exceptionHandler");
    }

    /**
     * Sets the most events handed over between two advances of the sequence; call before the processor runs.
     *
     * @param maxBatchSize at least 1.
     */
    public void setMaxBatchSize(final int maxBatchSize)
    {
        checkedBatchSize(maxBatchSize);
        checkNotRunning("max batch size");
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Sets what decides on rewind requests; call before the processor runs.
     *
     * @param rewindStrategy the strategy.
     */
    public void setRewindStrategy(final BatchRewindStrategy rewindStrategy)
    {
        Arguments.required(rewindStrategy, "rewindStrategy");
        checkNotRunning("rewind strategy");
        this.rewindStrategy = rewindStrategy;
    }

    private void checkNotRunning(final String what)
    {
        if (state.get() == RUNNING)
        {
            throw new IllegalStateException("cannot change the " + what +
                " of a running processor; set it before start");
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
        calls.fatalErrorListener = listener;
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
            calls.start();
            calls.shutdown();
            state.set(IDLE);
            return;
        }
        barrier.clearAlert();
        calls.start();
        try
        {
            if (state.get() == RUNNING)
            {
                processEvents();
            }
        }
        finally
        {
            calls.shutdown();
            state.set(IDLE);
        }
    }

    private void processEvents()
    {
        final DataProvider<E> dataProvider = this.dataProvider;
        final EventHandler<? super E> handler = this.handler;
        final SequenceBarrier barrier = this.barrier;
        final Sequence sequence = this.sequence;
        final int maxBatchSize = this.maxBatchSize;
        long next = sequence.get() + 1L;
        long available = next - 1L;
        E event = null;
        while (true)
        {
            final long batchStart = next;
            try
            {
                barrier.checkAlert();
                if (next > available)
                {
                    try
                    {
                        available = barrier.waitFor(next);
                    }
                    catch (final TimeoutException ex)
                    {
                        final long last = sequence.get();
                        final Throwable fatal = calls.timeout(last);
                        if (fatal != null)
                        {
                            stopAfterFailure(fatal, last);
                            break;
                        }
                        continue;
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt(); // a wait strategy of the user's reported it; handled as ours do
                        throw AlertException.INSTANCE;
                    }
                    if (available < next)
                    {
                        continue; // a wait strategy of the user's gave up early, as the Disruptor allows: wait again
                    }
                }
                final long end = Math.min(available, next + maxBatchSize - 1L);
                calls.batchStart(end - next + 1L, available - next + 1L, next);
                for (; next <= end; next++)
                {
                    event = dataProvider.get(next);
                    handler.onEvent(event, next, next == end);
                }
                rewindAttempts = 0;
                sequence.set(end); // release: our reads of events up to end happen before producers reuse their slots
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
                    stopAfterFailure(new IllegalStateException("processor thread was interrupted while running"),
                        sequence.get() + 1);
                    break;
                }
            }
            catch (final RewindableException ex)
            {
                if (rewindStrategy != null && rewindStrategy.handleRewindException(ex,
                    ++rewindAttempts) == RewindAction.REWIND)
                {
                    next = batchStart;
                    continue;
                }
                rewindAttempts = 0;
                if (!skipFailedEvent(ex, next, event))
                {
                    break;
                }
                next++;
            }
            catch (final Throwable ex)
            {
                rewindAttempts = 0;
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
            calls.exceptionHandler.handleEventException(ex, failed, event);
            sequence.set(failed); // release: the failed event is done with, like a handled one
            return true;
        }
        catch (final Throwable fatal)
        {
            // release: the events of this batch handled before the failure are done with (never move backwards)
            sequence.set(Math.max(sequence.get(), failed - 1));
            stopAfterFailure(fatal, failed);
            return false;
        }
    }

    private void stopAfterFailure(final Throwable fatal, final long failed)
    {
        if (state.compareAndSet(RUNNING,
            HALTED)) // else already asked to halt: a failure while stopping does not stop the ring
        {
            calls.haltRing(fatal, failed);
        }
    }

    @Override
    public String toString()
    {
        return "BatchEventProcessor{" + handler + ", sequence=" + sequence.get() + "}";
    }
}
