package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One worker of a {@link WorkerPool}: claims the pool's next sequence with one atomic increment of
 * the shared work sequence, waits for it, and handles it.
 *
 * @param <E> the event type.
 */
final class WorkProcessor<E> implements EventProcessor
{
    private static final int IDLE = 0;
    private static final int HALTED = 1;
    private static final int RUNNING = 2;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final Sequence sequence = new Sequence();
    private final RingBuffer<E> ringBuffer;
    private final SequenceBarrier barrier;
    private final WorkHandler<? super E> handler;
    private final Sequence workSequence;
    private volatile ExceptionHandler<? super E> exceptionHandler;
    private final Consumer<Throwable> fatalErrorListener;

    WorkProcessor(
        final RingBuffer<E> ringBuffer,
        final SequenceBarrier barrier,
        final WorkHandler<? super E> handler,
        final Sequence workSequence,
        final ExceptionHandler<? super E> exceptionHandler,
        final Consumer<Throwable> fatalErrorListener)
    {
        this.ringBuffer = ringBuffer;
        this.barrier = barrier;
        this.handler = handler;
        this.workSequence = workSequence;
        this.exceptionHandler = exceptionHandler;
        this.fatalErrorListener = fatalErrorListener;
    }

    WorkHandler<? super E> handler()
    {
        return handler;
    }

    void setExceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        this.exceptionHandler = exceptionHandler;
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

    @Override
    public void run()
    {
        if (!state.compareAndSet(IDLE, RUNNING))
        {
            if (state.get() == RUNNING)
            {
                throw new IllegalStateException("worker is already running; run it on one thread only");
            }
            state.set(IDLE);
            return;
        }
        barrier.clearAlert();
        try
        {
            handler.onStart();
        }
        catch (final Throwable ex)
        {
            exceptionHandler.handleOnStartException(ex);
        }
        try
        {
            processEvents();
        }
        finally
        {
            try
            {
                handler.onShutdown();
            }
            catch (final Throwable ex)
            {
                exceptionHandler.handleOnShutdownException(ex);
            }
            state.set(IDLE);
        }
    }

    /** A worker that stops on its own would leave producers waiting for it for ever: halt the ring. */
    private void haltAfterInterrupt()
    {
        state.set(HALTED);
        final IllegalStateException cause = new IllegalStateException("worker thread was interrupted while running");
        ringBuffer.halt("worker " + handler + " was interrupted; the ring is halted", cause);
        if (fatalErrorListener != null)
        {
            fatalErrorListener.accept(cause);
        }
    }

    private void processEvents()
    {
        boolean claimNext = true;
        long next = 0;
        long available = Long.MIN_VALUE;
        while (state.get() == RUNNING)
        {
            E event = null;
            try
            {
                if (claimNext)
                {
                    next = workSequence.incrementAndGet(); // volatile add: one claim per sequence across the pool
                    // release: we are done with everything before our claim that we took; the claim itself stays
                    // gated. Derived from the claim, not from a read before it: a stale value could lag a whole
                    // ring behind the claim and leave the producer waiting for us while we wait for it.
                    sequence.set(next - 1);
                    claimNext = false;
                }
                if (next > available)
                {
                    available = barrier.waitFor(next);
                    if (available < next)
                    {
                        continue; // a wait strategy of the user's gave up early: wait again
                    }
                }
                event = ringBuffer.get(next);
                handler.onEvent(event);
                claimNext = true;
            }
            catch (final AlertException ex)
            {
                if (state.get() != RUNNING)
                {
                    break;
                }
                if (Thread.currentThread().isInterrupted())
                {
                    haltAfterInterrupt();
                    break;
                }
            }
            catch (final TimeoutException ex)
            {
                // a timing-out strategy: nothing to report for a worker, wait again
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt(); // a wait strategy of the user's reported it: stop as for an interrupt
                haltAfterInterrupt();
                break;
            }
            catch (final Throwable ex)
            {
                try
                {
                    exceptionHandler.handleEventException(ex, next, event);
                    claimNext = true;
                }
                catch (final Throwable fatal)
                {
                    state.set(HALTED);
                    final Throwable cause = fatal instanceof HandlerFailedException && fatal.getCause() != null ?
                        fatal.getCause() : fatal;
                    ringBuffer.halt("worker " + handler + " failed at sequence " + next + "; the ring is halted",
                        cause);
                    if (fatalErrorListener != null)
                    {
                        fatalErrorListener.accept(cause);
                    }
                    break;
                }
            }
        }
    }
}
