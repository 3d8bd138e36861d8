package io.nanostream.concurrent;

/** Gives the core to another runnable thread with {@link Thread#yield()}; still busy when alone. */
public final class YieldingIdleStrategy implements IdleStrategy
{
    /** The configuration name of this strategy. */
    public static final String ALIAS = "yield";

    /** Creates the strategy; it holds no state, so one may serve any number of threads. */
    public YieldingIdleStrategy()
    {
    }

    @Override
    public void idle()
    {
        Thread.yield();
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
