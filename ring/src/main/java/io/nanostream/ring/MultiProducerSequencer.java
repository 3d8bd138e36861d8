package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Sequencer for any number of producer threads. A blocking claim waits for room first, then claims
 * with one {@code getAndAdd} on the cursor (no retry loop under contention). A non-blocking claim
 * must never claim without room, and so uses a CAS loop.
 *
 * <p>Claims complete out of order, so publication is recorded per slot: a byte flag holds the lap
 * number (mod 256) of the last event published into that slot, and a consumer learns that sequence
 * {@code s} is ready from the flag of {@code s} itself. A slot's flag can only hold the current lap or
 * the previous one, because producers cannot lap the slowest consumer, so the comparison is exact.
 */
public final class MultiProducerSequencer extends AbstractSequencer
{
    /** Bytes of unused flags kept before and after the live ones, so no other object shares their lines. */
    static final int FLAG_PADDING = 128;

    private static final VarHandle FLAG = MethodHandles.arrayElementVarHandle(byte[].class).withInvokeExactBehavior();
    /** Eight flags in one plain read (the long view of a byte array has no acquire read; a fence follows it). */
    private static final VarHandle EIGHT_FLAGS = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final long EVERY_BYTE = 0x0101_0101_0101_0101L;

    private final byte[] flags;
    private final Sequence cursor = new Sequence();
    private final Sequence gatingSequenceCache = new Sequence();

    /**
     * Creates a sequencer whose producers back off ({@link ProducerWaitStrategy#backoff()}) while the ring is full.
     *
     * @param bufferSize   the number of slots, a power of two.
     * @param waitStrategy how consumers wait.
     */
    public MultiProducerSequencer(final int bufferSize, final WaitStrategy waitStrategy)
    {
        this(bufferSize, waitStrategy, ProducerWaitStrategy.backoff());
    }

    /**
     * Creates a sequencer.
     *
     * @param bufferSize           the number of slots, a power of two.
     * @param waitStrategy         how consumers wait.
     * @param producerWaitStrategy how producers wait while the ring is full.
     */
    public MultiProducerSequencer(final int bufferSize, final WaitStrategy waitStrategy,
        final ProducerWaitStrategy producerWaitStrategy)
    {
        this(bufferSize, waitStrategy, producerWaitStrategy, null);
    }

    MultiProducerSequencer(
        final int bufferSize, final WaitStrategy waitStrategy, final ProducerWaitStrategy producerWait,
        final Object[] slots)
    {
        super(bufferSize, waitStrategy, producerWait, slots);
        this.flags = new byte[slots != null ? 0 : bufferSize + 2 * FLAG_PADDING];
        Arrays.fill(flags, (byte)-1); // lap 0 expects 0, so nothing reads as published yet
    }

    @Override
    public long next()
    {
        return next(1);
    }

    @Override
    public long next(final int n)
    {
        checkClaimSize(n);
        // wait for room before claiming: a producer that waits while holding a claim stalls every consumer
        // at its unpublished slot, and on a busy machine it may wait descheduled for a whole time slice
        final long seen = cursor.get(); // acquire: our view of the claims is ordered before the gating read in awaitCapacity
        if (seen + n - bufferSize > gatingSequenceCache.get())
        {
            gatingSequenceCache.set(awaitCapacity(seen + n - bufferSize, seen));
        }
        final long current = cursor.getAndAdd(n); // volatile add: the claim is ordered before the reads below
        final long next = current + n;
        final long wrapPoint = next - bufferSize;
        if (wrapPoint > gatingSequenceCache.get()) // acquire: another producer's reading of the consumers happens before our reuse
        {
            gatingSequenceCache.set(awaitCapacity(wrapPoint, current)); // rare: others claimed since we looked
        }
        return next;
    }

    @Override
    public long tryNext(final int n)
    {
        checkClaimSize(n);
        long current;
        long next;
        do
        {
            current = cursor.get();
            next = current + n;
            if (!hasCapacity(next - bufferSize, current))
            {
                throwIfHalted();
                throw InsufficientCapacityException.INSTANCE;
            }
        }
        while (!cursor.compareAndSet(current, next));
        return next;
    }

    @Override
    boolean cursorReached(final long sequence)
    {
        return getCursor() >= sequence;
    }

