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
 * 0 ({@link PairEvent#check}: 1 complete, 2 torn or overwritten).
 */
public final class SlotReuseTest
{
    private SlotReuseTest()
    {
    }

    /**
     * Claims and publishes event 0 on a fresh ring gated on {@code consumer}.
     *
     * @param ring     the ring, of one slot.
     * @param consumer the consumer's sequence.
     */
    static void publishFirst(final RingBuffer<PairEvent> ring, final Sequence consumer)
    {
        ring.addGatingSequences(consumer);
        final long sequence = ring.next();
        ring.get(sequence).write(tag(sequence));
        ring.publish(sequence);
    }

    /**
     * Claims without waiting and, if it got a slot, overwrites and publishes it.
     *
     * @param ring the ring.
     * @return the claimed sequence, or -1 if the ring was full.
     */
    static int tryOverwrite(final RingBuffer<PairEvent> ring)
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

    /** {@code tryNext} on a single-producer ring of one slot. */
    @JCStressTest
    @Description("SINGLE ring of 1 slot: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer tryNext() and, if it gets slot 1, overwrites it.")
    @Outcome(id = "-1, 1", expect = ACCEPTABLE, desc = "The ring was still full; the consumer read event 0.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The slot was reused after the consumer read event 0.")
    @Outcome(expect = FORBIDDEN, desc = "The consumer saw the producer's later write: the slot was reused too early.")
    @State
    public static class SingleTryNext
    {
        private final RingBuffer<PairEvent> ring = Rings.single(1);
        private final Sequence consumer = new Sequence();

        /** Publishes event 0. */
        public SingleTryNext()
        {
            publishFirst(ring, consumer);
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            r.r2 = ring.get(0).check(tag(0));
            consumer.set(0);
        }

        /**
         * Tries to claim and overwrite the slot.
         *
         * @param r r1: the claimed sequence or -1.
         */
        @Actor
        public void producer(final II_Result r)
        {
            r.r1 = tryOverwrite(ring);
        }
    }

    /** {@code tryNext} on a multi-producer ring of one slot. */
    @JCStressTest
    @Description("MULTI ring of 1 slot: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer tryNext() and, if it gets slot 1, overwrites it.")
    @Outcome(id = "-1, 1", expect = ACCEPTABLE, desc = "The ring was still full; the consumer read event 0.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The slot was reused after the consumer read event 0.")
    @Outcome(expect = FORBIDDEN, desc = "The consumer saw the producer's later write: the slot was reused too early.")
    @State
    public static class MultiTryNext
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(1);
        private final Sequence consumer = new Sequence();

        /** Publishes event 0. */
        public MultiTryNext()
        {
            publishFirst(ring, consumer);
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            r.r2 = ring.get(0).check(tag(0));
            consumer.set(0);
        }

        /**
         * Tries to claim and overwrite the slot.
         *
         * @param r r1: the claimed sequence or -1.
         */
        @Actor
        public void producer(final II_Result r)
        {
            r.r1 = tryOverwrite(ring);
        }
    }

    /** The blocking {@code next} on a single-producer ring of one slot: it waits for the consumer. */
    @JCStressTest
    @Description("SINGLE ring of 1 slot: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer next() waits for the slot and overwrites it.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The slot was reused after the consumer read event 0.")
    @Outcome(expect = FORBIDDEN, desc = "The consumer saw the producer's later write: the slot was reused too early.")
    @State
    public static class SingleNext
    {
        private final RingBuffer<PairEvent> ring = Rings.single(1);
        private final Sequence consumer = new Sequence();

        /** Publishes event 0. */
        public SingleNext()
        {
            publishFirst(ring, consumer);
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            r.r2 = ring.get(0).check(tag(0));
            consumer.set(0);
        }

        /**
         * Waits for the slot and overwrites it.
         *
         * @param r r1: the claimed sequence.
         */
        @Actor
        public void producer(final II_Result r)
        {
            final long sequence = ring.next();
            ring.get(sequence).write(tag(sequence));
            ring.publish(sequence);
            r.r1 = (int)sequence;
        }
    }

    /** The blocking {@code next} on a multi-producer ring of one slot: it waits for the consumer. */
    @JCStressTest
    @Description("MULTI ring of 1 slot: consumer reads event 0 then sets its gating sequence to 0; " +
        "producer next() waits for the slot and overwrites it.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The slot was reused after the consumer read event 0.")
    @Outcome(expect = FORBIDDEN, desc = "The consumer saw the producer's later write: the slot was reused too early.")
    @State
    public static class MultiNext
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(1);
        private final Sequence consumer = new Sequence();

        /** Publishes event 0. */
        public MultiNext()
        {
            publishFirst(ring, consumer);
        }

        /**
         * Reads event 0, then releases it.
         *
         * @param r r2: the consumer's view of event 0.
         */
        @Actor
        public void consumer(final II_Result r)
        {
            r.r2 = ring.get(0).check(tag(0));
            consumer.set(0);
        }

        /**
         * Waits for the slot and overwrites it.
         *
         * @param r r1: the claimed sequence.
         */
        @Actor
        public void producer(final II_Result r)
        {
            final long sequence = ring.next();
            ring.get(sequence).write(tag(sequence));
            ring.publish(sequence);
            r.r1 = (int)sequence;
        }
    }

    /** An {@link EventPoller} as the consumer: its sequence advances only after its handler returns. */
    @JCStressTest
    @Description("SINGLE ring of 1 slot gated on a poller: the poller's handler reads event 0; " +
        "producer tryNext() and, if it gets slot 1, overwrites it. Result: claim, polled (1/0), view of event 0.")
    @Outcome(id = "-1, 1, 1", expect = ACCEPTABLE, desc = "The ring was still full; the handler read event 0.")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "The slot was reused after the handler read event 0.")
    @Outcome(expect = FORBIDDEN, desc = "The handler saw the producer's later write, or event 0 was not polled.")
    @State
    public static class PollerTryNext
    {
        private final RingBuffer<PairEvent> ring = Rings.single(1);
        private final EventPoller<PairEvent> poller = ring.newPoller();

        /** Publishes event 0. */
        public PollerTryNext()
        {
            publishFirst(ring, poller.getSequence());
        }

        /**
         * Polls event 0 and reads it in the handler.
         *
         * @param r r2: polled (1/0); r3: the handler's view of event 0.
         */
        @Actor
        public void consumer(final III_Result r)
        {
            r.r3 = -1;
            final EventPoller.PollState state = poller.poll((event, sequence, endOfBatch) ->
            {
                r.r3 = event.check(tag(sequence));
                return false;
            });
            r.r2 = state == EventPoller.PollState.PROCESSING ? 1 : 0;
        }

        /**
         * Tries to claim and overwrite the slot.
         *
         * @param r r1: the claimed sequence or -1.
         */
        @Actor
        public void producer(final III_Result r)
        {
            r.r1 = tryOverwrite(ring);
        }
    }
}
