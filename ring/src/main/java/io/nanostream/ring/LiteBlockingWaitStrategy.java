package io.nanostream.ring;

/**
 * Blocks waiting consumers on a monitor until the event they want is published, and wakes them only
 * when one is waiting: a publish with nobody waiting costs one fence and one read instead of a lock.
 * Behind an upstream handler consumers spin, yield, then park briefly (handlers never signal).
 */
public final class LiteBlockingWaitStrategy extends MonitorWaitStrategy
{
    /** Creates the strategy. */
    public LiteBlockingWaitStrategy()
    {
        super(false, 0);
    }
}
