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
                throw new NullPointerException("event factory returned null for slot " + i + "; it must make a new event");
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

/** 128 bytes before the ring's fields. */
abstract class RingBufferLeftPadding
{
    byte p000, p001, p002, p003, p004, p005, p006, p007;
    byte p010, p011, p012, p013, p014, p015, p016, p017;
    byte p020, p021, p022, p023, p024, p025, p026, p027;
    byte p030, p031, p032, p033, p034, p035, p036, p037;
    byte p040, p041, p042, p043, p044, p045, p046, p047;
    byte p050, p051, p052, p053, p054, p055, p056, p057;
    byte p060, p061, p062, p063, p064, p065, p066, p067;
    byte p070, p071, p072, p073, p074, p075, p076, p077;
    byte p080, p081, p082, p083, p084, p085, p086, p087;
    byte p090, p091, p092, p093, p094, p095, p096, p097;
    byte p0a0, p0a1, p0a2, p0a3, p0a4, p0a5, p0a6, p0a7;
    byte p0b0, p0b1, p0b2, p0b3, p0b4, p0b5, p0b6, p0b7;
    byte p0c0, p0c1, p0c2, p0c3, p0c4, p0c5, p0c6, p0c7;
    byte p0d0, p0d1, p0d2, p0d3, p0d4, p0d5, p0d6, p0d7;
    byte p0e0, p0e1, p0e2, p0e3, p0e4, p0e5, p0e6, p0e7;
    byte p0f0, p0f1, p0f2, p0f3, p0f4, p0f5, p0f6, p0f7;
}

/** 128 bytes after the ring's fields. */
abstract class RingBufferRightPadding<E> extends RingBufferFields<E>
{
    byte q000, q001, q002, q003, q004, q005, q006, q007;
    byte q010, q011, q012, q013, q014, q015, q016, q017;
    byte q020, q021, q022, q023, q024, q025, q026, q027;
    byte q030, q031, q032, q033, q034, q035, q036, q037;
    byte q040, q041, q042, q043, q044, q045, q046, q047;
    byte q050, q051, q052, q053, q054, q055, q056, q057;
    byte q060, q061, q062, q063, q064, q065, q066, q067;
    byte q070, q071, q072, q073, q074, q075, q076, q077;
    byte q080, q081, q082, q083, q084, q085, q086, q087;
    byte q090, q091, q092, q093, q094, q095, q096, q097;
    byte q0a0, q0a1, q0a2, q0a3, q0a4, q0a5, q0a6, q0a7;
    byte q0b0, q0b1, q0b2, q0b3, q0b4, q0b5, q0b6, q0b7;
    byte q0c0, q0c1, q0c2, q0c3, q0c4, q0c5, q0c6, q0c7;
    byte q0d0, q0d1, q0d2, q0d3, q0d4, q0d5, q0d6, q0d7;
    byte q0e0, q0e1, q0e2, q0e3, q0e4, q0e5, q0e6, q0e7;
    byte q0f0, q0f1, q0f2, q0f3, q0f4, q0f5, q0f6, q0f7;

    RingBufferRightPadding(final Object[] entries, final AbstractSequencer sequencer)
    {
        super(entries, sequencer);
    }
}
