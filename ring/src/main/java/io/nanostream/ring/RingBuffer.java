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
public final class RingBuffer<E> extends RingBufferArgBatchTranslators<E> implements Cursored, EventSequencer<E>, EventSink<E>
{
    /** The cursor of a ring that has handed out nothing yet. */
    public static final long INITIAL_CURSOR_VALUE = Sequence.INITIAL_VALUE;

    private RingBuffer(final Object[] entries, final AbstractSequencer sequencer)
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
     * Creates a ring for one producer thread or many; producers back off while it is full.
     *
     * @param producerType one producer thread or many.
     * @param factory      makes the events.
     * @param size         the number of slots, a power of two.
     * @param waitStrategy how consumers wait.
     * @param <E>          the event type.
     * @return the ring.
     */
    public static <E> RingBuffer<E> create(
        final ProducerType producerType, final EventFactory<E> factory, final int size, final WaitStrategy waitStrategy)
    {
        return create(producerType, factory, size, waitStrategy, ProducerWaitStrategy.backoff());
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
        final AbstractSequencer sequencer = producerType == ProducerType.SINGLE ?
            new SingleProducerSequencer(size, waitStrategy, producerWaitStrategy, slots) :
            new MultiProducerSequencer(size, waitStrategy, producerWaitStrategy, slots);
        return new RingBuffer<>(entries, sequencer);
    }

    /**
     * Creates a ring on a sequencer made beforehand (for a producer wait strategy or a sequencer kind
     * chosen elsewhere); the ring's size is the sequencer's. A sequencer serves one ring.
     *
     * @param factory   makes the events.
     * @param sequencer a new {@link SingleProducerSequencer} or {@link MultiProducerSequencer}.
     * @param <E>       the event type.
     * @return the ring.
     * @throws IllegalArgumentException if the sequencer already serves a ring or has claimed something.
     */
    public static <E> RingBuffer<E> create(final EventFactory<E> factory, final Sequencer sequencer)
    {
        final AbstractSequencer ours = (AbstractSequencer)required(sequencer, "sequencer"); // sealed: always one of ours
        final Object[] entries = preallocate(factory, ours.bufferSize);
        ours.bind(carriesPublication(entries) ? entries : null);
        return new RingBuffer<>(entries, ours);
    }

    @Override
    public long next()
    {
        return sequencer.next();
    }

    @Override
    public long next(final int n)
    {
        return sequencer.next(n);
    }

    @Override
    public long tryNext()
    {
        return sequencer.tryNext(1);
    }

    @Override
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
    @Override
    public void publish(final long sequence)
    {
        sequencer.publish(sequence);
    }

    @Override
    public void publish(final long lo, final long hi)
    {
        sequencer.publish(lo, hi);
    }

    /**
     * Whether {@code sequence} is published and still in the ring (a sequence a whole lap behind reads
     * as false); the same as {@link #isAvailable(long)}.
     *
     * @param sequence the sequence.
     * @return true if its event is published and not yet overwritten.
     */
    public boolean isPublished(final long sequence)
    {
        return sequencer.isAvailable(sequence);
    }

    /**
     * Whether {@code sequence} is published and still in the ring, as the Disruptor reports it.
     *
     * @param sequence the sequence.
     * @return true if its event is published and not yet overwritten.
     */
    public boolean isAvailable(final long sequence)
    {
        return sequencer.isAvailable(sequence);
    }

    /**
     * Claims a chosen sequence and returns its event, for starting a new ring at a chosen position
     * before anything is claimed or consumed; see {@link Sequencer#claim(long)}.
     *
     * @param sequence the sequence to claim.
     * @return its preallocated event.
     */
    public E claimAndGetPreallocated(final long sequence)
    {
        sequencer.claim(sequence);
        return get(sequence);
    }

    /**
     * The highest sequence claimed so far, which may not be published yet (unlike the LMAX Disruptor's
     * single-producer cursor, which is the highest published): test publication with
     * {@link #isPublished(long)} or wait on a {@link SequenceBarrier}.
     *
     * @return the highest claimed sequence.
     */
    @Override
    public long getCursor()
    {
        return sequencer.getCursor();
    }

    @Override
    public int getBufferSize()
    {
        return sequencer.bufferSize;
    }

    @Override
    public long remainingCapacity()
    {
        return sequencer.remainingCapacity();
    }

    @Override
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
        sequencer.addGatingSequences(sequences);
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
        return sequencer.getMinimumSequence();
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
        return sequencer.newBarrier(dependents);
    }

    /**
     * Creates a poller, for consumers that pull events on their own thread.
     *
     * @param dependents the sequences of the handlers to follow; none for a first-stage poller.
     * @return the poller; add its sequence to the gating sequences before polling.
     */
    public EventPoller<E> newPoller(final Sequence... dependents)
    {
        return sequencer.newPoller(this, dependents);
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
