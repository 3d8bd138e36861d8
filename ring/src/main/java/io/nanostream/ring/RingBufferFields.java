package io.nanostream.ring;

/** The ring's read-only fields, padded so that no other object's hot field shares their lines. */
abstract class RingBufferFields<E> extends RingBufferLeftPadding
{
    /** Unused slots kept before and after the live ones, 128+ bytes with 4- or 8-byte references. */
    static final int ENTRY_PADDING = 32;

    final Object[] entries;
    final int indexMask;
    final AbstractSequencer sequencer;

    RingBufferFields(final Object[] entries, final AbstractSequencer sequencer)
    {
        this.sequencer = sequencer;
        this.indexMask = sequencer.bufferSize - 1;
        this.entries = entries;
    }

    /** Makes every event up front, in a padded array; checks the factory's output. */
    static Object[] preallocate(final EventFactory<?> factory, final int size)
    {
        if (factory == null)
        {
            throw new NullPointerException("event factory is null; pass e.g. MyEvent::new");
        }
        AbstractSequencer.checkBufferSize(size);
        final Object[] entries = new Object[size + 2 * ENTRY_PADDING];
        int sequenced = 0;
        for (int i = 0; i < size; i++)
        {
            final Object event = factory.newInstance();
            if (event == null)
            {
                throw new NullPointerException("event factory returned null for slot " + i +
                    "; it must make a new event");
            }
            if (event instanceof SequencedEvent)
            {
                sequenced++;
            }
            entries[ENTRY_PADDING + i] = event;
        }
        if (sequenced != 0 && sequenced != size)
        {
            throw new IllegalArgumentException("event factory made " + sequenced + " SequencedEvents out of " + size +
                " events; make all of one type");
        }
        return entries;
    }

    /** Whether the preallocated events carry their own publication. */
    static boolean carriesPublication(final Object[] entries)
    {
        return entries[ENTRY_PADDING] instanceof SequencedEvent;
    }

    /**
     * The event in the slot of {@code sequence}.
     *
     * @param sequence a claimed or published sequence.
     * @return the preallocated event.
     */
    @SuppressWarnings("unchecked")
    public final E get(final long sequence)
    {
        return (E)entries[ENTRY_PADDING + ((int)sequence & indexMask)];
    }
}
