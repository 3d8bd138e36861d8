package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link HandlerGraph}'s life: start, drain, halt, and removing a handler from a running graph.
 *
 * @param <E> the event type.
 */
abstract class HandlerGraphLifecycle<E> extends HandlerGraphWiring<E>
{
    private static final long HALT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long DRAIN_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.ring");

    HandlerGraphLifecycle(final RingBuffer<E> ringBuffer, final ThreadFactory threadFactory, final ExceptionHandler<? super E> exceptionHandler)
    {
        super(ringBuffer, threadFactory, exceptionHandler);
    }

    /**
     * Starts a thread per handler (and per worker).
     *
     * @return the ring, to publish on.
     * @throws IllegalStateException if the graph was started before.
     */
    public synchronized RingBuffer<E> start()
    {
        if (state != NEW)
        {
            throw new IllegalStateException("graph already started" + (state == HALTED ? " and halted" : "") +
                "; a graph starts once, build a new one to start again");
        }
        state = STARTED;
        for (final GraphNode<E> node : nodes)
        {
            node.start(threadFactory);
        }
        return ringBuffer;
    }

    /**
     * Whether {@link #start()} was called.
     *
     * @return true once started (also after a halt).
     */
    public synchronized boolean hasStarted()
    {
        return state != NEW;
    }

    /**
     * Stops every handler after the batch in hand, without draining, and halts the ring so that
     * producers waiting for room get a {@link RingHaltedException}. Waits up to two seconds for the
     * handler threads to end, interrupting after the first those still busy in a handler, and logs
     * any that will not stop.
     */
    public void halt()
    {
        synchronized (this)
        {
            state = HALTED;
        }
        ringBuffer.halt("handler graph halted", null);
        for (final GraphNode<E> node : nodes)
        {
            node.halt();
        }
        final long graceEnd = System.nanoTime() + HALT_GRACE_NANOS;
        for (final GraphNode<E> node : nodes)
        {
            if (!node.join(graceEnd))
            {
                node.interrupt();
            }
        }
        final long lastEnd = System.nanoTime() + HALT_GRACE_NANOS;
        for (final GraphNode<E> node : nodes)
        {
            if (!node.join(lastEnd))
            {
                LOGGER.log(System.Logger.Level.WARNING, "handler " + node + " did not stop within 2 s of halt, even when interrupted");
            }
        }
    }

    @Override
    final void haltAfterFailure(final Throwable cause)
    {
        for (final GraphNode<E> node : nodes)
        {
            node.halt();
        }
    }

    /**
     * Waits until every event claimed so far has been handled by every handler, then halts. Stop the
     * producers first: events published after the drain are not handled. With a handler stuck, this
     * takes the timeout plus up to two seconds of {@link #halt()}.
     *
     * @param timeout how long to wait for the drain.
     * @return true if everything was handled; false if the time ran out or a handler halted the ring,
     * in which case the graph is halted all the same.
     */
    public boolean shutdown(final Duration timeout)
    {
        final long deadline = System.nanoTime() + RingBufferTranslators.required(timeout, "timeout").toNanos();
        final boolean drained = drain(deadline);
        halt();
        return drained;
    }

    /**
     * Waits until every event claimed so far has been handled by every handler, then halts; waits as
     * long as that takes (or until a handler halts the ring).
     */
    public void shutdown()
    {
        drain(0);
        halt();
    }

    /**
     * Waits until every event claimed so far has been handled by every handler, then halts, as the
     * Disruptor's does: if the handlers have not drained by the timeout, throws at the timeout and
     * leaves the graph running (halt it, or call this again). Returns early, halted, if a handler halted
     * the ring (that handler's failure went to its exception handler and to the producers).
     *
     * @param timeout how long to wait for the drain; negative to wait as long as it takes.
     * @param unit    its unit.
     * @throws TimeoutException if the handlers have not drained in time; the message names those behind.
     */
    public void shutdown(final long timeout, final TimeUnit unit) throws TimeoutException
    {
        final long nanos = RingBufferTranslators.required(unit, "unit").toNanos(timeout);
        final long deadline = timeout < 0 ? 0 : System.nanoTime() + nanos;
        if (!drain(timeout >= 0 && deadline == 0 ? 1 : deadline) && !ringBuffer.isHalted())
        {
            throw new TimeoutException("handlers did not drain within " + timeout + " " + unit + ": " + backlogDescription() +
                "; the graph is still running");
        }
        halt();
    }

    /** Waits until nothing is left or the ring is halted (true if nothing is left), or the deadline (0: none) passes. */
    private boolean drain(final long deadline)
    {
        boolean drained;
        while (!(drained = !hasBacklog()) && !ringBuffer.isHalted() && (deadline == 0 || System.nanoTime() - deadline < 0))
        {
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
        return drained;
    }

    /**
     * Whether some claimed event has not yet been handled by every handler.
     *
     * @return true while there is a backlog.
     */
    public boolean hasBacklog()
    {
        final long cursor = ringBuffer.getCursor();
        for (final GraphNode<E> node : nodes)
        {
            if (node.endOfChain)
            {
                for (final Sequence sequence : node.sequences())
                {
                    if (sequence.get() < cursor)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private String backlogDescription()
    {
        final long cursor = ringBuffer.getCursor();
        final StringBuilder behind = new StringBuilder("cursor at ").append(cursor);
        for (final GraphNode<E> node : nodes)
        {
            for (final Sequence sequence : node.sequences())
            {
                final long at = sequence.get();
                if (at < cursor)
                {
                    behind.append(", ").append(node).append(" at ").append(at);
                }
            }
        }
        return behind.toString();
    }

    /**
     * Removes a handler that no other handler follows; on a running graph it stops after the batch in
     * hand (without draining), and producers stop waiting for it once its thread has ended.
     *
     * @param handler the handler to remove.
     * @throws IllegalArgumentException if it is not in the graph or other handlers follow it.
     * @throws IllegalStateException    if its thread does not end within two seconds (a long batch, a stuck
     *                                  handler): it then stays in the graph, still gating producers, and a
     *                                  later call finishes the removal.
     */
    public void removeHandler(final EventHandler<? super E> handler)
    {
        final GraphNode<E> node;
        synchronized (this)
        {
            node = nodeOf(handler);
            for (final GraphNode<E> other : nodes)
            {
                if (other.dependencies.contains(node))
                {
                    throw new IllegalArgumentException("handler " + handler + " has handler " + other +
                        " after it; remove that one first");
                }
            }
            for (final GraphNode<E> dependency : node.dependencies)
            {
                if (!dependency.endOfChain && nodes.stream().noneMatch(other -> other != node && other.dependencies.contains(dependency)))
                {
                    dependency.endOfChain = true;
                    // at or ahead of the removed handler, which still gates until its thread ends: safe to add now
                    ringBuffer.sequencer.addGatingSequencesAsIs(dependency.sequences());
                }
            }
            node.halt();
        }
        boolean stopped = node.join(System.nanoTime() + HALT_GRACE_NANOS);
        if (!stopped)
        {
            node.interrupt();
            stopped = node.join(System.nanoTime() + HALT_GRACE_NANOS);
        }
        synchronized (this)
        {
            if (!stopped)
            {
                throw new IllegalStateException("handler " + handler + " did not stop within 2 s (a long batch or a stuck " +
                    "handler); it stays in the graph and gates producers until it does; call removeHandler again later");
            }
            for (final Sequence sequence : node.sequences())
            {
                ringBuffer.sequencer.removeGatingSequence(sequence);
            }
            nodes.remove(node);
        }
    }
}
