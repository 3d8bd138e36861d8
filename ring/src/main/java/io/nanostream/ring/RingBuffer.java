package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.internal.RingInternals;

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
public final class RingBuffer<E> extends RingBufferRightPadding<E> implements Cursored, EventSequencer<E>, EventSink<E>
{
    /** The cursor of a ring that has handed out nothing yet. */
    public static final long INITIAL_CURSOR_VALUE = Sequence.INITIAL_VALUE;

    static
    {
        RingInternals.register(new RingPackageInternals()); // before any graph can hold a ring
    }

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
        final AbstractSequencer ours = (AbstractSequencer)Arguments.required(sequencer,
            "sequencer"); // sealed: always one of ours
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

    // ---- One event through a translator: check the translator, claim, fill through it, and publish even when it
    // throws, so that the ring never stalls on a hole. ----

    /** What {@link #tryClaim} returns when the ring lacks room; no claim is ever this low. */
    static final long NO_ROOM = Long.MIN_VALUE;

    /**
     * See {@link EventSink#publishEvent(EventTranslator)}.
     *
     * @param translator fills the event.
     */
    public void publishEvent(final EventTranslator<E> translator)
    {
        Arguments.required(translator, "translator");
        translate(translator, sequencer.next());
    }

    /**
     * See {@link EventSink#tryPublishEvent(EventTranslator)}.
     *
     * @param translator fills the event.
     * @return false, having published nothing, if the ring is full.
     */
    public boolean tryPublishEvent(final EventTranslator<E> translator)
    {
        Arguments.required(translator, "translator");
        final long sequence = tryClaim(1);
        if (sequence == NO_ROOM)
        {
            return false;
        }
        translate(translator, sequence);
        return true;
    }

    /**
     * See {@link EventSink#publishEvent(EventTranslatorOneArg, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the argument.
     * @param <A>        its type.
     */
    public <A> void publishEvent(final EventTranslatorOneArg<E, A> translator, final A arg0)
    {
        Arguments.required(translator, "translator");
        translate(translator, sequencer.next(), arg0);
    }

    /**
     * See {@link EventSink#tryPublishEvent(EventTranslatorOneArg, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the argument.
     * @param <A>        its type.
     * @return false, having published nothing, if the ring is full.
     */
    public <A> boolean tryPublishEvent(final EventTranslatorOneArg<E, A> translator, final A arg0)
    {
        Arguments.required(translator, "translator");
        final long sequence = tryClaim(1);
        if (sequence == NO_ROOM)
        {
            return false;
        }
        translate(translator, sequence, arg0);
        return true;
    }

    /**
     * See {@link EventSink#publishEvent(EventTranslatorTwoArg, Object, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     */
    public <A, B> void publishEvent(final EventTranslatorTwoArg<E, A, B> translator, final A arg0, final B arg1)
    {
        Arguments.required(translator, "translator");
        translate(translator, sequencer.next(), arg0, arg1);
    }

    /**
     * See {@link EventSink#tryPublishEvent(EventTranslatorTwoArg, Object, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @return false, having published nothing, if the ring is full.
     */
    public <A, B> boolean tryPublishEvent(final EventTranslatorTwoArg<E, A, B> translator, final A arg0, final B arg1)
    {
        Arguments.required(translator, "translator");
        final long sequence = tryClaim(1);
        if (sequence == NO_ROOM)
        {
            return false;
        }
        translate(translator, sequence, arg0, arg1);
        return true;
    }

    /**
     * See {@link EventSink#publishEvent(EventTranslatorThreeArg, Object, Object, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param arg2       the third argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @param <C>        the third argument's type.
     */
    public <A, B, C> void publishEvent(
        final EventTranslatorThreeArg<E, A, B, C> translator, final A arg0, final B arg1, final C arg2)
    {
        Arguments.required(translator, "translator");
        translate(translator, sequencer.next(), arg0, arg1, arg2);
    }

    /**
     * See {@link EventSink#tryPublishEvent(EventTranslatorThreeArg, Object, Object, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param arg2       the third argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @param <C>        the third argument's type.
     * @return false, having published nothing, if the ring is full.
     */
    public <A, B, C> boolean tryPublishEvent(
        final EventTranslatorThreeArg<E, A, B, C> translator, final A arg0, final B arg1, final C arg2)
    {
        Arguments.required(translator, "translator");
        final long sequence = tryClaim(1);
        if (sequence == NO_ROOM)
        {
            return false;
        }
        translate(translator, sequence, arg0, arg1, arg2);
        return true;
    }

