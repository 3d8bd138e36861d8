package io.nanostream.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Blocks waiting consumers on a monitor ({@code Object.wait}, which allocates nothing on the Java
 * heap per wait) and wakes them with {@code notifyAll}. Counts its waiters so that a signal can skip
 * the monitor when nobody waits.
 */
abstract class MonitorWaitStrategy implements WaitStrategy
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

    @Override
    public final long waitFor(final long sequence, final SequenceBarrier barrier)
    {
        long available = barrier.available(sequence);
        if (available >= sequence)
        {
            return available;
        }
        final long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        synchronized (mutex)
        {
            // volatile add: our registration is ordered before the re-check below (pairs with signal's fence)
            int unused = (int)WAITERS.getAndAdd(this, 1);
            try
            {
                while ((available = barrier.available(sequence)) < sequence)
                {
                    barrier.checkAlert();
                    if (timeoutNanos > 0)
                    {
                        final long remaining = deadline - System.nanoTime();
                        if (remaining <= 0)
                        {
                            throw WaitTimeoutException.INSTANCE;
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
        return available;
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
