package io.nanostream.stress;

import static io.nanostream.stress.Rings.tag;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.nanostream.ring.EventPoller;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIIII_Result;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Publication on a multi-producer ring, where claims complete out of order: a barrier hands out only
 * contiguous ranges of published sequences, and every event in such a range is fully written. With two
 * cores, jcstress runs two actors, so each producer here also scans, or one thread publishes out of
 * order, or the hole is a claim that is never published.
 *
 * <p>Each check is an abstract class with the logic and the outcomes; the tests are its subclasses,
 * one for plain events (per-slot flags) and one for {@code SequencedEvent}s (the marks in the events).
 */
public final class MultiProducerPublicationTest
{
    private MultiProducerPublicationTest()
    {
    }

    /**
     * Scans from 0 and checks every event the barrier says is available.
     *
     * @param ring    the ring.
     * @param barrier a barrier with no dependents.
     * @param <E>     the event type.
     * @return {highest available, 1 if every available event is complete / 0 if not / -1 if none}.
     */
    static <E extends Pair> int[] scan(final RingBuffer<E> ring, final SequenceBarrier barrier)
    {
        final long available = barrier.highestAvailable(0);
        int complete = available < 0 ? -1 : 1;
        for (long sequence = 0; sequence <= available; sequence++)
        {
            if (ring.get(sequence).check(tag(sequence)) != Pair.COMPLETE)
            {
                complete = 0;
            }
        }
        return new int[] {(int)available, complete};
    }

    /** Two producers each claim, fill and publish one event, then scan from 0 through a barrier. */
    @Outcome(id = {"0, 1, 1, 1, -1, -1", "1, -1, -1, 0, 1, 1", "0, 0, 1, 1, 1, 1", "1, 1, 1, 0, 0, 1"},
        expect = ACCEPTABLE, desc = "One producer saw both events, the other one only its own or a hole at 0.")
    @Outcome(id = {"0, 1, 1, 1, 1, 1", "1, 1, 1, 0, 1, 1"}, expect = ACCEPTABLE, desc = "Both saw both events.")
    @Outcome(id = {"0, 0, 1, 1, -1, -1", "1, -1, -1, 0, 0, 1"}, expect = ACCEPTABLE_INTERESTING,
        desc = "Each saw only its own publication (store buffering): allowed, publication is release/acquire, " +
            "not sequentially consistent.")
    @Outcome(expect = FORBIDDEN, desc = "Duplicate claims, an own publication not seen, a sequence available " +
        "before an earlier one, or an available event with stale fields.")
    public abstract static class ProducersThenScan<E extends Pair>
    {
        final RingBuffer<E> ring;
        final SequenceBarrier barrier;

        ProducersThenScan(final RingBuffer<E> ring)
        {
            this.ring = ring;
            this.barrier = ring.newBarrier();
        }

        final void produceAndScan1(final IIIIII_Result r)
        {
            final long sequence = Rings.publishOne(ring);
            final int[] seen = scan(ring, barrier);
            r.r1 = (int)sequence;
            r.r2 = seen[0];
            r.r3 = seen[1];
        }

        final void produceAndScan2(final IIIIII_Result r)
        {
            final long sequence = Rings.publishOne(ring);
            final int[] seen = scan(ring, barrier);
            r.r4 = (int)sequence;
            r.r5 = seen[0];
            r.r6 = seen[1];
        }
    }

    /** Per-slot flags. */
    @JCStressTest
    @Description("Two producers on a MULTI ring of plain events: next(), write, publish(), then " +
        "barrier.highestAvailable(0) and read every available event. Result per producer: claimed sequence, " +
        "highest available, all complete.")
    @State
    public static class TwoProducersThenScan extends ProducersThenScan<PairEvent>
    {
        /** A ring of 4. */
        public TwoProducersThenScan()
        {
            super(Rings.multi(4));
        }

        /**
         * Publishes one event, then scans.
         *
         * @param r r1..r3: claimed sequence, highest available, all complete.
         */
        @Actor
        public void producer1(final IIIIII_Result r)
        {
            produceAndScan1(r);
        }

        /**
         * Publishes one event, then scans.
         *
         * @param r r4..r6: claimed sequence, highest available, all complete.
         */
        @Actor
        public void producer2(final IIIIII_Result r)
        {
            produceAndScan2(r);
        }
    }

