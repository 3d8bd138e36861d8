package io.nanostream.concurrent;

/** Does nothing at all between duty cycles: for loops that the caller paces itself. */
public final class NoOpIdleStrategy implements IdleStrategy
{
    /** The configuration name of this strategy. */
    public static final String ALIAS = "noop";

    /** Creates the strategy; it holds no state, so one may serve any number of threads. */
    public NoOpIdleStrategy()
    {
    }

    @Override
    public void idle()
    {
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
