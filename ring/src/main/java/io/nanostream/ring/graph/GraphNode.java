package io.nanostream.ring.graph;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.BatchEventProcessor;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.EventProcessor;
import io.nanostream.ring.ExceptionHandler;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.WorkerPool;
import io.nanostream.ring.internal.RingInternals;

import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * One consumer in a {@link HandlerGraph}: a batch processor of ours, a processor of the user's, or a
 * worker pool; what it waits on, and what it follows.
 */
final class GraphNode<E>
{
    /** What the user names the node by: the handler, the pool, or the user's processor itself. */
    final Object handler;
    /** The processor that runs the node, or null for a worker pool. */
    final EventProcessor processor;
    /** The processor when it is ours, else null. */
    final BatchEventProcessor<E> batch;
    final WorkerPool<E> pool;
    /** What the processor waits on, or null when the user's processor keeps its own. */
    final SequenceBarrier barrier;
    final List<GraphNode<E>> dependencies;
    boolean endOfChain = true;
    boolean customExceptionHandler;
    private Thread thread;

    private GraphNode(
        final Object handler, final EventProcessor processor, final BatchEventProcessor<E> batch,
        final WorkerPool<E> pool, final SequenceBarrier barrier, final List<GraphNode<E>> dependencies)
    {
        this.handler = handler;
        this.processor = processor;
        this.batch = batch;
        this.pool = pool;
        this.barrier = barrier;
        this.dependencies = List.copyOf(dependencies);
    }

    static <E> GraphNode<E> ofHandler(
        final EventHandler<? super E> handler, final BatchEventProcessor<E> processor, final SequenceBarrier barrier,
        final List<GraphNode<E>> dependencies)
    {
        return new GraphNode<>(handler, processor, processor, null, barrier, dependencies);
    }

    static <E> GraphNode<E> ofProcessor(final EventProcessor processor, final List<GraphNode<E>> dependencies)
    {
        @SuppressWarnings("unchecked")
        final BatchEventProcessor<E> batch = processor instanceof BatchEventProcessor<?> ours ?
            (BatchEventProcessor<E>)ours : null;
        return new GraphNode<>(processor, processor, batch, null, null, dependencies);
    }

    static <E> GraphNode<E> ofPool(final WorkerPool<E> pool, final List<GraphNode<E>> dependencies)
    {
        return new GraphNode<>(pool, null, null, pool, null, dependencies);
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

    /** Whether an exception handler can be set: a batch processor or a pool. */
    boolean takesExceptionHandler()
    {
        return processor == null || batch != null;
    }

    void setExceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        if (batch != null)
        {
            batch.setExceptionHandler(exceptionHandler);
        }
        else if (pool != null)
        {
            pool.setExceptionHandler(exceptionHandler);
        }
    }

    void start(final ThreadFactory threadFactory)
    {
        if (processor != null)
        {
            thread = threadFactory.newThread(processor);
            if (thread == null)
            {
                throw new IllegalStateException("thread factory " + threadFactory + " made no thread for " + this);
            }
            thread.start();
        }
        else
        {
            RingInternals.get().startAt(pool, pool.getWorkerSequences()[0].get(), threadFactory);
        }
    }

    boolean started()
    {
        return processor != null ? thread != null : !RingInternals.get().threads(pool).isEmpty();
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

    private List<Thread> threads()
    {
        return processor != null ? (thread == null ? List.of() : List.of(thread)) : RingInternals.get().threads(pool);
    }

    /** Waits for this node's threads to end, until the deadline; true if they all did. */
    boolean join(final long deadlineNanos)
    {
        boolean interrupted = false;
        try
        {
            for (final Thread t : threads())
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
        for (final Thread t : threads())
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
