package io.nanostream.stress;

import static io.nanostream.stress.Rings.tag;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.nanostream.ring.EventPoller;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * One producer fills and publishes, one reader checks for publication and reads the event: a reader
 * that sees the publication must see the data written before it. Results use the codes of
 * {@link PairEvent#check}: 1 complete, 0 unwritten, 2 torn, -1 not read.
 */
public final class PublishReadTest
{
    private PublishReadTest()
    {
    }

    /** {@code isPublished} on a single-producer ring: a release store of the flag read with acquire. */
    @JCStressTest
    @Description("Single producer: next(), write two fields, publish(); reader: isPublished(0), then read the fields.")
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "Not published yet.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Published, and both fields are written.")
    @Outcome(expect = FORBIDDEN, desc = "Published, but the reader saw stale or half-written fields.")
    @State
    public static class SingleIsPublished
    {
        private final RingBuffer<PairEvent> ring = Rings.single(4);

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            final long sequence = ring.next();
            ring.get(sequence).write(tag(sequence));
            ring.publish(sequence);
        }

        /**
         * Reads sequence 0 if it is published.
         *
         * @param r published (1/0), state of the event.
         */
        @Actor
        public void reader(final II_Result r)
        {
            if (ring.isPublished(0))
            {
                r.r1 = 1;
                r.r2 = ring.get(0).check(tag(0));
            }
            else
            {
                r.r1 = 0;
                r.r2 = -1;
            }
        }
    }

    /** {@code highestAvailable} on a single-producer ring: opaque flag scan closed by an acquire fence. */
    @JCStressTest
    @Description("Single producer: next(), write two fields, publish(); reader: barrier.highestAvailable(0), then read.")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "Not published yet.")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "Available, and both fields are written.")
    @Outcome(expect = FORBIDDEN, desc = "Available, but the reader saw stale or half-written fields.")
    @State
    public static class SingleHighestAvailable
    {
        private final RingBuffer<PairEvent> ring = Rings.single(4);
        private final SequenceBarrier barrier = ring.newBarrier();

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            final long sequence = ring.next();
            ring.get(sequence).write(tag(sequence));
            ring.publish(sequence);
        }

        /**
         * Reads what the barrier says is available.
         *
         * @param r highest available sequence, state of event 0.
         */
        @Actor
        public void reader(final II_Result r)
        {
            final long available = barrier.highestAvailable(0);
            r.r1 = (int)available;
            r.r2 = available >= 0 ? ring.get(0).check(tag(0)) : -1;
        }
    }

    /** {@code highestAvailable} on a multi-producer ring, with one producer thread. */
    @JCStressTest
    @Description("Multi-producer ring: next(), write two fields, publish(); reader: barrier.highestAvailable(0), then read.")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "Not published yet.")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "Available, and both fields are written.")
    @Outcome(expect = FORBIDDEN, desc = "Available, but the reader saw stale or half-written fields.")
    @State
    public static class MultiHighestAvailable
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(4);
        private final SequenceBarrier barrier = ring.newBarrier();

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            final long sequence = ring.next();
            ring.get(sequence).write(tag(sequence));
            ring.publish(sequence);
        }

        /**
         * Reads what the barrier says is available.
         *
         * @param r highest available sequence, state of event 0.
         */
        @Actor
        public void reader(final II_Result r)
        {
            final long available = barrier.highestAvailable(0);
            r.r1 = (int)available;
            r.r2 = available >= 0 ? ring.get(0).check(tag(0)) : -1;
        }
    }

    /** A batch published with {@code publish(lo, hi)}: all or nothing, lo's flag is stored last with release. */
    @JCStressTest
    @Description("Single producer: next(2), write both events, publish(0, 1); reader: highestAvailable(0), then read.")
    @Outcome(id = "-1, -1, -1", expect = ACCEPTABLE, desc = "Nothing published yet.")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "The whole batch, both events written.")
    @Outcome(expect = FORBIDDEN, desc = "Part of the batch only, or stale or half-written fields.")
    @State
    public static class BatchHighestAvailable
    {
        private final RingBuffer<PairEvent> ring = Rings.single(4);
        private final SequenceBarrier barrier = ring.newBarrier();

        /** Claims sequences 0 and 1, fills both and publishes them as one range. */
        @Actor
        public void producer()
        {
            final long hi = ring.next(2);
            final long lo = hi - 1;
            ring.get(lo).write(tag(lo));
            ring.get(hi).write(tag(hi));
            ring.publish(lo, hi);
        }

        /**
         * Reads every event the barrier says is available.
         *
         * @param r highest available sequence, state of event 0, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            final long available = barrier.highestAvailable(0);
            r.r1 = (int)available;
            r.r2 = available >= 0 ? ring.get(0).check(tag(0)) : -1;
            r.r3 = available >= 1 ? ring.get(1).check(tag(1)) : -1;
        }
    }

    /** The last event of a batch, read through {@code isPublished}. */
    @JCStressTest
    @Description("Single producer: next(2), write both events, publish(0, 1); reader: isPublished(1), then read event 1.")
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "Not published yet.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Published, and both fields are written.")
    @Outcome(expect = FORBIDDEN, desc = "Published, but the reader saw stale or half-written fields.")
    @State
    public static class BatchIsPublished
    {
        private final RingBuffer<PairEvent> ring = Rings.single(4);

        /** Claims sequences 0 and 1, fills both and publishes them as one range. */
        @Actor
        public void producer()
        {
            final long hi = ring.next(2);
            final long lo = hi - 1;
            ring.get(lo).write(tag(lo));
            ring.get(hi).write(tag(hi));
            ring.publish(lo, hi);
        }

        /**
         * Reads event 1 if it is published.
         *
         * @param r published (1/0), state of event 1.
         */
        @Actor
        public void reader(final II_Result r)
        {
            if (ring.isPublished(1))
            {
                r.r1 = 1;
                r.r2 = ring.get(1).check(tag(1));
            }
            else
            {
                r.r1 = 0;
                r.r2 = -1;
            }
        }
    }

    /** An {@link EventPoller} hands its handler only published, fully written events. */
    @JCStressTest
    @Description("Single producer: next(), write two fields, publish(); reader: EventPoller.poll() reads the event.")
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "Nothing to poll yet.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Polled, and both fields are written.")
    @Outcome(expect = FORBIDDEN, desc = "Polled, but the handler saw stale or half-written fields.")
    @State
    public static class Poller
    {
        private final RingBuffer<PairEvent> ring = Rings.single(4);
        private final EventPoller<PairEvent> poller = ring.newPoller();

        /** Creates the ring and gates it on the poller. */
        public Poller()
        {
            ring.addGatingSequences(poller.getSequence());
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            final long sequence = ring.next();
            ring.get(sequence).write(tag(sequence));
            ring.publish(sequence);
        }

        /**
         * Polls once and reads the first event handed over.
         *
         * @param r polled (1/0), state of the event.
         */
        @Actor
        public void reader(final II_Result r)
        {
            r.r2 = -1;
            final EventPoller.PollState state = poller.poll((event, sequence, endOfBatch) ->
            {
                r.r2 = event.check(tag(sequence));
                return false;
            });
            r.r1 = state == EventPoller.PollState.PROCESSING ? 1 : 0;
        }
    }
}
