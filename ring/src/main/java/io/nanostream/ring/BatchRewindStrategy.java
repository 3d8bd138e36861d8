package io.nanostream.ring;

/** Decides whether a processor replays a batch whose handler threw a {@link RewindableException}. */
@FunctionalInterface
public interface BatchRewindStrategy
{
    /**
     * Decides what to do about one rewind request.
     *
     * @param exception the exception the handler threw.
     * @param attempts  how many times in a row this batch has been rewound already, plus one.
     * @return rewind or throw.
     */
    RewindAction handleRewindException(RewindableException exception, int attempts);

    /**
     * Rewinds every time.
     *
     * @return the strategy.
     */
    static BatchRewindStrategy always()
    {
        return (exception, attempts) -> RewindAction.REWIND;
    }

    /**
     * Rewinds up to {@code maxAttempts} times in a row, then gives up.
     *
     * @param maxAttempts rewinds allowed for one batch, at least 1.
     * @return the strategy.
     */
    static BatchRewindStrategy giveUpAfter(final int maxAttempts)
    {
        if (maxAttempts < 1)
        {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        return (exception, attempts) -> attempts <= maxAttempts ? RewindAction.REWIND : RewindAction.THROW;
    }

    /**
     * Parks for a fixed time before each rewind, and always rewinds.
     *
     * @param pauseNanos how long to park before replaying.
     * @return the strategy.
     */
    static BatchRewindStrategy pauseThenRewind(final long pauseNanos)
    {
        return (exception, attempts) ->
        {
            java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
            return RewindAction.REWIND;
        };
    }
}
