package io.nanostream.concurrent;

/**
 * A clock read once per duty cycle: the agent calls {@link #update()} at the top of its cycle and
 * everything it calls reads the cached time, so a cycle sees one instant and pays for one clock read.
 * Owned by one agent thread.
 */
public final class CachedClock implements Clock
{
    private final Clock source;
    private long nanoTime;
    private long epochMillis;

    /**
     * Caches a source clock; reads it once now.
     *
     * @param source the clock to read on {@link #update()}.
     */
    public CachedClock(final Clock source)
    {
        if (source == null)
        {
            throw new NullPointerException("source clock is null");
        }
        this.source = source;
        update();
    }

    /** Reads the source clock. */
    public void update()
    {
        nanoTime = source.nanoTime();
        epochMillis = source.epochMillis();
    }

    @Override
    public long nanoTime()
    {
        return nanoTime;
    }

    @Override
    public long epochMillis()
    {
        return epochMillis;
    }
}
