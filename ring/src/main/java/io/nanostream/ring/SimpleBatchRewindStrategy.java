package io.nanostream.ring;

/** Rewinds every time it is asked, for ever. */
public class SimpleBatchRewindStrategy implements BatchRewindStrategy
{
    /** Creates the strategy. */
    public SimpleBatchRewindStrategy()
    {
    }

    @Override
    public RewindAction handleRewindException(final RewindableException exception, final int attempts)
    {
        return RewindAction.REWIND;
    }
}
