package io.nanostream.stress;

/**
 * The event the stress tests put in their rings: two plain {@code long} fields, so that a reader can
 * tell "written", "not written" and "half written" apart. Plain fields on purpose: any ordering a
 * reader gets comes from the ring, not from the event.
 */
public final class PairEvent
{
    /** A slot whose fields still hold what the event factory left there. */
    public static final int UNWRITTEN = 0;
    /** A slot whose two fields both hold the value expected. */
    public static final int COMPLETE = 1;
    /** A slot that holds anything else: one field written and not the other, or another event's data. */
    public static final int TORN = 2;

    /** The first field. */
    public long first;
    /** The second field. */
    public long second;

    /**
     * Writes {@code tag} into both fields, first then second.
     *
     * @param tag the value to write.
     */
    public void write(final long tag)
    {
        first = tag;
        second = tag;
    }

    /**
     * Reads both fields, second then first (the reverse of {@link #write}, so that a reader racing an
     * unordered writer can see a half-written event), and classifies what it saw.
     *
     * @param tag the value expected in both fields.
     * @return {@link #COMPLETE}, {@link #UNWRITTEN} or {@link #TORN}.
     */
    public int check(final long tag)
    {
        final long s = second;
        final long f = first;
        if (f == tag && s == tag)
        {
            return COMPLETE;
        }
        return f == 0 && s == 0 ? UNWRITTEN : TORN;
    }
}
