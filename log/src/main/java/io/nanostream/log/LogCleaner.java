package io.nanostream.log;

/**
 * Zeroes a log behind its slowest reader, one term behind, so that writers find clean terms when they
 * come round again, and remembers how far it has cleaned. Owned by the one thread that cleans the log
 * (the driver's conductor or receiver).
 */
public final class LogCleaner
{
    private final LogBuffers log;
    private long cleanPosition;

    /**
     * Cleans a log from a position; everything before it is taken as clean already.
     *
     * @param log   the log.
     * @param start where cleaning starts (0 for a new log; the start of the join term for an image).
     */
    public LogCleaner(final LogBuffers log, final long start)
    {
        this.log = log;
        this.cleanPosition = start;
    }

    /**
     * Zeroes the log up to a position, if it is not already clean that far. Positions come from shared memory
     * (subscribers' counters, the log's tail counters), so the work is bounded whatever they say: never more than
     * one term per call, never backwards, never past the limit.
     *
     * @param position where cleaning should stop (exclusive), e.g. the slowest reader's position less a term.
     * @param limit    where cleaning must stop whatever the position says, e.g. the producer position less a term.
     * @return 1 if it cleaned, else 0: the work done.
     */
    public int cleanTo(final long position, final long limit)
    {
        final long oneTerm = cleanPosition + Math.min(log.termLength(), Long.MAX_VALUE - cleanPosition);
        final long target = Math.min(Math.min(position, limit), oneTerm);
        if (target <= cleanPosition)
        {
            return 0;
        }
        log.zero(cleanPosition, target);
        cleanPosition = target;
        return 1;
    }

    /**
     * How far the log is clean.
     *
     * @return the position.
     */
    public long cleanPosition()
    {
        return cleanPosition;
    }
}
