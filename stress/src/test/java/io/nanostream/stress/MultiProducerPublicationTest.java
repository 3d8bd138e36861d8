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
 * The per-slot availability flags of the multi-producer ring: a barrier hands out only contiguous
 * ranges of published sequences, and every event in such a range is fully written. With two cores,
 * jcstress runs two actors, so each producer here also scans, or one thread publishes out of order.
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
     * @return {highest available, 1 if every available event is complete / 0 if not / -1 if none}.
     */
    static int[] scan(final RingBuffer<PairEvent> ring, final SequenceBarrier barrier)
    {
        final long available = barrier.highestAvailable(0);
        int complete = available < 0 ? -1 : 1;
        for (long sequence = 0; sequence <= available; sequence++)
        {
            if (ring.get(sequence).check(tag(sequence)) != PairEvent.COMPLETE)
            {
                complete = 0;
            }
        }
        return new int[] {(int)available, complete};
    }

    /** Two producers each claim, fill and publish one event, then scan from 0 through a barrier. */
    @JCStressTest
    @Description("Two producers on a MULTI ring: next(), write, publish(), then barrier.highestAvailable(0) and read " +
        "every available event. Result per producer: claimed sequence, highest available, all complete.")
    @Outcome(id = {"0, 1, 1, 1, -1, -1", "1, -1, -1, 0, 1, 1", "0, 0, 1, 1, 1, 1", "1, 1, 1, 0, 0, 1"},
        expect = ACCEPTABLE, desc = "One producer saw both events, the other one only its own or a hole at 0.")
    @Outcome(id = {"0, 1, 1, 1, 1, 1", "1, 1, 1, 0, 1, 1"}, expect = ACCEPTABLE, desc = "Both saw both events.")
    @Outcome(id = {"0, 0, 1, 1, -1, -1", "1, -1, -1, 0, 0, 1"}, expect = ACCEPTABLE_INTERESTING,
        desc = "Each saw only its own publication (store buffering): allowed, publication is release/acquire, " +
            "not sequentially consistent.")
    @Outcome(expect = FORBIDDEN, desc = "Duplicate claims, an own publication not seen, a sequence available " +
        "before an earlier one, or an available event with stale fields.")
    @State
    public static class TwoProducersThenScan
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(4);
        private final SequenceBarrier barrier = ring.newBarrier();

        /**
         * Publishes one event, then scans.
         *
         * @param r r1..r3: claimed sequence, highest available, all complete.
         */
        @Actor
        public void producer1(final IIIIII_Result r)
        {
            final long sequence = ring.next();
            ring.get(sequence).write(tag(sequence));
            ring.publish(sequence);
            final int[] seen = scan(ring, barrier);
            r.r1 = (int)sequence;
            r.r2 = seen[0];
            r.r3 = seen[1];
        }

        /**
         * Publishes one event, then scans.
         *
         * @param r r4..r6: claimed sequence, highest available, all complete.
         */
        @Actor
        public void producer2(final IIIIII_Result r)
        {
            final long sequence = ring.next();
            ring.get(sequence).write(tag(sequence));
            ring.publish(sequence);
            final int[] seen = scan(ring, barrier);
            r.r4 = (int)sequence;
            r.r5 = seen[0];
            r.r6 = seen[1];
        }
    }

    /** Sequence 1 is published before sequence 0: the barrier must not hand out 1 across the hole at 0. */
    @JCStressTest
    @Description("MULTI ring, sequences 0 and 1 claimed up front; producer fills and publishes 1, then 0; reader: " +
        "barrier.highestAvailable(0) and reads every available event.")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "Sequence 0 not published yet: nothing available.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Both available and complete.")
    @Outcome(id = "0, 1", expect = ACCEPTABLE_INTERESTING,
        desc = "0 seen but not 1, though 1 was published first: allowed, the scan's flag loads are not ordered " +
            "with each other, only before the reads of the events.")
    @Outcome(expect = FORBIDDEN, desc = "A sequence handed out across the unpublished 0, or stale fields.")
    @State
    public static class OutOfOrderPublication
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(4);
        private final SequenceBarrier barrier = ring.newBarrier();

        /** Claims sequences 0 and 1. */
        public OutOfOrderPublication()
        {
            ring.next();
            ring.next();
        }

        /** Fills and publishes 1, then 0. */
        @Actor
        public void producer()
        {
            ring.get(1).write(tag(1));
            ring.publish(1);
            ring.get(0).write(tag(0));
            ring.publish(0);
        }

        /**
         * Scans from 0.
         *
         * @param r highest available, all complete.
         */
        @Actor
        public void reader(final II_Result r)
        {
            final int[] seen = scan(ring, barrier);
            r.r1 = seen[0];
            r.r2 = seen[1];
        }
    }

    /** The same hole, seen through an {@link EventPoller}: it must never hand out sequence 1 first. */
    @JCStressTest
    @Description("MULTI ring, sequences 0 and 1 claimed up front; producer fills and publishes 1, then 0; reader: " +
        "one EventPoller.poll() taking every available event. Result: events handled, first sequence, all complete.")
    @Outcome(id = "0, -1, -1", expect = ACCEPTABLE, desc = "Sequence 0 not published yet: nothing polled.")
    @Outcome(id = "2, 0, 1", expect = ACCEPTABLE, desc = "Both polled, in order, complete.")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE_INTERESTING,
        desc = "Only 0 polled, though 1 was published first: allowed, flag loads are not ordered with each other.")
    @Outcome(expect = FORBIDDEN, desc = "Sequence 1 handed out before 0, or stale fields.")
    @State
    public static class OutOfOrderPoller
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(4);
        private final EventPoller<PairEvent> poller = ring.newPoller();

        /** Gates the ring on the poller, then claims sequences 0 and 1. */
        public OutOfOrderPoller()
        {
            ring.addGatingSequences(poller.getSequence());
            ring.next();
            ring.next();
        }

        /** Fills and publishes 1, then 0. */
        @Actor
        public void producer()
        {
            ring.get(1).write(tag(1));
            ring.publish(1);
            ring.get(0).write(tag(0));
            ring.publish(0);
        }

        /**
         * Polls once, taking every available event.
         *
         * @param r events handled, first sequence handled, all complete.
         */
        @Actor
        public void reader(final III_Result r)
        {
            r.r2 = -1;
            r.r3 = -1;
            poller.poll((event, sequence, endOfBatch) ->
            {
                if (r.r1 == 0)
                {
                    r.r2 = (int)sequence;
                    r.r3 = 1;
                }
                if (event.check(tag(sequence)) != PairEvent.COMPLETE)
                {
                    r.r3 = 0;
                }
                r.r1++;
                return true;
            });
        }
    }
}
