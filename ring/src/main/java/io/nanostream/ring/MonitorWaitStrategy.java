package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Blocks waiting consumers on a monitor ({@code Object.wait}, which allocates nothing on the Java
 * heap per wait) until the event they want is published, and wakes them with {@code notifyAll} after
 * each publication; then waits for upstream handlers with {@link UpstreamWait}. Counts its waiters so
 * that a signal can skip the monitor when nobody waits.
 */
abstract class MonitorWaitStrategy extends BarrierWaitStrategy
{
    private static final VarHandle WAITERS;

    static
    {
        try
        {
            WAITERS = MethodHandles.lookup().findVarHandle(MonitorWaitStrategy.class, "waiters", int.class)
                .withInvokeExactBehavior();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Object mutex = new Object();
    private final boolean signalAlways;
    private final long timeoutNanos;
    private volatile int waiters;

    MonitorWaitStrategy(final boolean signalAlways, final long timeoutNanos)
    {
        this.signalAlways = signalAlways;
        this.timeoutNanos = timeoutNanos;
    }

    static long checkedTimeout(final long timeout, final java.util.concurrent.TimeUnit unit)
    {
        if (unit == null)
        {
            throw new NullPointerException("unit is null");
        }
        final long nanos = unit.toNanos(timeout);
        if (nanos <= 0)
        {
            throw new IllegalArgumentException("timeout must be more than 0, was " + timeout + " " + unit);
        }
        return nanos;
    }

    @Override
    final void await(final long sequence, final ProcessingSequenceBarrier barrier) throws TimeoutException
    {
        final long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        if (!barrier.isPublished(sequence))
        {
            block(sequence, barrier, null, barrier, deadline);
        }
        if (barrier.hasDependents())
        {
            UpstreamWait.await(sequence, barrier, null, barrier, deadline);
        }
    }

    @Override
    public final long waitFor(final long sequence, final Sequence cursor, final Sequence dependent,
        final SequenceBarrier barrier) throws TimeoutException
    {
        final long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        if (cursor.get() < sequence)
        {
            block(sequence, null, cursor, barrier, deadline);
        }
        return UpstreamWait.await(sequence, null, dependent, barrier, deadline);
    }

    /** Blocks until {@code sequence} is published: read from our barrier if given, else from {@code cursor}. */
    private void block(
        final long sequence, final ProcessingSequenceBarrier ours, final Sequence cursor, final SequenceBarrier alerts,
        final long deadline) throws TimeoutException
    {
        synchronized (mutex)
        {
            // volatile add: our registration is ordered before the re-check below (pairs with signal's fence)
            int unused = (int)WAITERS.getAndAdd(this, 1);
            try
            {
                while (ours != null ? !ours.isPublished(sequence) : cursor.get() < sequence)
                {
                    alerts.checkAlert();
                    if (deadline != 0)
                    {
                        final long remaining = deadline - System.nanoTime();
                        if (remaining <= 0)
                        {
                            throw TimeoutException.INSTANCE;
                        }
                        mutex.wait(remaining / 1_000_000L, (int)(remaining % 1_000_000L));
                    }
                    else
                    {
                        mutex.wait();
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw AlertException.INSTANCE;
            }
            finally
            {
                unused = (int)WAITERS.getAndAdd(this, -1);
            }
        }
    }

    @Override
    public final void signalAllWhenBlocking()
    {
        if (!signalAlways)
        {
            VarHandle.fullFence(); // the caller's publish store is ordered before our read of the waiter count
            if (waiters == 0)
            {
                return;
            }
        }
        synchronized (mutex)
        {
            mutex.notifyAll();
        }
    }
}
