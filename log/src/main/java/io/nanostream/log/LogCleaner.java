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
     * Zeroes the log up to a position, if it is not already clean that far.
     *
     * @param position where cleaning stops (exclusive).
     * @return 1 if it cleaned, else 0: the work done.
     */
    public int cleanTo(final long position)
    {
        if (cleanPosition >= position)
        {
            return 0;
        }
        log.zero(cleanPosition, position);
        cleanPosition = position;
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
