package io.nanostream.ring;

/**
 * Rewinds a batch until the handler has thrown {@code maxAttempts} rewind requests in a row for it,
 * then gives up (the exception handler sees the last one as a failure). Counted as the Disruptor counts:
 * with {@code maxAttempts} 3 the handler is called three times on the failing event (the first try and
 * two replays). {@link BatchRewindStrategy#giveUpAfter(int)} counts replays instead.
 */
public class EventuallyGiveUpBatchRewindStrategy implements BatchRewindStrategy
{
    private final long maxAttempts;

    /**
     * Creates the strategy.
     *
     * @param maxAttempts rewind requests in a row, at least 1, after which the processor gives up.
     */
    public EventuallyGiveUpBatchRewindStrategy(final long maxAttempts)
    {
        if (maxAttempts < 1)
        {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public RewindAction handleRewindException(final RewindableException exception, final int attempts)
    {
        return attempts >= maxAttempts ? RewindAction.THROW : RewindAction.REWIND;
    }
}
