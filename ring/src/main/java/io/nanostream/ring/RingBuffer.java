package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/**
 * A ring of preallocated events that producers claim, fill and publish by sequence, and that
 * consumers read in sequence order without copying.
 *
 * <pre>{@code
 * long sequence = ring.next();          // claim a slot (waits while the ring is full)
 * ring.get(sequence).value = 42;        // fill the preallocated event in place
 * ring.publish(sequence);               // make it visible to consumers
 * }</pre>
 *
 * <p>Producers wait for the slowest <em>gating</em> sequence (the consumers at the end of each chain),
 * so an event is never overwritten before every consumer is done with it.
 *
 * <p>How consumers learn of publication depends on the events: events that extend
 * {@link SequencedEvent} carry it themselves (one cache line per event for signal and data, the
 * fastest); otherwise one producer publishes through a cursor and many through per-slot flags.
 *
 * @param <E> the event type.
 */
public final class RingBuffer<E> extends RingBufferTranslators<E>
{
    private RingBuffer(final Object[] entries, final Sequencer sequencer)
    {
        super(entries, sequencer);
    }

    /**
     * Creates a ring for one producer thread, with a {@link BlockingWaitStrategy}.
     *
     * @param factory makes the events.
     * @param size    the number of slots, a power of two.
     * @param <E>     the event type.
     * @return the ring.
     */
    public static <E> RingBuffer<E> createSingleProducer(final EventFactory<E> factory, final int size)
    {
        return create(ProducerType.SINGLE, factory, size, new BlockingWaitStrategy(), ProducerWaitStrategy.backoff());
    }

    /**
     * Creates a ring for one producer thread.
     *
     * @param factory      makes the events.
     * @param size         the number of slots, a power of two.
     * @param waitStrategy how consumers wait.
     * @param <E>          the event type.
     * @return the ring.
     */
    public static <E> RingBuffer<E> createSingleProducer(
        final EventFactory<E> factory, final int size, final WaitStrategy waitStrategy)
    {
        return create(ProducerType.SINGLE, factory, size, waitStrategy, ProducerWaitStrategy.backoff());
    }

    /**
     * Creates a ring for any number of producer threads, with a {@link BlockingWaitStrategy}.
     *
     * @param factory makes the events.
     * @param size    the number of slots, a power of two.
     * @param <E>     the event type.
     * @return the ring.
     */
    public static <E> RingBuffer<E> createMultiProducer(final EventFactory<E> factory, final int size)
    {
        return create(ProducerType.MULTI, factory, size, new BlockingWaitStrategy(), ProducerWaitStrategy.backoff());
    }

    /**
     * Creates a ring for any number of producer threads.
     *
     * @param factory      makes the events.
     * @param size         the number of slots, a power of two.
     * @param waitStrategy how consumers wait.
     * @param <E>          the event type.
     * @return the ring.
     */
    public static <E> RingBuffer<E> createMultiProducer(
        final EventFactory<E> factory, final int size, final WaitStrategy waitStrategy)
    {
        return create(ProducerType.MULTI, factory, size, waitStrategy, ProducerWaitStrategy.backoff());
    }

    /**
     * Creates a ring with every choice explicit.
     *
     * @param producerType         one producer thread or many.
     * @param factory              makes the events.
     * @param size                 the number of slots, a power of two.
     * @param waitStrategy         how consumers wait for events.
     * @param producerWaitStrategy how producers wait while the ring is full.
     * @param <E>                  the event type.
     * @return the ring.
     */
    public static <E> RingBuffer<E> create(
        final ProducerType producerType,
        final EventFactory<E> factory,
        final int size,
        final WaitStrategy waitStrategy,
        final ProducerWaitStrategy producerWaitStrategy)
    {
        if (producerType == null)
        {
            throw new NullPointerException("producerType is null; use ProducerType.SINGLE or ProducerType.MULTI");
        }
        final Object[] entries = preallocate(factory, size);
        final Object[] slots = carriesPublication(entries) ? entries : null;
        final Sequencer sequencer = producerType == ProducerType.SINGLE ?
            new SingleProducerSequencer(size, waitStrategy, producerWaitStrategy, slots) :
            new MultiProducerSequencer(size, waitStrategy, producerWaitStrategy, slots);
        return new RingBuffer<>(entries, sequencer);
    }

    /**
     * Claims the next slot, waiting with the producer wait strategy while the ring is full.
     *
     * @return the claimed sequence; publish it when the event is filled.
     * @throws RingHaltedException if the ring is halted while this producer waits.
     */
    public long next()
    {
        return sequencer.next();
    }

    /**
     * Claims the next {@code n} slots, waiting while the ring is full.
     *
     * @param n how many slots, from 1 to the ring size.
     * @return the highest claimed sequence; the first is {@code returned - n + 1}.
     * @throws RingHaltedException if the ring is halted while this producer waits.
     */
    public long next(final int n)
    {
        return sequencer.next(n);
    }

    /**
     * Claims the next slot if there is room.
     *
     * @return the claimed sequence.
     * @throws InsufficientCapacityException (a shared instance) if the ring is full.
     */
    public long tryNext()
    {
        return sequencer.tryNext(1);
    }