    /** Events' marks. */
    @JCStressTest
    @Description("Two producers on a MULTI ring of SequencedEvents: next(), write, publish(), then " +
        "barrier.highestAvailable(0) and read every available event. Result per producer: claimed sequence, " +
        "highest available, all complete.")
    @State
    public static class SequencedTwoProducersThenScan extends ProducersThenScan<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedTwoProducersThenScan()
        {
            super(Rings.sequencedMulti(4));
        }

        /**
         * Publishes one event, then scans.
         *
         * @param r r1..r3: claimed sequence, highest available, all complete.
         */
        @Actor
        public void producer1(final IIIIII_Result r)
        {
            produceAndScan1(r);
        }

        /**
         * Publishes one event, then scans.
         *
         * @param r r4..r6: claimed sequence, highest available, all complete.
         */
        @Actor
        public void producer2(final IIIIII_Result r)
        {
            produceAndScan2(r);
        }
    }

    /**
     * A producer that claimed 0 has not published it yet (it never does here); another, who claimed 1,
     * publishes 1. A reader may see 1 published, but neither the barrier nor a poller may hand it out.
     * Results: the barrier's highest available from 0, events polled, state of event 1 by
     * {@code isPublished(1)} (-1 if not published).
     */
    @Outcome(id = {"-1, 0, -1", "-1, 0, 1"}, expect = ACCEPTABLE,
        desc = "Nothing handed out; 1 not yet seen, or seen published and complete.")
    @Outcome(expect = FORBIDDEN, desc = "Sequence 1 handed out across the unpublished 0, or stale fields.")
    public abstract static class UnpublishedClaim<E extends Pair>
    {
        final RingBuffer<E> ring;
        final SequenceBarrier barrier;
        final EventPoller<E> poller;

        UnpublishedClaim(final RingBuffer<E> ring)
        {
            this.ring = ring;
            this.barrier = ring.newBarrier();
            this.poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
            ring.next(); // producer A's claim of 0, never published
            ring.next(); // producer B's claim of 1
        }

        final void publishOne()
        {
            ring.get(1).write(tag(1));
            ring.publish(1);
        }

        final void read(final III_Result r)
        {
            r.r3 = ring.isPublished(1) ? ring.get(1).check(tag(1)) : -1;
            r.r1 = (int)barrier.highestAvailable(0);
            Rings.poll(poller, (event, sequence, endOfBatch) ->
            {
                r.r2++;
                return true;
            });
        }
    }

    /** Per-slot flags. */
    @JCStressTest
    @Description("MULTI ring of plain events, 0 and 1 claimed, 0 never published; producer publishes 1; reader: " +
        "isPublished(1), barrier.highestAvailable(0), EventPoller.poll().")
    @State
    public static class UnpublishedHole extends UnpublishedClaim<PairEvent>
    {
        /** A ring of 4 with 0 and 1 claimed. */
        public UnpublishedHole()
        {
            super(Rings.multi(4));
        }

        /** Fills and publishes 1. */
        @Actor
        public void producer()
        {
            publishOne();
        }

        /**
         * Looks at 1, then scans and polls from 0.
         *
         * @param r highest available, events polled, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }

    /** Events' marks. */
    @JCStressTest
    @Description("MULTI ring of SequencedEvents, 0 and 1 claimed, 0 never published; producer publishes 1; reader: " +
        "isPublished(1), barrier.highestAvailable(0), EventPoller.poll().")
    @State
    public static class SequencedUnpublishedHole extends UnpublishedClaim<SequencedPairEvent>
    {
        /** A ring of 4 with 0 and 1 claimed. */
        public SequencedUnpublishedHole()
        {
            super(Rings.sequencedMulti(4));
        }

        /** Fills and publishes 1. */
        @Actor
        public void producer()
        {
            publishOne();
        }

        /**
         * Looks at 1, then scans and polls from 0.
         *
         * @param r highest available, events polled, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }

    /** Sequence 1 is published before sequence 0: the barrier must not hand out 1 across the hole at 0. */
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "Sequence 0 not published yet: nothing available.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Both available and complete.")
    @Outcome(id = "0, 1", expect = ACCEPTABLE_INTERESTING,
        desc = "0 seen but not 1, though 1 was published first: allowed, the scan's loads of 1 and of 0 are " +
            "not ordered with each other, only before the reads of the events.")
    @Outcome(expect = FORBIDDEN, desc = "A sequence handed out across the unpublished 0, or stale fields.")
    public abstract static class OutOfOrder<E extends Pair>
    {
        final RingBuffer<E> ring;
        final SequenceBarrier barrier;

        OutOfOrder(final RingBuffer<E> ring)
        {
            this.ring = ring;
            this.barrier = ring.newBarrier();
            ring.next();
            ring.next();
        }

        final void produce()
        {
            ring.get(1).write(tag(1));
            ring.publish(1);
            ring.get(0).write(tag(0));
            ring.publish(0);
        }

        final void read(final II_Result r)
        {
            final int[] seen = scan(ring, barrier);
            r.r1 = seen[0];
            r.r2 = seen[1];
        }
    }

    /** Per-slot flags. */
    @JCStressTest
    @Description("MULTI ring of plain events, sequences 0 and 1 claimed up front; producer fills and publishes 1, " +
        "then 0; reader: barrier.highestAvailable(0) and reads every available event.")
    @State
    public static class OutOfOrderPublication extends OutOfOrder<PairEvent>
    {
        /** A ring of 4 with 0 and 1 claimed. */
        public OutOfOrderPublication()
        {
            super(Rings.multi(4));
        }

        /** Fills and publishes 1, then 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Scans from 0.
         *
         * @param r highest available, all complete.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** Events' marks. */
    @JCStressTest
    @Description("MULTI ring of SequencedEvents, sequences 0 and 1 claimed up front; producer fills and publishes " +
        "1, then 0; reader: barrier.highestAvailable(0) and reads every available event.")
    @State
    public static class SequencedOutOfOrderPublication extends OutOfOrder<SequencedPairEvent>
    {
        /** A ring of 4 with 0 and 1 claimed. */
        public SequencedOutOfOrderPublication()
        {
            super(Rings.sequencedMulti(4));
        }

        /** Fills and publishes 1, then 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Scans from 0.
         *
         * @param r highest available, all complete.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** The same hole, seen through an {@link EventPoller}: it must never hand out sequence 1 first. */
    @Outcome(id = "0, -1, -1", expect = ACCEPTABLE, desc = "Sequence 0 not published yet: nothing polled.")
    @Outcome(id = "2, 0, 1", expect = ACCEPTABLE, desc = "Both polled, in order, complete.")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE_INTERESTING,
        desc = "Only 0 polled, though 1 was published first: allowed, the loads are not ordered with each other.")
    @Outcome(expect = FORBIDDEN, desc = "Sequence 1 handed out before 0, or stale fields.")
    public abstract static class OutOfOrderPolled<E extends Pair>
    {
        final RingBuffer<E> ring;
        final EventPoller<E> poller;

        OutOfOrderPolled(final RingBuffer<E> ring)
        {
            this.ring = ring;
            this.poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
            ring.next();
            ring.next();
        }

        final void produce()
        {
            ring.get(1).write(tag(1));
            ring.publish(1);
            ring.get(0).write(tag(0));
            ring.publish(0);
        }

        final void read(final III_Result r)
        {
            r.r2 = -1;
            r.r3 = -1;
            Rings.poll(poller, (event, sequence, endOfBatch) ->
            {
                if (r.r1 == 0)
                {
                    r.r2 = (int)sequence;
                    r.r3 = 1;
                }
                if (event.check(tag(sequence)) != Pair.COMPLETE)
                {
                    r.r3 = 0;
                }
                r.r1++;
                return true;
            });
        }
    }

    /** Per-slot flags. */
    @JCStressTest
    @Description("MULTI ring of plain events, sequences 0 and 1 claimed up front; producer fills and publishes 1, " +
        "then 0; reader: one EventPoller.poll() taking every available event. Result: events handled, first " +
        "sequence, all complete.")
    @State
    public static class OutOfOrderPoller extends OutOfOrderPolled<PairEvent>
    {
        /** A ring of 4 gated on the poller, with 0 and 1 claimed. */
        public OutOfOrderPoller()
        {
            super(Rings.multi(4));
        }

        /** Fills and publishes 1, then 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Polls once, taking every available event.
         *
         * @param r events handled, first sequence handled, all complete.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }

    /** Events' marks. */
    @JCStressTest
    @Description("MULTI ring of SequencedEvents, sequences 0 and 1 claimed up front; producer fills and publishes " +
        "1, then 0; reader: one EventPoller.poll() taking every available event. Result: events handled, first " +
        "sequence, all complete.")
    @State
    public static class SequencedOutOfOrderPoller extends OutOfOrderPolled<SequencedPairEvent>
    {
        /** A ring of 4 gated on the poller, with 0 and 1 claimed. */
        public SequencedOutOfOrderPoller()
        {
            super(Rings.sequencedMulti(4));
        }

        /** Fills and publishes 1, then 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Polls once, taking every available event.
         *
         * @param r events handled, first sequence handled, all complete.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }
}
