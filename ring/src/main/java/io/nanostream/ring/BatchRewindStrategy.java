package io.nanostream.ring;

/** Decides whether a processor replays a batch whose handler threw a {@link RewindableException}. */
@FunctionalInterface
public interface BatchRewindStrategy
{
    /**
     * Decides what to do about one rewind request.
     *
     * @param exception the exception the handler threw.
     * @param attempts  how many rewind requests in a row this batch has had, this one included (1 for the
     *                  first), as the Disruptor counts.
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
        return new SimpleBatchRewindStrategy();
    }

    /**
     * Replays a batch up to {@code maxRewinds} times in a row, then gives up: the handler is called
     * {@code maxRewinds + 1} times on the failing event. The same as
     * {@code new EventuallyGiveUpBatchRewindStrategy(maxRewinds + 1)}.
     *
     * @param maxRewinds replays allowed for one batch, at least 1.
     * @return the strategy.
     */
    static BatchRewindStrategy giveUpAfter(final int maxRewinds)
    {
        if (maxRewinds < 1)
        {
            throw new IllegalArgumentException("maxRewinds must be at least 1, was " + maxRewinds);
        }
        return new EventuallyGiveUpBatchRewindStrategy(maxRewinds + 1L);
    }

    /**
     * Parks for a fixed time before each rewind, and always rewinds.
     *
     * @param pauseNanos how long to park before replaying.
     * @return the strategy.
     */
    static BatchRewindStrategy pauseThenRewind(final long pauseNanos)
    {
        return new NanosecondPauseBatchRewindStrategy(pauseNanos);
    }
}
