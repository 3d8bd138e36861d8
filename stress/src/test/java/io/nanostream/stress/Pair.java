package io.nanostream.stress;

/**
 * What the stress tests need of an event: two plain {@code long} fields, written in one order and read
 * in the other, so that a reader can tell "written", "not written" and "half written" apart. Two events
 * implement it: {@link PairEvent}, published by the ring's cursor or per-slot flags, and
 * {@link SequencedPairEvent}, which carries its own publication.
 */
public interface Pair
{
    /** A slot whose fields still hold what the event factory left there. */
    int UNWRITTEN = 0;
    /** A slot whose two fields both hold the value expected. */
    int COMPLETE = 1;
    /** A slot that holds anything else: one field written and not the other, or another event's data. */
    int TORN = 2;

    /**
     * Writes {@code tag} into both fields, first then second.
     *
     * @param tag the value to write.
     */
    void write(long tag);

    /**
     * Reads both fields, second then first (the reverse of {@link #write}, so that a reader racing an
     * unordered writer can see a half-written event), and classifies what it saw.
     *
     * @param tag the value expected in both fields.
     * @return {@link #COMPLETE}, {@link #UNWRITTEN} or {@link #TORN}.
     */
    int check(long tag);

    /**
     * Classifies two field values read.
     *
     * @param first  the first field as read.
     * @param second the second field as read.
     * @param tag    the value expected in both.
     * @return {@link #COMPLETE}, {@link #UNWRITTEN} or {@link #TORN}.
     */
    static int classify(final long first, final long second, final long tag)
    {
        if (first == tag && second == tag)
        {
            return COMPLETE;
        }
        return first == 0 && second == 0 ? UNWRITTEN : TORN;
    }
}
