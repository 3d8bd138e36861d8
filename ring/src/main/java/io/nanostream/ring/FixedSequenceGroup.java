package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.Arrays;

/**
 * A fixed set of sequences read as one: its value is their minimum. Read-only: setting it throws.
 * Barriers over several upstream handlers hand one of these to a wait strategy of the Disruptor's shape.
 */
public final class FixedSequenceGroup extends Sequence
{
    private final Sequence[] sequences;

    /**
     * Creates the group.
     *
     * @param sequences the sequences, copied.
     */
    public FixedSequenceGroup(final Sequence[] sequences)
    {
        SequenceGroups.checkNoNulls(sequences, "sequences");
        this.sequences = Arrays.copyOf(sequences, sequences.length);
    }

    /**
     * The minimum of the sequences, or {@link Long#MAX_VALUE} if there are none.
     *
     * @return the minimum.
     */
    @Override
    public long get()
    {
        return SequenceGroups.minimum(sequences, Long.MAX_VALUE);
    }

    @Override
    public long getOpaque()
    {
        return get();
    }

    /** Not supported: a group is read-only. */
    @Override
    public void set(final long value)
    {
        throw new UnsupportedOperationException("a FixedSequenceGroup is read-only");
    }

    /** Not supported: a group is read-only. */
    @Override
    public void setOpaque(final long value)
    {
        throw new UnsupportedOperationException("a FixedSequenceGroup is read-only");
    }

    /** Not supported: a group is read-only. */
    @Override
    public void setVolatile(final long value)
    {
        throw new UnsupportedOperationException("a FixedSequenceGroup is read-only");
    }

    /** Not supported: a group is read-only. */
    @Override
    public boolean compareAndSet(final long expected, final long value)
    {
        throw new UnsupportedOperationException("a FixedSequenceGroup is read-only");
    }

    /** Not supported: a group is read-only. */
    @Override
    public long getAndAdd(final long delta)
    {
        throw new UnsupportedOperationException("a FixedSequenceGroup is read-only");
    }

    /** Not supported: a group is read-only. */
    @Override
    public long addAndGet(final long delta)
    {
        throw new UnsupportedOperationException("a FixedSequenceGroup is read-only");
    }

    /** Not supported: a group is read-only. */
    @Override
    public long incrementAndGet()
    {
        throw new UnsupportedOperationException("a FixedSequenceGroup is read-only");
    }

    @Override
    public String toString()
    {
        return Arrays.toString(sequences);
    }
}