    /**
     * See {@link EventSink#publishEvent(EventTranslatorVararg, Object...)}.
     *
     * @param translator fills the event.
     * @param args       the arguments.
     */
    public void publishEvent(final EventTranslatorVararg<E> translator, final Object... args)
    {
        Arguments.required(translator, "translator");
        translate(translator, sequencer.next(), args);
    }

    /**
     * See {@link EventSink#tryPublishEvent(EventTranslatorVararg, Object...)}.
     *
     * @param translator fills the event.
     * @param args       the arguments.
     * @return false, having published nothing, if the ring is full.
     */
    public boolean tryPublishEvent(final EventTranslatorVararg<E> translator, final Object... args)
    {
        Arguments.required(translator, "translator");
        final long sequence = tryClaim(1);
        if (sequence == NO_ROOM)
        {
            return false;
        }
        translate(translator, sequence, args);
        return true;
    }

    private void translate(final EventTranslator<E> translator, final long sequence)
    {
        try
        {
            translator.translateTo(get(sequence), sequence);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    private <A> void translate(final EventTranslatorOneArg<E, A> translator, final long sequence, final A arg0)
    {
        try
        {
            translator.translateTo(get(sequence), sequence, arg0);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    private <A, B> void translate(
        final EventTranslatorTwoArg<E, A, B> translator, final long sequence, final A arg0, final B arg1)
    {
        try
        {
            translator.translateTo(get(sequence), sequence, arg0, arg1);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    private <A, B, C> void translate(
        final EventTranslatorThreeArg<E, A, B, C> translator, final long sequence, final A arg0, final B arg1,
        final C arg2)
    {
        try
        {
            translator.translateTo(get(sequence), sequence, arg0, arg1, arg2);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    private void translate(final EventTranslatorVararg<E> translator, final long sequence, final Object[] args)
    {
        try
        {
            translator.translateTo(get(sequence), sequence, args);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    /** Claims {@code n} slots if there is room; the highest claimed sequence, or {@link #NO_ROOM}. */
    final long tryClaim(final int n)
    {
        if (!sequencer.hasAvailableCapacity(n))
        {
            sequencer.throwIfHalted();
            return NO_ROOM;
        }
        try
        {
            return sequencer.tryNext(n);
        }
        catch (final InsufficientCapacityException ex)
        {
            return NO_ROOM;
        }
    }


    // ---- Batches through translator arrays, one argument or argument arrays: check the arguments, claim the whole
    // batch at once, fill each event, publish the batch at once, even when a translator throws. ----

    /**
     * See {@link EventSink#publishEvents(EventTranslator[])}.
     *
     * @param translators   the translators, one per event.
     */
    public void publishEvents(final EventTranslator<E>[] translators)
    {
        publishEvents(translators, 0, translators == null ? 0 : translators.length);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslator[], int, int)}.
     *
     * @param translators   the translators, one per event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     */
    public void publishEvents(final EventTranslator<E>[] translators, final int batchStartsAt, final int batchSize)
    {
        checkRange(translators, "translators", batchStartsAt, batchSize);
        checkTranslators(translators, batchStartsAt, batchSize);
        fill0(translators, batchStartsAt, batchSize, sequencer.next(batchSize));
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslator[])}.
     *
     * @param translators   the translators, one per event.
     * @return false, having published nothing, if the ring lacks room.
     */
    public boolean tryPublishEvents(final EventTranslator<E>[] translators)
    {
        return tryPublishEvents(translators, 0, translators == null ? 0 : translators.length);
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslator[], int, int)}.
     *
     * @param translators   the translators, one per event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @return false, having published nothing, if the ring lacks room.
     */
    public boolean tryPublishEvents(final EventTranslator<E>[] translators, final int batchStartsAt,
        final int batchSize)
    {
        checkRange(translators, "translators", batchStartsAt, batchSize);
        checkTranslators(translators, batchStartsAt, batchSize);
        final long hi = tryClaim(batchSize);
        if (hi == NO_ROOM)
        {
            return false;
        }
        fill0(translators, batchStartsAt, batchSize, hi);
        return true;
    }

    private void fill0(final EventTranslator<E>[] translators, final int start, final int count, final long hi)
    {
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translators[start + i].translateTo(get(lo + i), lo + i);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorOneArg, Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param <A>           an argument type.
     */
    public <A> void publishEvents(final EventTranslatorOneArg<E, A> translator, final A[] args0)
    {
        publishEvents(translator, 0, args0 == null ? 0 : args0.length, args0);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorOneArg, int, int, Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param <A>           an argument type.
     */
    public <A> void publishEvents(
        final EventTranslatorOneArg<E, A> translator, final int batchStartsAt, final int batchSize, final A[] args0)
    {
        Arguments.required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        fill1(translator, batchStartsAt, batchSize, args0, sequencer.next(batchSize));
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorOneArg, Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param <A>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A> boolean tryPublishEvents(final EventTranslatorOneArg<E, A> translator, final A[] args0)
    {
        return tryPublishEvents(translator, 0, args0 == null ? 0 : args0.length, args0);
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorOneArg, int, int, Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param <A>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A> boolean tryPublishEvents(
        final EventTranslatorOneArg<E, A> translator, final int batchStartsAt, final int batchSize, final A[] args0)
    {
        Arguments.required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        final long hi = tryClaim(batchSize);
        if (hi == NO_ROOM)
        {
            return false;
        }
        fill1(translator, batchStartsAt, batchSize, args0, hi);
        return true;
    }

    private <A> void fill1(
        final EventTranslatorOneArg<E, A> translator, final int start, final int count, final A[] args0, final long hi)
    {
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(get(lo + i), lo + i, args0[start + i]);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorVararg, Object[][])}.
     *
     * @param translator    fills each event.
     * @param args          the argument arrays, one per event.
     */
    public void publishEvents(final EventTranslatorVararg<E> translator, final Object[]... args)
    {
        publishEvents(translator, 0, args == null ? 0 : args.length, args);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorVararg, int, int, Object[][])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args          the argument arrays, one per event.
     */
    public void publishEvents(
        final EventTranslatorVararg<E> translator, final int batchStartsAt, final int batchSize, final Object[]... args)
    {
        Arguments.required(translator, "translator");
        checkRange(args, "args", batchStartsAt, batchSize);
        fillVararg(translator, batchStartsAt, batchSize, args, sequencer.next(batchSize));
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorVararg, Object[][])}.
     *
     * @param translator    fills each event.
     * @param args          the argument arrays, one per event.
     * @return false, having published nothing, if the ring lacks room.
     */
    public boolean tryPublishEvents(final EventTranslatorVararg<E> translator, final Object[]... args)
    {
        return tryPublishEvents(translator, 0, args == null ? 0 : args.length, args);
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorVararg, int, int, Object[][])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args          the argument arrays, one per event.
     * @return false, having published nothing, if the ring lacks room.
     */
    public boolean tryPublishEvents(
        final EventTranslatorVararg<E> translator, final int batchStartsAt, final int batchSize, final Object[]... args)
    {
        Arguments.required(translator, "translator");
        checkRange(args, "args", batchStartsAt, batchSize);
        final long hi = tryClaim(batchSize);
        if (hi == NO_ROOM)
        {
            return false;
        }
        fillVararg(translator, batchStartsAt, batchSize, args, hi);
        return true;
    }

    private void fillVararg(
        final EventTranslatorVararg<E> translator, final int start, final int count, final Object[][] args,
        final long hi)
    {
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(get(lo + i), lo + i, args[start + i]);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    /** Checks that every translator of a batch is given. */
    private static void checkTranslators(final Object[] translators, final int start, final int count)
    {
        for (int i = start; i < start + count; i++)
        {
            if (translators[i] == null)
            {
                throw new NullPointerException("translators[" + i + "] is null");
            }
        }
    }

    /**
     * Checks that {@code array} holds elements {@code start .. start + count - 1}, and that the batch fits the ring.
     */
    final void checkRange(final Object[] array, final String name, final int start, final int count)
    {
        Arguments.required(array, name);
        if (start < 0 || count < 1 || count > sequencer.bufferSize || start > array.length - count)
        {
            throw new IllegalArgumentException("bad batch: batchStartsAt " + start + ", batchSize " + count + " with " +
                array.length + " elements in " + name + " and ring size " + sequencer.bufferSize +
                "; need 1 <= batchSize <= ring size and batchStartsAt + batchSize <= elements");
        }
    }

    // ---- Batches with two and three arguments per event, claimed, filled and published as above. ----

    /**
     * See {@link EventSink#publishEvents(EventTranslatorTwoArg, Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     */
    public <A, B> void publishEvents(final EventTranslatorTwoArg<E, A, B> translator, final A[] args0, final B[] args1)
    {
        publishEvents(translator, 0, args0 == null ? 0 : args0.length, args0, args1);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorTwoArg, int, int, Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     */
    public <A, B> void publishEvents(
        final EventTranslatorTwoArg<E, A, B> translator,
        final int batchStartsAt, final int batchSize, final A[] args0, final B[] args1)
    {
        Arguments.required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        checkRange(args1, "args1", batchStartsAt, batchSize);
        fill2(translator, batchStartsAt, batchSize, args0, args1, sequencer.next(batchSize));
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorTwoArg, Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A, B> boolean tryPublishEvents(final EventTranslatorTwoArg<E, A, B> translator, final A[] args0,
        final B[] args1)
    {
        return tryPublishEvents(translator, 0, args0 == null ? 0 : args0.length, args0, args1);
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorTwoArg, int, int, Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A, B> boolean tryPublishEvents(
        final EventTranslatorTwoArg<E, A, B> translator,
        final int batchStartsAt, final int batchSize, final A[] args0, final B[] args1)
    {
        Arguments.required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        checkRange(args1, "args1", batchStartsAt, batchSize);
        final long hi = tryClaim(batchSize);
        if (hi == NO_ROOM)
        {
            return false;
        }
        fill2(translator, batchStartsAt, batchSize, args0, args1, hi);
        return true;
    }

    private <A, B> void fill2(
        final EventTranslatorTwoArg<E, A, B> translator, final int start,
        final int count, final A[] args0, final B[] args1, final long hi)
    {
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(get(lo + i), lo + i, args0[start + i], args1[start + i]);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorThreeArg, Object[], Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param args2         argument 2 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @param <C>           an argument type.
     */
    public <A, B, C> void publishEvents(
        final EventTranslatorThreeArg<E, A, B, C> translator, final A[] args0, final B[] args1, final C[] args2)
    {
        publishEvents(translator, 0, args0 == null ? 0 : args0.length, args0, args1, args2);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorThreeArg, int, int, Object[], Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param args2         argument 2 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @param <C>           an argument type.
     */
    public <A, B, C> void publishEvents(
        final EventTranslatorThreeArg<E, A, B, C> translator,
        final int batchStartsAt, final int batchSize, final A[] args0, final B[] args1, final C[] args2)
    {
        Arguments.required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        checkRange(args1, "args1", batchStartsAt, batchSize);
        checkRange(args2, "args2", batchStartsAt, batchSize);
        fill3(translator, batchStartsAt, batchSize, args0, args1, args2, sequencer.next(batchSize));
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorThreeArg, Object[], Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param args2         argument 2 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @param <C>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A, B, C> boolean tryPublishEvents(
        final EventTranslatorThreeArg<E, A, B, C> translator, final A[] args0, final B[] args1, final C[] args2)
    {
        return tryPublishEvents(translator, 0, args0 == null ? 0 : args0.length, args0, args1, args2);
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorThreeArg, int, int, Object[], Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param args2         argument 2 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @param <C>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A, B, C> boolean tryPublishEvents(
        final EventTranslatorThreeArg<E, A, B, C> translator,
        final int batchStartsAt, final int batchSize, final A[] args0, final B[] args1, final C[] args2)
    {
        Arguments.required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        checkRange(args1, "args1", batchStartsAt, batchSize);
        checkRange(args2, "args2", batchStartsAt, batchSize);
        final long hi = tryClaim(batchSize);
        if (hi == NO_ROOM)
        {
            return false;
        }
        fill3(translator, batchStartsAt, batchSize, args0, args1, args2, hi);
        return true;
    }

    private <A, B, C> void fill3(
        final EventTranslatorThreeArg<E, A, B, C> translator, final int start,
        final int count, final A[] args0, final B[] args1, final C[] args2, final long hi)
    {
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(get(lo + i), lo + i, args0[start + i], args1[start + i], args2[start + i]);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }
}
