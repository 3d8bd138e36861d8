package io.nanostream.ring;

/**
 * Blocks waiting consumers on a monitor until the event they want is published, and takes the monitor
 * to wake them after every publish, whether or not anyone waits: the lowest CPU use when idle, the
 * highest cost per publish. {@link LiteBlockingWaitStrategy} skips the monitor when nobody waits, and
 * is usually the better choice. Behind an upstream handler consumers spin, yield, then park briefly
 * (handlers never signal).
 */
public final class BlockingWaitStrategy extends MonitorWaitStrategy
{
    /** Creates the strategy. */
    public BlockingWaitStrategy()
    {
        super(true, 0);
    }
}
