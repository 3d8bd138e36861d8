package io.nanostream.concurrent;

/** The JVM's clocks: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
public final class SystemClock implements Clock
{
    /** The one instance. */
    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock()
    {
    }

    @Override
    public long nanoTime()
    {
        return System.nanoTime();
    }

    @Override
    public long epochMillis()
    {
        return System.currentTimeMillis();
    }
}
