package io.nanostream.ring;

/**
 * Blocks waiting consumers on a monitor, and wakes them only when one is waiting: a publish with
 * nobody waiting costs one fence and one read instead of a lock.
 */
public final class LiteBlockingWaitStrategy extends MonitorWaitStrategy
{
    /** Creates the strategy. */
    public LiteBlockingWaitStrategy()
    {
        super(false, 0);
    }
}
