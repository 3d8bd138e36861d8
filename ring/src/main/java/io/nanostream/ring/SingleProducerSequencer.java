package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Sequencer for one producer thread: a claim is a plain add to a field only that thread writes, and
 * the consumers' positions are read only when the cached slowest position says the ring may be full.
 * Publication is one release store of the published cursor, on a line of its own; a consumer reads it
 * once per batch. Calling {@code next} or {@code publish} from two threads corrupts the ring: with
 * assertions enabled ({@code -ea}) a claim from a second thread throws an {@link IllegalStateException}
 * naming both threads; with them disabled the check is not even compiled in.
 */
public final class SingleProducerSequencer extends SingleProducerTail
{
    private static final VarHandle NEXT_VALUE;
    private static final VarHandle PRODUCER_THREAD;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEXT_VALUE = lookup.findVarHandle(SingleProducerFields.class, "nextValue",
                long.class).withInvokeExactBehavior();
            PRODUCER_THREAD = lookup.findVarHandle(SingleProducerFields.class, "producerThread", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * Creates a sequencer whose producer backs off ({@link ProducerWaitStrategy#backoff()}) while the ring is full.
     *
     * @param bufferSize   the number of slots, a power of two.
     * @param waitStrategy how consumers wait.
     */
    public SingleProducerSequencer(final int bufferSize, final WaitStrategy waitStrategy)
    {
        this(bufferSize, waitStrategy, ProducerWaitStrategy.backoff());
    }

    /**
     * Creates a sequencer.
     *
     * @param bufferSize           the number of slots, a power of two.
     * @param waitStrategy         how consumers wait.
     * @param producerWaitStrategy how the producer waits while the ring is full.
     */
    public SingleProducerSequencer(final int bufferSize, final WaitStrategy waitStrategy,
        final ProducerWaitStrategy producerWaitStrategy)
    {
        super(bufferSize, waitStrategy, producerWaitStrategy, null);
    }

    SingleProducerSequencer(
        final int bufferSize, final WaitStrategy waitStrategy, final ProducerWaitStrategy producerWait,
        final Object[] slots)
    {
        super(bufferSize, waitStrategy, producerWait, slots);
    }

    @Override
    public long next()
    {
        assert isTheProducerThread();
        final long next = nextValue + 1;
        if (next - bufferSize > cachedGatingSequence)
        {
            VarHandle.fullFence(); // our last claim is visible before we read the gating set (pairs with its CAS)
            cachedGatingSequence = awaitCapacity(next - bufferSize, next - 1);
        }
        nextValue = next; // plain: the release in publish and the fence before the gating read order it for other threads
        return next;
    }

    @Override
    public long next(final int n)
    {
        assert isTheProducerThread();
        checkClaimSize(n);
        final long current = nextValue;
        final long next = current + n;
        final long wrapPoint = next - bufferSize;
        if (wrapPoint > cachedGatingSequence)
        {
            VarHandle.fullFence(); // our last claim is visible before we read the gating set (pairs with its CAS)
            cachedGatingSequence = awaitCapacity(wrapPoint, current);
        }
        NEXT_VALUE.setOpaque((SingleProducerFields)this, next); // opaque: other threads read the claim only as a hint
        return next;
    }

    @Override
    public long tryNext(final int n)
    {
        assert isTheProducerThread();
        checkClaimSize(n);
        final long current = nextValue;
        final long next = current + n;
        final long wrapPoint = next - bufferSize;
        if (wrapPoint > cachedGatingSequence)
        {
            VarHandle.fullFence(); // our last claim is visible before we read the gating set (pairs with its CAS)
            final long minimum = minimumGatingSequence(current);
            cachedGatingSequence = minimum;
            if (wrapPoint > minimum)
            {
                throwIfHalted();
                throw InsufficientCapacityException.INSTANCE;
            }
        }
        NEXT_VALUE.setOpaque((SingleProducerFields)this, next); // opaque: other threads read the claim only as a hint
        return next;
    }

    /**
     * Records the first thread that claims and throws if another one does (while the first is alive):
     * called only in an {@code assert}, so it costs nothing unless assertions are enabled.
     */
    private boolean isTheProducerThread()
    {
        final Thread current = Thread.currentThread();
        Thread owner = (Thread)PRODUCER_THREAD.getAcquire((SingleProducerFields)this); // acquire: sees the first claimer's CAS
        if (owner == current)
        {
            return true;
        }
        if (owner == null || !owner.isAlive())
        {
            if (PRODUCER_THREAD.compareAndSet((SingleProducerFields)this, owner,
                current)) // volatile CAS: one thread wins
            {
                return true;
            }
            owner = (Thread)PRODUCER_THREAD.getAcquire((SingleProducerFields)this); // acquire: the winner of the race
        }
        throw new IllegalStateException("two threads claim on a single-producer ring: " + describe(owner) + " and " +
            describe(current) + "; create the ring with ProducerType.MULTI to publish from several threads");
    }

    private static String describe(final Thread thread)
    {
        return "\"" + thread.getName() + "\" (id " + thread.threadId() + ")";
    }

    @Override
    public void claim(final long sequence)
    {
        NEXT_VALUE.setOpaque((SingleProducerFields)this,
            sequence); // opaque: other threads read the claim only as a hint
        cachedGatingSequence = Long.MIN_VALUE / 2; // read the consumers again on the next claim
    }

    @Override
    public void publish(final long sequence)
    {
        if (slots != null)
        {
            publishSlot(sequence);
        }
        published.set(sequence); // release: the event's contents are visible to whoever reads this cursor
        signalAfterPublish();
    }

    @Override
    public void publish(final long lo, final long hi)
    {
        if (slots != null)
        {
            publishSlots(lo, hi);
        }
        published.set(hi); // release: events lo..hi are visible together
        signalAfterPublish();
    }

    /**
     * Whether {@code sequence} is published and still in the ring: a sequence a whole lap behind the
     * published cursor was overwritten and reads as not available, as the Disruptor reports it.
     *
     * @param sequence the sequence.
     * @return true if available.
     */
    @Override
    public boolean isAvailable(final long sequence)
    {
        if (slots != null)
        {
            return isSlotPublished(sequence);
        }
        final long highest = published.get(); // acquire: if available, the event's contents are visible
        return sequence <= highest && sequence > highest - bufferSize;
    }

    @Override
    long highestPublished(final long from, final long limit)
    {
        if (slots != null)
        {
            return highestSlotPublished(from, limit);
        }
        return Math.min(published.get(), limit); // acquire: the events up to the returned sequence are visible
    }

    @Override
    boolean cursorReached(final long sequence)
    {
        // one producer's cursor is what it published; read from the event we wait for where it carries publication
        return slots != null ? isSlotPublished(sequence) : sequence <= published.get();
    }

    @Override
    Sequence cursorSequence()
    {
        return published;
    }

    /**
     * The highest sequence claimed so far, which may not be published yet (unlike the Disruptor's
     * single-producer cursor, which is the highest published).
     *
     * @return the highest claimed sequence.
     */
    @Override
    public long getCursor()
    {
        return (long)NEXT_VALUE.getOpaque((SingleProducerFields)this); // opaque: a recent claim, orders nothing
    }

    @Override
    public boolean hasAvailableCapacity(final int n)
    {
        final long current = getCursor();
        VarHandle.fullFence(); // the claim read above is ordered before the gating set read below
        return current + n - bufferSize <= minimumGatingSequence(current);
    }
}

/** The published cursor's reference, read by consumers, then padding to keep the producer's fields away. */
abstract class SingleProducerPadding extends AbstractSequencer
{
    final Sequence published = new Sequence();

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

    SingleProducerPadding(
        final int bufferSize, final WaitStrategy waitStrategy, final ProducerWaitStrategy producerWait,
        final Object[] slots)
    {
        super(bufferSize, waitStrategy, producerWait, slots);
    }
}

/** Fields only the producer thread writes. */
abstract class SingleProducerFields extends SingleProducerPadding
{
    long nextValue = -1L;
    long cachedGatingSequence = -1L;
    /** The thread that claims, recorded only when assertions are enabled. */
    Thread producerThread;

    SingleProducerFields(
        final int bufferSize, final WaitStrategy waitStrategy, final ProducerWaitStrategy producerWait,
        final Object[] slots)
    {
        super(bufferSize, waitStrategy, producerWait, slots);
    }
}

/** Keeps the producer's fields away from whatever object follows. */
abstract class SingleProducerTail extends SingleProducerFields
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

    SingleProducerTail(
        final int bufferSize, final WaitStrategy waitStrategy, final ProducerWaitStrategy producerWait,
        final Object[] slots)
    {
        super(bufferSize, waitStrategy, producerWait, slots);
    }
}
