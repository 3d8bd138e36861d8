package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.List;
import java.util.concurrent.ThreadFactory;

/** One consumer in a {@link HandlerGraph}: a batch processor or a worker pool, and what it follows. */
final class GraphNode<E>
{
    final Object handler;
    final BatchEventProcessor<E> processor;
    final WorkerPool<E> pool;
    final List<GraphNode<E>> dependencies;
    boolean endOfChain = true;
    boolean customExceptionHandler;
    private Thread thread;

    GraphNode(final EventHandler<? super E> handler, final BatchEventProcessor<E> processor, final List<GraphNode<E>> dependencies)
    {
        this.handler = handler;
        this.processor = processor;
        this.pool = null;
        this.dependencies = List.copyOf(dependencies);
    }

    GraphNode(final WorkerPool<E> pool, final List<GraphNode<E>> dependencies)
    {
        this.handler = pool;
        this.processor = null;
        this.pool = pool;
        this.dependencies = List.copyOf(dependencies);
    }

    Sequence[] sequences()
    {
        return processor != null ? new Sequence[]{processor.getSequence()} : pool.getWorkerSequences();
    }

    void setSequences(final long value)
    {
        for (final Sequence sequence : sequences())
        {
            sequence.set(value);
        }
    }

    void setExceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        if (processor != null)
        {
            processor.setExceptionHandler(exceptionHandler);
        }
        else
        {
            pool.setExceptionHandler(exceptionHandler);
        }
    }

    void start(final ThreadFactory threadFactory)
    {
        if (processor != null)
        {
            thread = threadFactory.newThread(processor);
            thread.start();
        }
        else
        {
            pool.startAt(pool.getWorkerSequences()[0].get(), threadFactory);
        }
    }

    boolean started()
    {
        return processor != null ? thread != null : !pool.threads().isEmpty();
    }

    void halt()
    {
        if (processor != null)
        {
            processor.halt();
        }
        else
        {
            pool.halt();
        }
    }

    /** Waits for this node's threads to end, until the deadline; true if they all did. */
    boolean join(final long deadlineNanos)
    {
        final List<Thread> threads = processor != null ? (thread == null ? List.of() : List.of(thread)) : pool.threads();
        boolean interrupted = false;
        try
        {
            for (final Thread t : threads)
            {
                while (t != Thread.currentThread() && t.isAlive())
                {
                    final long remaining = deadlineNanos - System.nanoTime();
                    if (remaining <= 0)
                    {
                        return false;
                    }
                    try
                    {
                        t.join(Math.max(1, remaining / 1_000_000));
                    }
                    catch (final InterruptedException ex)
                    {
                        interrupted = true;
                    }
                }
            }
            return true;
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Interrupts this node's threads, to unstick a handler blocked inside {@code onEvent}. */
    void interrupt()
    {
        final List<Thread> threads = processor != null ? (thread == null ? List.of() : List.of(thread)) : pool.threads();
        for (final Thread t : threads)
        {
            if (t != Thread.currentThread())
            {
                t.interrupt();
            }
        }
    }

    @Override
    public String toString()
    {
        return String.valueOf(handler);
    }
}
