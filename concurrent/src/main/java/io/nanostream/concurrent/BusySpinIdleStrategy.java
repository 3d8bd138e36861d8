package io.nanostream.concurrent;

/** Spins on the CPU with {@link Thread#onSpinWait()}: the lowest latency, a whole core burned. */
public final class BusySpinIdleStrategy implements IdleStrategy
{
    /** The configuration name of this strategy. */
    public static final String ALIAS = "spin";

    /** Creates the strategy; it holds no state, so one may serve any number of threads. */
    public BusySpinIdleStrategy()
    {
    }

    @Override
    public void idle()
    {
        Thread.onSpinWait();
    }

    @Override
    public void reset()
    {
    }

    @Override
    public String alias()
    {
        return ALIAS;
    }

    @Override
    public String toString()
    {
        return ALIAS;
    }
}
