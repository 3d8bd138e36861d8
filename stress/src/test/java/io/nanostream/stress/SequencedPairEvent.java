package io.nanostream.stress;

import io.nanostream.ring.SequencedEvent;

/**
 * An event with two {@code long} fields that carries its own publication: a ring of these, single- or
 * multi-producer, publishes by a release store of the sequence into the event, and its consumers read
 * that mark with acquire. The data fields are plain, as in {@link PairEvent}.
 */
public final class SequencedPairEvent extends SequencedEvent implements Pair
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
