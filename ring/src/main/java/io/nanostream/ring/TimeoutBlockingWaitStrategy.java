package io.nanostream.ring;

import java.util.concurrent.TimeUnit;

/**
 * Blocks like {@link BlockingWaitStrategy} (taking the monitor on every publish), but gives up after a
 * timeout: the processor then calls its handler's {@link EventHandler#onTimeout(long)} and waits again.
 * {@link LiteTimeoutBlockingWaitStrategy} takes the monitor only when someone waits.
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
        super(true, checkedTimeout(timeout, unit));
    }
}
