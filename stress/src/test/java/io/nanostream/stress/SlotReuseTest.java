package io.nanostream.stress;

import static io.nanostream.stress.Rings.tag;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.EventPoller;
import io.nanostream.ring.InsufficientCapacityException;
import io.nanostream.ring.RingBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Gating: a ring of one slot holds event 0, a consumer reads it and then releases its sequence, while
 * the producer claims the same slot again for event 1 and overwrites it. The consumer's reads happen
 * before its release and the producer's writes after its claim, so the consumer must never see event
 * 1's data. Results: the producer's claim (-1 if the ring was full), then the consumer's view of event
 * 0 ({@link Pair#check}: 1 complete, 2 torn or overwritten).
 *
 * <p>On a ring of {@code SequencedEvent}s the overwrite also rewrites the publication mark in that same
 * event, so these tests run for plain events and for {@code SequencedEvent}s, single- and multi-producer.
 */
public final class SlotReuseTest
{
    private SlotReuseTest()
    {
    }

    /**
     * Claims without waiting and, if it got a slot, overwrites and publishes it.
     *
     * @param ring the ring.
     * @param <E>  the event type.
     * @return the claimed sequence, or -1 if the ring was full.
     */
    static <E extends Pair> int tryOverwrite(final RingBuffer<E> ring)
    {
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1;
        }
        ring.get(sequence).write(tag(sequence));
        ring.publish(sequence);
        return (int)sequence;
    }

    /** Event 0 published on a fresh ring of one slot, gated on a consumer sequence. */
    abstract static class OneSlot<E extends Pair>
    {
        final RingBuffer<E> ring;
        final Sequence consumer = new Sequence();

        OneSlot(final RingBuffer<E> ring)
        {
            this.ring = ring;
            ring.addGatingSequences(consumer);
            Rings.publishOne(ring);
        }

        /** Reads event 0, then releases it. */
        final int consume()
        {
            final int seen = ring.get(0).check(tag(0));
            consumer.set(0);
            return seen;
        }
    }

    /** {@code tryNext}: it may find the ring still full. */
    @Outcome(id = "-1, 1", expect = ACCEPTABLE, desc = "The ring was still full; the consumer read event 0.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The slot was reused after the consumer read event 0.")
    @Outcome(expect = FORBIDDEN, desc = "The consumer saw the producer's later write: the slot was reused too early.")
    public abstract static class TryNext<E extends Pair> extends OneSlot<E>
    {
        TryNext(final RingBuffer<E> ring)
        {
            super(ring);
        }

        final void consume(final II_Result r)
        {
            r.r2 = consume();
        }

        final void produce(final II_Result r)
        {
            r.r1 = tryOverwrite(ring);
        }
    }

    /** Cursor. */
    @JCStressTest
    @Description("SINGLE ring of 1 slot, plain events: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer tryNext() and, if it gets slot 1, overwrites it.")
    @State
    public static class SingleTryNext extends TryNext<PairEvent>
    {
        /** Publishes event 0. */
        public SingleTryNext()
        {
            super(Rings.single(1));
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            consume(r);
        }

        /**
         * Tries to claim and overwrite the slot.
         *
         * @param r r1: the claimed sequence or -1.
         */
        @Actor
        public void producer(final II_Result r)
        {
            produce(r);
        }
    }

    /** Per-slot flags. */
    @JCStressTest
    @Description("MULTI ring of 1 slot, plain events: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer tryNext() and, if it gets slot 1, overwrites it.")
    @State
    public static class MultiTryNext extends TryNext<PairEvent>
    {
        /** Publishes event 0. */
        public MultiTryNext()
        {
            super(Rings.multi(1));
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            consume(r);
        }

        /**
         * Tries to claim and overwrite the slot.
         *
         * @param r r1: the claimed sequence or -1.
         */
        @Actor
        public void producer(final II_Result r)
        {
            produce(r);
        }
    }

    /** Events' marks, single producer. */
    @JCStressTest
    @Description("SINGLE ring of 1 slot, SequencedEvents: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer tryNext() and, if it gets slot 1, overwrites it.")
    @State
    public static class SequencedSingleTryNext extends TryNext<SequencedPairEvent>
    {
        /** Publishes event 0. */
        public SequencedSingleTryNext()
        {
            super(Rings.sequencedSingle(1));
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            consume(r);
        }

        /**
         * Tries to claim and overwrite the slot.
         *
         * @param r r1: the claimed sequence or -1.
         */
        @Actor
        public void producer(final II_Result r)
        {
            produce(r);
        }
    }

    /** Events' marks, multi-producer ring. */
    @JCStressTest
    @Description("MULTI ring of 1 slot, SequencedEvents: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer tryNext() and, if it gets slot 1, overwrites it.")
    @State
    public static class SequencedMultiTryNext extends TryNext<SequencedPairEvent>
    {
        /** Publishes event 0. */
        public SequencedMultiTryNext()
        {
            super(Rings.sequencedMulti(1));
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            consume(r);
        }

        /**
         * Tries to claim and overwrite the slot.
         *
         * @param r r1: the claimed sequence or -1.
         */
        @Actor
        public void producer(final II_Result r)
        {
            produce(r);
        }
    }

    /** The blocking {@code next}: it waits for the consumer. */
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The slot was reused after the consumer read event 0.")
    @Outcome(expect = FORBIDDEN, desc = "The consumer saw the producer's later write: the slot was reused too early.")
    public abstract static class Next<E extends Pair> extends OneSlot<E>
    {
        Next(final RingBuffer<E> ring)
        {
            super(ring);
        }

        final void consume(final II_Result r)
        {
            r.r2 = consume();
        }

        final void produce(final II_Result r)
        {
            r.r1 = (int)Rings.publishOne(ring);
        }
    }

    /** Cursor. */
    @JCStressTest
    @Description("SINGLE ring of 1 slot, plain events: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer next() waits for the slot and overwrites it.")
    @State
    public static class SingleNext extends Next<PairEvent>
    {
        /** Publishes event 0. */
        public SingleNext()
        {
            super(Rings.single(1));
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            consume(r);
        }

        /**
         * Waits for the slot and overwrites it.
         *
         * @param r r1: the claimed sequence.
         */
        @Actor
        public void producer(final II_Result r)
        {
            produce(r);
        }
    }

    /** Per-slot flags. */
    @JCStressTest
    @Description("MULTI ring of 1 slot, plain events: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer next() waits for the slot and overwrites it.")
    @State
    public static class MultiNext extends Next<PairEvent>
    {
        /** Publishes event 0. */
        public MultiNext()
        {
            super(Rings.multi(1));
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            consume(r);
        }

        /**
         * Waits for the slot and overwrites it.
         *
         * @param r r1: the claimed sequence.
         */
        @Actor
        public void producer(final II_Result r)
        {
            produce(r);
        }
    }

    /** Events' marks, single producer. */
    @JCStressTest
    @Description("SINGLE ring of 1 slot, SequencedEvents: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer next() waits for the slot and overwrites it.")
    @State
    public static class SequencedSingleNext extends Next<SequencedPairEvent>
    {
        /** Publishes event 0. */
        public SequencedSingleNext()
        {
            super(Rings.sequencedSingle(1));
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            consume(r);
        }

        /**
         * Waits for the slot and overwrites it.
         *
         * @param r r1: the claimed sequence.
         */
        @Actor
        public void producer(final II_Result r)
        {
            produce(r);
        }
    }

    /** Events' marks, multi-producer ring. */
    @JCStressTest
    @Description("MULTI ring of 1 slot, SequencedEvents: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer next() waits for the slot and overwrites it.")
    @State
    public static class SequencedMultiNext extends Next<SequencedPairEvent>
    {
        /** Publishes event 0. */
        public SequencedMultiNext()
        {
            super(Rings.sequencedMulti(1));
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            consume(r);
        }

        /**
         * Waits for the slot and overwrites it.
         *
         * @param r r1: the claimed sequence.
         */
        @Actor
        public void producer(final II_Result r)
        {
            produce(r);
        }
    }

    /**
     * An {@link EventPoller} as the consumer: its sequence advances only after its handler returns.
     * Results: the producer's claim or -1, polled (1/0), the handler's view of event 0.
     */
    @Outcome(id = "-1, 1, 1", expect = ACCEPTABLE, desc = "The ring was still full; the handler read event 0.")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "The slot was reused after the handler read event 0.")
    @Outcome(expect = FORBIDDEN, desc = "The handler saw the producer's later write, or event 0 was not polled.")
    public abstract static class PolledTryNext<E extends Pair>
    {
        final RingBuffer<E> ring;
        final EventPoller<E> poller;

        PolledTryNext(final RingBuffer<E> ring)
        {
            this.ring = ring;
            this.poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
            Rings.publishOne(ring);
        }

        final void consume(final III_Result r)
        {
            r.r3 = -1;
            final EventPoller.PollState state = Rings.poll(poller, (event, sequence, endOfBatch) ->
            {
                r.r3 = event.check(tag(sequence));
                return false;
            });
            r.r2 = state == EventPoller.PollState.PROCESSING ? 1 : 0;
        }

        final void produce(final III_Result r)
        {
            r.r1 = tryOverwrite(ring);
        }
    }

    /** Cursor. */
    @JCStressTest
    @Description("SINGLE ring of 1 slot, plain events, gated on a poller: the poller's handler reads event 0; " +
        "producer tryNext() and, if it gets slot 1, overwrites it. Result: claim, polled (1/0), view of event 0.")
    @State
    public static class PollerTryNext extends PolledTryNext<PairEvent>
    {
        /** Publishes event 0. */
        public PollerTryNext()
        {
            super(Rings.single(1));
        }

        /**
         * Polls event 0 and reads it in the handler.
         *
         * @param r r2: polled (1/0); r3: the handler's view of event 0.
         */
        @Actor
        public void consumer(final III_Result r)
        {
            consume(r);
        }

        /**
         * Tries to claim and overwrite the slot.
         *
         * @param r r1: the claimed sequence or -1.
         */
        @Actor
        public void producer(final III_Result r)
        {
            produce(r);
        }
    }

    /** Events' marks: the poller finds event 0 by its mark, which the overwrite replaces. */
    @JCStressTest
    @Description("SINGLE ring of 1 slot, SequencedEvents, gated on a poller: the poller's handler reads event 0; " +
        "producer tryNext() and, if it gets slot 1, overwrites it. Result: claim, polled (1/0), view of event 0.")
    @State
    public static class SequencedPollerTryNext extends PolledTryNext<SequencedPairEvent>
    {
        /** Publishes event 0. */
        public SequencedPollerTryNext()
        {
            super(Rings.sequencedSingle(1));
        }

        /**
         * Polls event 0 and reads it in the handler.
         *
         * @param r r2: polled (1/0); r3: the handler's view of event 0.
         */
        @Actor
        public void consumer(final III_Result r)
        {
            consume(r);
        }

        /**
         * Tries to claim and overwrite the slot.
         *
         * @param r r1: the claimed sequence or -1.
         */
        @Actor
        public void producer(final III_Result r)
        {
            produce(r);
        }
    }
}