    /**
     * Claims the next {@code n} slots if there is room for all of them.
     *
     * @param n how many slots, from 1 to the ring size.
     * @return the highest claimed sequence.
     * @throws InsufficientCapacityException (a shared instance) if the ring lacks room.
     */
    public long tryNext(final int n)
    {
        return sequencer.tryNext(n);
    }

    /**
     * Publishes a claimed slot: consumers may now read it.
     *
     * <p>Publish every claimed sequence, in the order claimed when there is one producer. With one
     * producer and plain events, publishing a sequence also makes the earlier claimed ones visible (a
     * cursor moves); with {@link SequencedEvent}s, and with many producers, each sequence is published on
     * its own and a consumer stops at the first unpublished one. Code that skips or reorders publication
     * therefore behaves differently across those modes; code that publishes each claim once, in order,
     * behaves the same in all of them.
     *
     * @param sequence the claimed sequence.
     */
    public void publish(final long sequence)
    {
        sequencer.publish(sequence);
    }

    /**
     * Publishes a range of claimed slots.
     *
     * @param lo the first sequence of the range.
     * @param hi the last sequence of the range.
     */
    public void publish(final long lo, final long hi)
    {
        sequencer.publish(lo, hi);
    }

    /**
     * Whether {@code sequence} is published; meaningful for sequences less than one ring behind the cursor.
     *
     * @param sequence the sequence.
     * @return true if its event is published.
     */
    public boolean isPublished(final long sequence)
    {
        return sequencer.isPublished(sequence);
    }

    /**
     * The highest sequence claimed so far, which may not be published yet (unlike the LMAX Disruptor's
     * single-producer cursor, which is the highest published): test publication with
     * {@link #isPublished(long)} or wait on a {@link SequenceBarrier}.
     *
     * @return the highest claimed sequence.
     */
    public long getCursor()
    {
        return sequencer.cursor();
    }

    /**
     * The number of slots.
     *
     * @return the ring size.
     */
    public int getBufferSize()
    {
        return sequencer.bufferSize;
    }

    /**
     * How many slots could be claimed now without waiting.
     *
     * @return the free slots.
     */
    public long remainingCapacity()
    {
        return sequencer.remainingCapacity();
    }

    /**
     * Whether {@code n} slots could be claimed now without waiting.
     *
     * @param n the number of slots.
     * @return true if there is room.
     */
    public boolean hasAvailableCapacity(final int n)
    {
        return sequencer.hasAvailableCapacity(n);
    }

    /**
     * Adds consumer sequences that producers must not overtake. Each is first set to the cursor, so its
     * owner sees the events claimed from now on.
     *
     * @param sequences the sequences to add.
     */
    public void addGatingSequences(final Sequence... sequences)
    {
        sequencer.addGatingSequencesAtCursor(sequences);
    }

    /**
     * Removes a gating sequence.
     *
     * @param sequence the sequence to remove.
     * @return true if it was gating this ring.
     */
    public boolean removeGatingSequence(final Sequence sequence)
    {
        return sequencer.removeGatingSequence(sequence);
    }

    /**
     * The sequence of the slowest gating consumer, or the cursor when there are none.
     *
     * @return the minimum gating sequence.
     */
    public long getMinimumGatingSequence()
    {
        return sequencer.minimumGatingSequence(sequencer.cursor());
    }

    /**
     * Creates a barrier that waits for published events when {@code dependents} is empty, otherwise
     * for the slowest of the given sequences.
     *
     * @param dependents the sequences of the handlers to follow.
     * @return the barrier.
     */
    public SequenceBarrier newBarrier(final Sequence... dependents)
    {
        return new SequenceBarrier(sequencer, dependents);
    }

    /**
     * Creates a poller, for consumers that pull events on their own thread.
     *
     * @param dependents the sequences of the handlers to follow; none for a first-stage poller.
     * @return the poller; add its sequence to the gating sequences before polling.
     */
    public EventPoller<E> newPoller(final Sequence... dependents)
    {
        return new EventPoller<>(this, newBarrier(dependents));
    }

    /**
     * Halts the ring: producers waiting for room, now or later, get a {@link RingHaltedException}.
     * Consumers are not stopped; halt their processors (or the graph) for that.
     */
    public void halt()
    {
        sequencer.halt("ring halted", null);
    }

    /**
     * Halts the ring because of a failure, which producers then get as the cause.
     *
     * @param reason what failed.
     * @param cause  the failure.
     */
    public void halt(final String reason, final Throwable cause)
    {
        sequencer.halt(reason, cause);
    }

    /**
     * Whether the ring is halted.
     *
     * @return true if halted.
     */
    public boolean isHalted()
    {
        return sequencer.halted != null;
    }

    WaitStrategy waitStrategy()
    {
        return sequencer.waitStrategy;
    }

    @Override
    public String toString()
    {
        return "RingBuffer{size=" + sequencer.bufferSize + ", cursor=" + getCursor() + ", " +
            sequencer.getClass().getSimpleName() + "}";
    }
}
