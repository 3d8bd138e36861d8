package io.nanostream.ring;

import java.util.concurrent.TimeUnit;

/**
 * Blocks like {@link LiteBlockingWaitStrategy}, but gives up after a timeout: the processor then
 * calls its handler's {@link EventHandler#onTimeout(long)} and waits again. The monitor's clock has
 * millisecond resolution, so timeouts are rounded up to whole milliseconds.
 */
public final class TimeoutBlockingWaitStrategy extends MonitorWaitStrategy
{
    /**
     * Creates the strategy.
     *
     * @param timeout how long one wait may last, more than 0.
     * @param unit    its unit.
     */
    public TimeoutBlockingWaitStrategy(final long timeout, final TimeUnit unit)
    {
        super(false, checkedTimeout(unit.toNanos(timeout)));
    }

    private static long checkedTimeout(final long nanos)
    {
        if (nanos <= 0)
        {
            throw new IllegalArgumentException("timeout must be more than 0, was " + nanos + "ns");
        }
        return nanos;
    }
}