    @Override
    Sequence cursorSequence()
    {
        return cursor;
    }

    /**
     * The highest sequence claimed so far; claims complete out of order, so it may not be published yet.
     *
     * @return the highest claimed sequence.
     */
    @Override
    public long getCursor()
    {
        return cursor.get();
    }

    @Override
    public void claim(final long sequence)
    {
        cursor.set(sequence); // release: a claim position for a ring that has not started
    }

    @Override
    public boolean hasAvailableCapacity(final int n)
    {
        final long current = cursor.get();
        return hasCapacity(current + n - bufferSize, current);
    }

    private boolean hasCapacity(final long wrapPoint, final long current)
    {
        // acquire/release on the cache: another producer's reading of the consumers happens before our reuse
        if (wrapPoint > gatingSequenceCache.get())
        {
            final long minimum = minimumGatingSequence(current);
            gatingSequenceCache.set(minimum);
            return wrapPoint <= minimum;
        }
        return true;
    }

    @Override
    public void publish(final long sequence)
    {
        if (slots != null)
        {
            publishSlot(sequence);
            signalAfterPublish();
            return;
        }
        // release: the producer's writes to the event happen before any consumer sees this flag
        FLAG.setRelease(flags, flagIndex(sequence), lap(sequence));
        signalAfterPublish();
    }

    /**
     * Publishes a range all at once: the flags are stored from {@code hi} down, {@code lo}'s last with
     * release semantics, and consumers scan upward from their next sequence with acquire loads, so a
     * consumer that sees {@code lo} sees the whole range.
     */
    @Override
    public void publish(final long lo, final long hi)
    {
        if (slots != null)
        {
            publishSlots(lo, hi);
            signalAfterPublish();
            return;
        }
        VarHandle.releaseFence(); // the writes to events lo..hi happen before any of the flag stores below
        for (long sequence = hi; sequence > lo; sequence--)
        {
            FLAG.setOpaque(flags, flagIndex(sequence), lap(sequence));
        }
        // release: the flags of lo+1..hi are visible to whoever sees lo's
        FLAG.setRelease(flags, flagIndex(lo), lap(lo));
        signalAfterPublish();
    }

    /**
     * Whether {@code sequence} is published in the current lap of its slot: a sequence whose slot a later
     * lap has reused reads as not available.
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
        // acquire: if the flag says published, the event's contents are visible to the caller
        return (byte)FLAG.getAcquire(flags, flagIndex(sequence)) == lap(sequence);
    }

    /**
     * The highest sequence in {@code [from, limit]} such that it and every one before it from
     * {@code from} are published; {@code from - 1} if {@code from} is not.
     */
    @Override
    long highestPublished(final long from, final long limit)
    {
        if (slots != null)
        {
            return highestSlotPublished(from, limit);
        }
        final byte[] flags = this.flags;
        long sequence = from;
        while (sequence <= limit)
        {
            final int slot = (int)sequence & indexMask;
            final byte lap = lap(sequence);
            if (limit - sequence >= 7 && slot <= indexMask - 7)
            {
                // SWAR: eight slots of one lap at once (4x faster over a run of 64 than a flag at a
                // time, BENCHMARKS.md); each byte of the plain read is a value a producer stored, so
                // tearing between bytes changes nothing
                final long word = (long)EIGHT_FLAGS.get(flags, FLAG_PADDING + slot);
                VarHandle.acquireFence(); // the events behind the flags just read are read after them
                final long unpublished = word ^ ((lap & 0xFFL) * EVERY_BYTE);
                if (unpublished != 0)
                {
                    return sequence + (Long.numberOfTrailingZeros(unpublished) >>> 3) - 1;
                }
                sequence += 8;
            }
            // acquire per flag: the event written before it is visible
            else if ((byte)FLAG.getAcquire(flags, FLAG_PADDING + slot) == lap)
            {
                sequence++;
            }
            else
            {
                break;
            }
        }
        return sequence - 1;
    }

    private int flagIndex(final long sequence)
    {
        return FLAG_PADDING + ((int)sequence & indexMask);
    }

    private byte lap(final long sequence)
    {
        return (byte)(sequence >>> indexShift);
    }
}
