package io.nanostream.ring;

import java.util.concurrent.TimeUnit;

/**
 * Blocks like {@link LiteBlockingWaitStrategy} (taking the monitor only when someone waits), but gives
 * up after a timeout: the processor then calls its handler's {@link EventHandler#onTimeout(long)} and
 * waits again.
 */
public final class LiteTimeoutBlockingWaitStrategy extends MonitorWaitStrategy
{
    /**
     * Creates the strategy.
     *
     * @param timeout how long one wait may last, more than 0.
     * @param unit    its unit.
     */
    public LiteTimeoutBlockingWaitStrategy(final long timeout, final TimeUnit unit)
    {
        super(false, checkedTimeout(timeout, unit));
    }
}
