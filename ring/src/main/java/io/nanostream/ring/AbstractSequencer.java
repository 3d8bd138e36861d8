package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What both sequencers share: the ring's size and wait strategies, the gating sequences, halting, and
 * publication in the events themselves when they are {@link SequencedEvent}s. Package-private and
 * extended only by the two public sequencers, so every publication signals the wait strategy.
 */
abstract non-sealed class AbstractSequencer extends SequencerLeftPadding implements Sequencer
{
    private static final VarHandle GATING;
    private static final VarHandle HALTED;

    static
    {
        try
        {
            GATING = MethodHandles.lookup().findVarHandle(AbstractSequencer.class, "gatingSequences", Sequence[].class);
            HALTED = MethodHandles.lookup().findVarHandle(AbstractSequencer.class, "halted", RingHaltedException.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final int bufferSize;
    final int indexMask;
    final int indexShift;
    final WaitStrategy waitStrategy;
    final boolean signalWaiters;
    final ProducerWaitStrategy producerWaitStrategy;
    /** The ring's events when they are {@link SequencedEvent}s (publication then lives in each event), else null. */
    Object[] slots;
    private boolean boundToRing;
    volatile Sequence[] gatingSequences = SequenceGroups.NONE;
    volatile RingHaltedException halted;

    AbstractSequencer(
        final int bufferSize, final WaitStrategy waitStrategy, final ProducerWaitStrategy producerWaitStrategy,
        final Object[] slots)
    {
        checkBufferSize(bufferSize);
        if (waitStrategy == null)
        {
            throw new NullPointerException("waitStrategy is null; use e.g. new BlockingWaitStrategy()");
        }
        if (producerWaitStrategy == null)
        {
            throw new NullPointerException("producerWaitStrategy is null; use e.g. ProducerWaitStrategy.backoff()");
        }
        this.bufferSize = bufferSize;
        this.indexMask = bufferSize - 1;
        this.indexShift = Integer.numberOfTrailingZeros(bufferSize);
        this.waitStrategy = waitStrategy;
        this.signalWaiters = waitStrategy.requiresSignal();
        this.producerWaitStrategy = producerWaitStrategy;
        this.slots = slots;
        this.boundToRing = slots != null;
    }

    static void checkBufferSize(final int bufferSize)
    {
        if (bufferSize < 1 || Integer.bitCount(bufferSize) != 1)
        {
            throw new IllegalArgumentException(
                "ring size must be a power of two (1, 2, 4, ... 2^30), was " + bufferSize + "; try " +
                (bufferSize < 1 ? 1 : Integer.highestOneBit(bufferSize) << 1));
        }
    }

    /**
     * Attaches the sequencer to the ring it sequences, and lets a ring of {@link SequencedEvent}s publish in
     * its events ({@code ringSlots} null for other events); called once, by the ring, before anything is claimed.
     */
    final synchronized void bind(final Object[] ringSlots)
    {
        if (boundToRing || getCursor() != INITIAL_CURSOR_VALUE)
        {
            throw new IllegalArgumentException("sequencer " + this +
                " is already in use; give each ring a new sequencer");
        }
        boundToRing = true;
        this.slots = ringSlots;
    }

    /**
     * Whether the cursor, as the Disruptor reports it, has reached a sequence: for one producer, whether it
     * is published; for many, whether it is claimed.
     */
    abstract boolean cursorReached(long sequence);

    /**
     * The cursor as the Disruptor's wait strategies see it: the highest published for one
     * producer, the highest claimed for many.
     */
    abstract Sequence cursorSequence();

    /**
     * The highest sequence in {@code [from, limit]} such that it and every one before it from
     * {@code from} are published; {@code from - 1} or less if {@code from} is not.
     */
    abstract long highestPublished(long from, long limit);

    @Override
    public final int getBufferSize()
    {
        return bufferSize;
    }

    @Override
    public final long tryNext()
    {
        return tryNext(1);
    }

    @Override
    public final long remainingCapacity()
    {
        final long claimed = getCursor();
        return bufferSize - (claimed - minimumGatingSequence(claimed));
    }

    @Override
    public final long getHighestPublishedSequence(final long nextSequence, final long availableSequence)
    {
        return highestPublished(nextSequence, availableSequence);
    }

    @Override
    public final long getMinimumSequence()
    {
        return minimumGatingSequence(getCursor());
    }

    @Override
    public final void addGatingSequences(final Sequence... sequences)
    {
        SequenceGroups.checkNoNulls(sequences, "gatingSequences");
        SequenceGroups.addAtCursor(this, GATING, this, sequences);
    }

    @Override
    public final boolean removeGatingSequence(final Sequence sequence)
    {
        if (sequence == null)
        {
            throw new NullPointerException("sequence is null");
        }
        return SequenceGroups.remove(this, GATING, sequence);
    }

    @Override
    public final SequenceBarrier newBarrier(final Sequence... sequencesToTrack)
    {
        return new ProcessingSequenceBarrier(this, sequencesToTrack);
    }

    @Override
    public final <T> EventPoller<T> newPoller(final DataProvider<T> provider, final Sequence... gatingSequences)
    {
        if (provider == null)
        {
            throw new NullPointerException("provider is null; pass the ring the events live in");
        }
        return new EventPoller<>(provider, this, new ProcessingSequenceBarrier(this, gatingSequences), new Sequence());
    }

    final SequencedEvent slot(final long sequence)
    {
        return (SequencedEvent)slots[RingBufferFields.ENTRY_PADDING + ((int)sequence & indexMask)];
    }

    final void publishSlot(final long sequence)
    {
        // release: the event's data is visible to whoever sees this sequence in it
        SequencedEvent.PUBLISHED.setRelease(slot(sequence), sequence);
    }

    /** Stores from hi down, lo last with release: a consumer that sees lo sees the whole range. */
    final void publishSlots(final long lo, final long hi)
    {
        VarHandle.releaseFence(); // the writes to events lo..hi happen before any of the stores below
        for (long sequence = hi; sequence > lo; sequence--)
        {
            SequencedEvent.PUBLISHED.setOpaque(slot(sequence), sequence);
        }
        publishSlot(lo);
    }

    final boolean isSlotPublished(final long sequence)
    {
        return (long)SequencedEvent.PUBLISHED.getAcquire(slot(sequence)) == sequence; // acquire: see publishSlot
    }

    final long highestSlotPublished(final long from, final long limit)
    {
        long sequence = from;
        // acquire per event: its data (and for a batch the later events' marks) written before it are visible
        while (sequence <= limit && (long)SequencedEvent.PUBLISHED.getAcquire(slot(sequence)) == sequence)
        {
            sequence++;
        }
        return sequence - 1;
    }

    final void signalAfterPublish()
    {
        if (signalWaiters)
        {
            waitStrategy.signalAllWhenBlocking();
        }
    }

    final void checkClaimSize(final int n)
    {
        if (n < 1 || n > bufferSize)
        {
            throw new IllegalArgumentException(
                "cannot claim " + n + " slots: claim between 1 and the ring size (" + bufferSize + ")");
        }
    }

    /** Waits until the slowest consumer has passed {@code wrapPoint}; returns the slowest consumer's sequence. */
    final long awaitCapacity(final long wrapPoint, final long claimed)
    {
        long minimum;
        int attempt = 0;
        while (wrapPoint > (minimum = minimumGatingSequence(claimed)))
        {
            throwIfHalted();
            producerWaitStrategy.onRingFull(attempt);
            if (attempt < Integer.MAX_VALUE)
            {
                attempt++;
            }
        }
        return minimum;
    }

    final long minimumGatingSequence(final long ceiling)
    {
        return SequenceGroups.minimum(gatingSequences, ceiling);
    }

    /** Adds gating sequences with their values as they are; the caller makes sure they are safe. */
    final void addGatingSequencesAsIs(final Sequence... added)
    {
        SequenceGroups.add(this, GATING, added);
    }

    final void halt(final String reason, final Throwable cause)
    {
        HALTED.compareAndSet(this, (RingHaltedException)null, new RingHaltedException(reason,
            cause)); // the first cause wins
        waitStrategy.signalAllWhenBlocking();
    }

    /** Gives a producer that cannot claim the reason the ring was halted, if it was. */
    final void throwIfHalted()
    {
        final RingHaltedException haltCause = halted;
        if (haltCause != null)
        {
            throw new RingHaltedException(haltCause.getMessage(), haltCause.getCause());
        }
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "{size=" + bufferSize + ", cursor=" + getCursor() + ", waitStrategy=" +
            waitStrategy.getClass().getSimpleName() + ", gating=" + gatingSequences.length + "}";
    }
}

/** Keeps the sequencer's read-mostly fields off the line of whatever object precedes it. */
abstract class SequencerLeftPadding
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
