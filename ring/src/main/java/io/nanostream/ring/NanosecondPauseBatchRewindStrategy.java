package io.nanostream.ring;

import java.util.concurrent.locks.LockSupport;

/** Parks for a fixed time before every rewind, and always rewinds. */
public class NanosecondPauseBatchRewindStrategy implements BatchRewindStrategy
{
    private final long pauseNanos;

    /**
     * Creates the strategy.
     *
     * @param pauseNanos how long to park before each replay, in nanoseconds (0 or less: no pause).
     */
    public NanosecondPauseBatchRewindStrategy(final long pauseNanos)
    {
        this.pauseNanos = pauseNanos;
    }

    @Override
    public RewindAction handleRewindException(final RewindableException exception, final int attempts)
    {
        if (pauseNanos > 0)
        {
            LockSupport.parkNanos(pauseNanos);
        }
        return RewindAction.REWIND;
    }
}
