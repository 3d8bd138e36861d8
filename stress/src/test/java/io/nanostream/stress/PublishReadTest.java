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
 * {@link Pair#check}: 1 complete, 0 unwritten, 2 torn, -1 not read.
 *
 * <p>Each check is an abstract class that holds the logic and the outcomes (jcstress inherits
 * {@code @Outcome}); its subclasses are the tests, one per way the ring publishes (see {@link Rings}):
 * {@code Single*} through the cursor, {@code Multi*} through per-slot flags, {@code Sequenced*} through
 * the events themselves. jcstress wants the {@code @Actor} methods declared in the test class, so each
 * subclass declares two that delegate.
 */
public final class PublishReadTest
{
    private PublishReadTest()
    {
    }

    /** {@code isPublished(0)}, then the event's fields. */
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "Not published yet.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Published, and both fields are written.")
    @Outcome(expect = FORBIDDEN, desc = "Published, but the reader saw stale or half-written fields.")
    public abstract static class IsPublished<E extends Pair>
    {
        final RingBuffer<E> ring;

        IsPublished(final RingBuffer<E> ring)
        {
            this.ring = ring;
        }

        final void produce()
        {
            Rings.publishOne(ring);
        }

        final void read(final II_Result r)
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

    /** Cursor: a release store of the published cursor, read with acquire. */
    @JCStressTest
    @Description("SINGLE ring, plain events: next(), write two fields, publish(); reader: isPublished(0), then read.")
    @State
    public static class SingleIsPublished extends IsPublished<PairEvent>
    {
        /** A ring of 4. */
        public SingleIsPublished()
        {
            super(Rings.single(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads sequence 0 if it is published.
         *
         * @param r published (1/0), state of the event.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** Per-slot flag: a release store of the lap, read with acquire. */
    @JCStressTest
    @Description("MULTI ring, plain events: next(), write two fields, publish(); reader: isPublished(0), then read.")
    @State
    public static class MultiIsPublished extends IsPublished<PairEvent>
    {
        /** A ring of 4. */
        public MultiIsPublished()
        {
            super(Rings.multi(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads sequence 0 if it is published.
         *
         * @param r published (1/0), state of the event.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** The event's own mark on a single-producer ring. */
    @JCStressTest
    @Description("SINGLE ring, SequencedEvents: next(), write two fields, publish(); reader: isPublished(0), then " +
        "read.")
    @State
    public static class SequencedSingleIsPublished extends IsPublished<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedSingleIsPublished()
        {
            super(Rings.sequencedSingle(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads sequence 0 if it is published.
         *
         * @param r published (1/0), state of the event.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** The event's own mark on a multi-producer ring. */
    @JCStressTest
    @Description("MULTI ring, SequencedEvents: next(), write two fields, publish(); reader: isPublished(0), then read.")
    @State
    public static class SequencedMultiIsPublished extends IsPublished<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedMultiIsPublished()
        {
            super(Rings.sequencedMulti(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads sequence 0 if it is published.
         *
         * @param r published (1/0), state of the event.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** {@code barrier.highestAvailable(0)}, then the event's fields. */
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "Not published yet.")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "Available, and both fields are written.")
    @Outcome(expect = FORBIDDEN, desc = "Available, but the reader saw stale or half-written fields.")
    public abstract static class HighestAvailable<E extends Pair>
    {
        final RingBuffer<E> ring;
        final SequenceBarrier barrier;

        HighestAvailable(final RingBuffer<E> ring)
        {
            this.ring = ring;
            this.barrier = ring.newBarrier();
        }

        final void produce()
        {
            Rings.publishOne(ring);
        }

        final void read(final II_Result r)
        {
            final long available = barrier.highestAvailable(0);
            r.r1 = (int)available;
            r.r2 = available >= 0 ? ring.get(0).check(tag(0)) : -1;
        }
    }

    /** Cursor. */
    @JCStressTest
    @Description("SINGLE ring, plain events: next(), write, publish(); reader: barrier.highestAvailable(0), then read.")
    @State
    public static class SingleHighestAvailable extends HighestAvailable<PairEvent>
    {
        /** A ring of 4. */
        public SingleHighestAvailable()
        {
            super(Rings.single(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads what the barrier says is available.
         *
         * @param r highest available sequence, state of event 0.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** Per-slot flags, with one producer thread. */
    @JCStressTest
    @Description("MULTI ring, plain events: next(), write, publish(); reader: barrier.highestAvailable(0), then read.")
    @State
    public static class MultiHighestAvailable extends HighestAvailable<PairEvent>
    {
        /** A ring of 4. */
        public MultiHighestAvailable()
        {
            super(Rings.multi(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads what the barrier says is available.
         *
         * @param r highest available sequence, state of event 0.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** The events' own marks, single producer. */
    @JCStressTest
    @Description("SINGLE ring, SequencedEvents: next(), write, publish(); reader: barrier.highestAvailable(0), then " +
        "read.")
    @State
    public static class SequencedSingleHighestAvailable extends HighestAvailable<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedSingleHighestAvailable()
        {
            super(Rings.sequencedSingle(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads what the barrier says is available.
         *
         * @param r highest available sequence, state of event 0.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** The events' own marks, multi-producer ring with one producer thread. */
    @JCStressTest
    @Description("MULTI ring, SequencedEvents: next(), write, publish(); reader: barrier.highestAvailable(0), then " +
        "read.")
    @State
    public static class SequencedMultiHighestAvailable extends HighestAvailable<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedMultiHighestAvailable()
        {
            super(Rings.sequencedMulti(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads what the barrier says is available.
         *
         * @param r highest available sequence, state of event 0.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /**
     * A batch published with {@code publish(0, 1)}, scanned from 0: all or nothing. Flags and marks are
     * stored from hi down, lo's last with release; the cursor moves once, to hi.
     */
    @Outcome(id = "-1, -1, -1", expect = ACCEPTABLE, desc = "Nothing published yet.")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "The whole batch, both events written.")
    @Outcome(expect = FORBIDDEN, desc = "Part of the batch only, or stale or half-written fields.")
    public abstract static class BatchAvailable<E extends Pair>
    {
        final RingBuffer<E> ring;
        final SequenceBarrier barrier;

        BatchAvailable(final RingBuffer<E> ring)
        {
            this.ring = ring;
            this.barrier = ring.newBarrier();
        }

        final void produce()
        {
            Rings.publishBatchOfTwo(ring);
        }

        final void read(final III_Result r)
        {
            final long available = barrier.highestAvailable(0);
            r.r1 = (int)available;
            r.r2 = available >= 0 ? ring.get(0).check(tag(0)) : -1;
            r.r3 = available >= 1 ? ring.get(1).check(tag(1)) : -1;
        }
    }

    /** Cursor: one release store of hi. */
    @JCStressTest
    @Description("SINGLE ring, plain events: next(2), write both, publish(0, 1); reader: highestAvailable(0), then " +
        "read.")
    @State
    public static class BatchHighestAvailable extends BatchAvailable<PairEvent>
    {
        /** A ring of 4. */
        public BatchHighestAvailable()
        {
            super(Rings.single(4));
        }

        /** Claims sequences 0 and 1, fills both and publishes them as one range. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads every event the barrier says is available.
         *
         * @param r highest available sequence, state of event 0, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }

    /** Per-slot flags: 1's flag opaque after a release fence, then 0's with release. */
    @JCStressTest
    @Description("MULTI ring, plain events: next(2), write both, publish(0, 1); reader: highestAvailable(0), then " +
        "read.")
    @State
    public static class MultiBatchHighestAvailable extends BatchAvailable<PairEvent>
    {
        /** A ring of 4. */
        public MultiBatchHighestAvailable()
        {
            super(Rings.multi(4));
        }

        /** Claims sequences 0 and 1, fills both and publishes them as one range. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads every event the barrier says is available.
         *
         * @param r highest available sequence, state of event 0, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }

    /** Events' marks, single producer: 1's mark opaque after a release fence, then 0's with release. */
    @JCStressTest
    @Description("SINGLE ring, SequencedEvents: next(2), write both, publish(0, 1); reader: highestAvailable(0), " +
        "then read.")
    @State
    public static class SequencedSingleBatchHighestAvailable extends BatchAvailable<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedSingleBatchHighestAvailable()
        {
            super(Rings.sequencedSingle(4));
        }

        /** Claims sequences 0 and 1, fills both and publishes them as one range. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads every event the barrier says is available.
         *
         * @param r highest available sequence, state of event 0, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }

    /** Events' marks, multi-producer ring. */
    @JCStressTest
    @Description("MULTI ring, SequencedEvents: next(2), write both, publish(0, 1); reader: highestAvailable(0), " +
        "then read.")
    @State
    public static class SequencedMultiBatchHighestAvailable extends BatchAvailable<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedMultiBatchHighestAvailable()
        {
            super(Rings.sequencedMulti(4));
        }

        /** Claims sequences 0 and 1, fills both and publishes them as one range. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads every event the barrier says is available.
         *
         * @param r highest available sequence, state of event 0, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }

    /**
     * The last event of a batch, read through {@code isPublished(1)}: on the flag and mark paths its
     * store is opaque, ordered after the event writes by the release fence before it.
     */
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "Not published yet.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Published, and both fields are written.")
    @Outcome(expect = FORBIDDEN, desc = "Published, but the reader saw stale or half-written fields.")
    public abstract static class BatchLastIsPublished<E extends Pair>
    {
        final RingBuffer<E> ring;

        BatchLastIsPublished(final RingBuffer<E> ring)
        {
            this.ring = ring;
        }

        final void produce()
        {
            Rings.publishBatchOfTwo(ring);
        }

        final void read(final II_Result r)
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

    /** Cursor. */
    @JCStressTest
    @Description("SINGLE ring, plain events: next(2), write both, publish(0, 1); reader: isPublished(1), then read " +
        "event 1.")
    @State
    public static class BatchIsPublished extends BatchLastIsPublished<PairEvent>
    {
        /** A ring of 4. */
        public BatchIsPublished()
        {
            super(Rings.single(4));
        }

        /** Claims sequences 0 and 1, fills both and publishes them as one range. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads event 1 if it is published.
         *
         * @param r published (1/0), state of event 1.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** Per-slot flags. */
    @JCStressTest
    @Description("MULTI ring, plain events: next(2), write both, publish(0, 1); reader: isPublished(1), then read " +
        "event 1.")
    @State
    public static class MultiBatchIsPublished extends BatchLastIsPublished<PairEvent>
    {
        /** A ring of 4. */
        public MultiBatchIsPublished()
        {
            super(Rings.multi(4));
        }

        /** Claims sequences 0 and 1, fills both and publishes them as one range. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads event 1 if it is published.
         *
         * @param r published (1/0), state of event 1.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** Events' marks, single producer. */
    @JCStressTest
    @Description("SINGLE ring, SequencedEvents: next(2), write both, publish(0, 1); reader: isPublished(1), then " +
        "read event 1.")
    @State
    public static class SequencedSingleBatchIsPublished extends BatchLastIsPublished<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedSingleBatchIsPublished()
        {
            super(Rings.sequencedSingle(4));
        }

        /** Claims sequences 0 and 1, fills both and publishes them as one range. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads event 1 if it is published.
         *
         * @param r published (1/0), state of event 1.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** Events' marks, multi-producer ring. */
    @JCStressTest
    @Description("MULTI ring, SequencedEvents: next(2), write both, publish(0, 1); reader: isPublished(1), then " +
        "read event 1.")
    @State
    public static class SequencedMultiBatchIsPublished extends BatchLastIsPublished<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedMultiBatchIsPublished()
        {
            super(Rings.sequencedMulti(4));
        }

        /** Claims sequences 0 and 1, fills both and publishes them as one range. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Reads event 1 if it is published.
         *
         * @param r published (1/0), state of event 1.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** An {@link EventPoller} hands its handler only published, fully written events. */
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "Nothing to poll yet.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Polled, and both fields are written.")
    @Outcome(expect = FORBIDDEN, desc = "Polled, but the handler saw stale or half-written fields.")
    public abstract static class Polled<E extends Pair>
    {
        final RingBuffer<E> ring;
        final EventPoller<E> poller;

        Polled(final RingBuffer<E> ring)
        {
            this.ring = ring;
            this.poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
        }

        final void produce()
        {
            Rings.publishOne(ring);
        }

        final void read(final II_Result r)
        {
            r.r2 = -1;
            final EventPoller.PollState state = Rings.poll(poller, (event, sequence, endOfBatch) ->
            {
                r.r2 = event.check(tag(sequence));
                return false;
            });
            r.r1 = state == EventPoller.PollState.PROCESSING ? 1 : 0;
        }
    }

    /** Cursor. */
    @JCStressTest
    @Description("SINGLE ring, plain events: next(), write two fields, publish(); reader: EventPoller.poll() reads " +
        "the event.")
    @State
    public static class Poller extends Polled<PairEvent>
    {
        /** A ring of 4, gated on the poller. */
        public Poller()
        {
            super(Rings.single(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Polls once and reads the first event handed over.
         *
         * @param r polled (1/0), state of the event.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** Events' marks, single producer. */
    @JCStressTest
    @Description("SINGLE ring, SequencedEvents: next(), write two fields, publish(); reader: EventPoller.poll() " +
        "reads the event.")
    @State
    public static class SequencedSinglePoller extends Polled<SequencedPairEvent>
    {
        /** A ring of 4, gated on the poller. */
        public SequencedSinglePoller()
        {
            super(Rings.sequencedSingle(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Polls once and reads the first event handed over.
         *
         * @param r polled (1/0), state of the event.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /** Events' marks, multi-producer ring. */
    @JCStressTest
    @Description("MULTI ring, SequencedEvents: next(), write two fields, publish(); reader: EventPoller.poll() " +
        "reads the event.")
    @State
    public static class SequencedMultiPoller extends Polled<SequencedPairEvent>
    {
        /** A ring of 4, gated on the poller. */
        public SequencedMultiPoller()
        {
            super(Rings.sequencedMulti(4));
        }

        /** Claims, fills and publishes sequence 0. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Polls once and reads the first event handed over.
         *
         * @param r polled (1/0), state of the event.
         */
        @Actor
        public void reader(final II_Result r)
        {
            read(r);
        }
    }

    /**
     * {@code barrier.waitFor(0)}: if 0 is not available at once, the wait strategy probes cheaply for 0
     * alone, and once it is there the barrier reads again everything available. The producer publishes
     * 0 and 1 one at a time; the reader waits for 0 and reads every event up to what it was given. The
     * reader always gets 0 or 1, never less.
     */
    @Outcome(id = {"0, 1, -1", "1, 1, 1"}, expect = ACCEPTABLE,
        desc = "Given 0, or 0 and 1; every event given is written.")
    @Outcome(expect = FORBIDDEN, desc = "Given a sequence not published, or stale or half-written fields.")
    public abstract static class WaitFor<E extends Pair>
    {
        final RingBuffer<E> ring;
        final SequenceBarrier barrier;

        WaitFor(final RingBuffer<E> ring)
        {
            this.ring = ring;
            this.barrier = ring.newBarrier();
        }

        final void produce()
        {
            Rings.publishOne(ring);
            Rings.publishOne(ring);
        }

        final void read(final III_Result r)
        {
            final long available = Rings.waitFor(barrier, 0);
            r.r1 = (int)available;
            r.r2 = available >= 0 ? ring.get(0).check(tag(0)) : -1;
            r.r3 = available >= 1 ? ring.get(1).check(tag(1)) : -1;
        }
    }

    /** Cursor. */
    @JCStressTest
    @Description("SINGLE ring, plain events: publish 0, then 1; reader: barrier.waitFor(0) (busy spin), then read.")
    @State
    public static class SingleWaitFor extends WaitFor<PairEvent>
    {
        /** A ring of 4. */
        public SingleWaitFor()
        {
            super(Rings.single(4));
        }

        /** Publishes 0, then 1. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Waits for 0, then reads what it was given.
         *
         * @param r sequence given, state of event 0, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }

    /** Per-slot flags. */
    @JCStressTest
    @Description("MULTI ring, plain events: publish 0, then 1; reader: barrier.waitFor(0) (busy spin), then read.")
    @State
    public static class MultiWaitFor extends WaitFor<PairEvent>
    {
        /** A ring of 4. */
        public MultiWaitFor()
        {
            super(Rings.multi(4));
        }

        /** Publishes 0, then 1. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Waits for 0, then reads what it was given.
         *
         * @param r sequence given, state of event 0, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }

    /** Events' marks, single producer. */
    @JCStressTest
    @Description("SINGLE ring, SequencedEvents: publish 0, then 1; reader: barrier.waitFor(0) (busy spin), then read.")
    @State
    public static class SequencedSingleWaitFor extends WaitFor<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedSingleWaitFor()
        {
            super(Rings.sequencedSingle(4));
        }

        /** Publishes 0, then 1. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Waits for 0, then reads what it was given.
         *
         * @param r sequence given, state of event 0, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }

    /** Events' marks, multi-producer ring. */
    @JCStressTest
    @Description("MULTI ring, SequencedEvents: publish 0, then 1; reader: barrier.waitFor(0) (busy spin), then read.")
    @State
    public static class SequencedMultiWaitFor extends WaitFor<SequencedPairEvent>
    {
        /** A ring of 4. */
        public SequencedMultiWaitFor()
        {
            super(Rings.sequencedMulti(4));
        }

        /** Publishes 0, then 1. */
        @Actor
        public void producer()
        {
            produce();
        }

        /**
         * Waits for 0, then reads what it was given.
         *
         * @param r sequence given, state of event 0, state of event 1.
         */
        @Actor
        public void reader(final III_Result r)
        {
            read(r);
        }
    }
}
