package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Adds sequences to and removes them from an array field that readers use without locks (a sequencer's
 * gating sequences, a {@link SequenceGroup}'s members): each change copies the array and swaps it in
 * with a CAS, so a reader always sees a whole array. Package-private, as the Disruptor's is.
 */
final class SequenceGroups
{
    static final Sequence[] NONE = new Sequence[0];

    private SequenceGroups()
    {
    }

    /** Adds sequences as they are; the caller has set them to safe values. */
    static void add(final Object holder, final VarHandle field, final Sequence... added)
    {
        Sequence[] current;
        Sequence[] updated;
        do
        {
            current = (Sequence[])field.getVolatile(holder); // volatile: the latest array, which the CAS below replaces
            updated = Arrays.copyOf(current, current.length + added.length);
            System.arraycopy(added, 0, updated, current.length, added.length);
        }
        while (!field.compareAndSet(holder, current,
            updated)); // volatile CAS: ordered before the cursor re-read that follows
    }

    /**
     * Adds sequences that start at the cursor, so their owners see what is claimed from now on. The
     * start is read again after the sequences are visible to producers, which closes the window in
     * which a producer, working from the old set, could lap a slot the new owner is about to read.
     */
    static void addAtCursor(final Object holder, final VarHandle field, final Cursored cursor, final Sequence... added)
    {
        for (final Sequence sequence : added)
        {
            sequence.set(cursor.getCursor());
        }
        add(holder, field, added);
        final long start = cursor.getCursor();
        for (final Sequence sequence : added)
        {
            sequence.set(start);
        }
    }

    /** Removes every occurrence of {@code removed}; true if there was one. */
    static boolean remove(final Object holder, final VarHandle field, final Sequence removed)
    {
        Sequence[] current;
        Sequence[] updated;
        do
        {
            current = (Sequence[])field.getVolatile(holder); // volatile: the latest array, which the CAS below replaces
            int kept = 0;
            updated = new Sequence[current.length];
            for (final Sequence sequence : current)
            {
                if (sequence != removed)
                {
                    updated[kept++] = sequence;
                }
            }
            if (kept == current.length)
            {
                return false;
            }
            updated = Arrays.copyOf(updated, kept);
        }
        while (!field.compareAndSet(holder, current,
            updated)); // volatile CAS: readers see the set without it from now on
        return true;
    }

    /** The smallest value among {@code sequences} and {@code ceiling}. */
    static long minimum(final Sequence[] sequences, final long ceiling)
    {
        long minimum = ceiling;
        for (final Sequence sequence : sequences)
        {
            minimum = Math.min(minimum, sequence.get());
        }
        return minimum;
    }

    static void checkNoNulls(final Sequence[] sequences, final String what)
    {
        if (sequences == null)
        {
            throw new NullPointerException(what + " is null; pass no sequences rather than null");
        }
        for (int i = 0; i < sequences.length; i++)
        {
            if (sequences[i] == null)
            {
                throw new NullPointerException(what + "[" + i + "] is null");
            }
        }
    }
}
