package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A set of sequences that can change while it is in use, read as one: its value is their minimum, and
 * setting it sets them all. Gate a ring on a group, then add consumers to the group as they come
 * (with {@link #addWhileRunning}) and remove them as they go.
 */
public final class SequenceGroup extends Sequence
{
    private static final VarHandle SEQUENCES;

    static
    {
        try
        {
            SEQUENCES = MethodHandles.lookup().findVarHandle(SequenceGroup.class, "sequences", Sequence[].class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private volatile Sequence[] sequences = SequenceGroups.NONE;

    /** Creates an empty group. */
    public SequenceGroup()
    {
        super(-1);
    }

    /**
     * The minimum of the members, or {@link Long#MAX_VALUE} while there are none.
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

    /**
     * Sets every member.
     *
     * @param value the value.
     */
    @Override
    public void set(final long value)
    {
        for (final Sequence sequence : sequences)
        {
            sequence.set(value);
        }
    }

    /**
     * Adds a member as it is: for setting up, before the group gates a running ring (then use
     * {@link #addWhileRunning}).
     *
     * @param sequence the member.
     */
    public void add(final Sequence sequence)
    {
        if (sequence == null)
        {
            throw new NullPointerException("sequence is null");
        }
        SequenceGroups.add(this, SEQUENCES, sequence);
    }

    /**
     * Removes every occurrence of a member.
     *
     * @param sequence the member.
     * @return true if it was a member.
     */
    public boolean remove(final Sequence sequence)
    {
        if (sequence == null)
        {
            throw new NullPointerException("sequence is null");
        }
        return SequenceGroups.remove(this, SEQUENCES, sequence);
    }

    /**
     * The number of members.
     *
     * @return the size.
     */
    public int size()
    {
        return sequences.length;
    }

    /**
     * Adds a member to a group that already gates a running ring: the member starts at the cursor, so
     * its consumer handles what is claimed from now on and producers never lap it.
     *
     * @param cursored the ring (or sequencer) the group gates.
     * @param sequence the member.
     */
    public void addWhileRunning(final Cursored cursored, final Sequence sequence)
    {
        if (cursored == null || sequence == null)
        {
            throw new NullPointerException(cursored == null ? "cursored is null" : "sequence is null");
        }
        SequenceGroups.addAtCursor(this, SEQUENCES, cursored, sequence);
    }
}
