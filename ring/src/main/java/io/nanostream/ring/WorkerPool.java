package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * A pool of workers sharing one stream of events: each event is handled by exactly one worker. A
 * worker claims an event with one atomic increment, so the pool scales with handlers that take long
 * per event, not with tiny ones (use a {@link BatchEventProcessor} for those).
 *
 * <pre>{@code
 * WorkerPool<Job> pool = new WorkerPool<>(ring, ring.newBarrier(), ExceptionHandlers.logAndHalt(), w1, w2, w3);
 * ring.addGatingSequences(pool.getWorkerSequences());
 * pool.start(Thread.ofPlatform().factory());
 * }</pre>
 *
 * @param <E> the event type.
 */
public final class WorkerPool<E>
{
    private final Sequence workSequence = new Sequence();
    private final RingBuffer<E> ringBuffer;
    private final List<WorkProcessor<E>> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Creates a pool.
     *
     * @param ringBuffer       the ring the workers read.
     * @param barrier          what the workers wait on.
     * @param exceptionHandler what to do when a worker's handler throws.
     * @param handlers         one handler per worker, at least one, all distinct.
     */
    @SafeVarargs
    public WorkerPool(
        final RingBuffer<E> ringBuffer,
        final SequenceBarrier barrier,
        final ExceptionHandler<? super E> exceptionHandler,
        final WorkHandler<? super E>... handlers)
    {
        this(ringBuffer, barrier, exceptionHandler, null, handlers);
    }

    WorkerPool(
        final RingBuffer<E> ringBuffer,
        final SequenceBarrier barrier,
        final ExceptionHandler<? super E> exceptionHandler,
        final Consumer<Throwable> fatalErrorListener,
        final WorkHandler<? super E>[] handlers)
    {
        if (ringBuffer == null || barrier == null || exceptionHandler == null)
        {
            throw new NullPointerException("ringBuffer, barrier and exceptionHandler are all required");
        }
        if (handlers == null || handlers.length == 0)
        {
            throw new IllegalArgumentException("a worker pool needs at least one work handler");
        }
        this.ringBuffer = ringBuffer;
        for (int i = 0; i < handlers.length; i++)
        {
            if (handlers[i] == null)
            {
                throw new NullPointerException("work handler " + i + " is null");
            }
            for (int j = 0; j < i; j++)
            {
                if (handlers[j] == handlers[i])
                {
                    throw new IllegalArgumentException("work handler " + handlers[i] +
                        " is given twice; give each worker its own instance");
                }
            }
            // each worker waits on a barrier of its own: an alert meant for another processor never reaches it
            // (a barrier of the user's cannot be copied; its workers share it, and halt together)
            final SequenceBarrier workerBarrier = barrier instanceof ProcessingSequenceBarrier ours ?
                ours.copy() : barrier;
            workers.add(new WorkProcessor<>(
                ringBuffer, workerBarrier, handlers[i], workSequence, exceptionHandler, fatalErrorListener));
        }
    }

    /**
     * The workers' sequences; gate the ring on them.
     *
     * @return one sequence per worker.
     */
    public Sequence[] getWorkerSequences()
    {
        final Sequence[] sequences = new Sequence[workers.size()];
        for (int i = 0; i < sequences.length; i++)
        {
            sequences[i] = workers.get(i).getSequence();
        }
        return sequences;
    }

    /**
     * Starts one thread per worker; the pool takes the events claimed after this call.
     *
     * @param threadFactory makes the worker threads.
     * @throws IllegalStateException if the pool is already started.
     */
    public synchronized void start(final ThreadFactory threadFactory)
    {
        startAt(ringBuffer.getCursor(), threadFactory);
    }

    synchronized void startAt(final long lastDone, final ThreadFactory threadFactory)
    {
        if (!threads.isEmpty())
        {
            throw new IllegalStateException("worker pool already started; a pool starts once");
        }
        workSequence.set(lastDone);
        for (final WorkProcessor<E> worker : workers)
        {
            worker.getSequence().set(lastDone);
        }
        for (final WorkProcessor<E> worker : workers)
        {
            final Thread thread = threadFactory.newThread(worker);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Sets what happens when a worker's handler throws; call before start.
     *
     * @param exceptionHandler the exception handler.
     */
    public void setExceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        if (exceptionHandler == null)
        {
            throw new NullPointerException("exceptionHandler is null");
        }
        for (final WorkProcessor<E> worker : workers)
        {
            worker.setExceptionHandler(exceptionHandler);
        }
    }

    List<? extends EventProcessor> processors()
    {
        return workers;
    }

    boolean hasHandler(final Object handler)
    {
        for (final WorkProcessor<E> worker : workers)
        {
            if (worker.handler() == handler)
            {
                return true;
            }
        }
        return false;
    }

    synchronized List<Thread> threads()
    {
        return List.copyOf(threads);
    }

    /** Halts every worker after its current event; returns without waiting for them. */
    public void halt()
    {
        for (final WorkProcessor<E> worker : workers)
        {
            worker.halt();
        }
    }

    /**
     * Whether any worker is still running.
     *
     * @return true while a worker runs.
     */
    public boolean isRunning()
    {
        for (final WorkProcessor<E> worker : workers)
        {
            if (worker.isRunning())
            {
                return true;
            }
        }
        return false;
    }
}
