package io.nanostream.stress;

/**
 * A plain event with two {@code long} fields: a ring of these publishes through its cursor (one
 * producer) or per-slot flags (many). Plain fields on purpose: any ordering a reader gets comes from
 * the ring, not from the event.
 */
public final class PairEvent implements Pair
{
    /** The first field. */
    public long first;
    /** The second field. */
    public long second;

    @Override
    public void write(final long tag)
    {
        first = tag;
        second = tag;
    }

    @Override
    public int check(final long tag)
    {
        final long s = second;
        final long f = first;
        return Pair.classify(f, s, tag);
    }
}
