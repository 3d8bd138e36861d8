package io.nanostream.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameHeader;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Concurrent appends to one term claim their space with one atomic add on the tail: two writers never
 * get overlapping frames, and at the end of a term exactly one of them pads it.
 */
public final class TermClaimTest
{
    private TermClaimTest()
    {
    }

    /** Two appends with room for both. */
    @JCStressTest
    @Description("Two threads append a 16-byte message each to an empty term; then all frames are checked.")
    @Outcome(id = {"64, 128, 2", "128, 64, 2"}, expect = ACCEPTABLE, desc = "Disjoint frames, both whole.")
    @Outcome(expect = FORBIDDEN, desc = "Overlapping claims or a damaged frame.")
    @State
    public static class TwoAppends
    {
        private final Terms terms = new Terms(256);
        private final AtomicBuffer first = Terms.payload(1);
        private final AtomicBuffer second = Terms.payload(2);

        /**
         * Appends.
         *
         * @param r r1: the offset after the frame.
         */
        @Actor
        public void append1(final III_Result r)
        {
            r.r1 = terms.append(first);
        }

        /**
         * Appends.
         *
         * @param r r2: the offset after the frame.
         */
        @Actor
        public void append2(final III_Result r)
        {
            r.r2 = terms.append(second);
        }

        /**
         * Counts the whole frames.
         *
         * @param r r3: whole frames, or -1 if some fragment read was not whole.
         */
        @Arbiter
        public void check(final III_Result r)
        {
            final long outcome = terms.readAll(0);
            r.r3 = (int)(outcome >>> 32) == (int)outcome ? (int)outcome : -1;
        }
    }

    /** Room for one more frame: one writer gets it, the other is told the term is full. */
    @JCStressTest
    @Description("Two threads append 64-byte frames to a 128-byte term whose tail is at 64.")
    @Outcome(id = {"128, -2, 1", "-2, 128, 1"}, expect = ACCEPTABLE,
        desc = "One frame appended, the other writer told to rotate (TERM_FULL is -2).")
    @Outcome(expect = FORBIDDEN, desc = "Both or neither appended, or the frame damaged.")
    @State
    public static class LastRoom
    {
        private final Terms terms = new Terms(128);
        private final AtomicBuffer first = Terms.payload(1);
        private final AtomicBuffer second = Terms.payload(2);

        /** Positions the tail. */
        public LastRoom()
        {
            terms.tailAt(64);
        }

        /**
         * Appends.
         *
         * @param r r1: the offset after the frame or TERM_FULL.
         */
        @Actor
        public void append1(final III_Result r)
        {
            r.r1 = terms.append(first);
        }

        /**
         * Appends.
         *
         * @param r r2: the offset after the frame or TERM_FULL.
         */
        @Actor
        public void append2(final III_Result r)
        {
            r.r2 = terms.append(second);
        }

        /**
         * Checks the last frame.
         *
         * @param r r3: 1 if the frame at 64 is whole.
         */
        @Arbiter
        public void check(final III_Result r)
        {
            r.r3 = terms.read(64) > 0 ? 1 : 0;
        }
    }

    /** Neither frame fits: the first writer past the end pads the rest of the term, once. */
    @JCStressTest
    @Description("Two threads append 64-byte frames to a 128-byte term whose tail is at 96.")
    @Outcome(id = "-2, -2, 1", expect = ACCEPTABLE, desc = "Both told to rotate, one 32-byte padding frame at 96.")
    @Outcome(expect = FORBIDDEN, desc = "A frame past the end, or the padding missing or wrong.")
    @State
    public static class BothOvershoot
    {
        private final Terms terms = new Terms(128);
        private final AtomicBuffer first = Terms.payload(1);
        private final AtomicBuffer second = Terms.payload(2);

        /** Positions the tail. */
        public BothOvershoot()
        {
            terms.tailAt(96);
        }

        /**
         * Appends.
         *
         * @param r r1: the result.
         */
        @Actor
        public void append1(final III_Result r)
        {
            r.r1 = terms.append(first);
        }

        /**
         * Appends.
         *
         * @param r r2: the result.
         */
        @Actor
        public void append2(final III_Result r)
        {
            r.r2 = terms.append(second);
        }

        /**
         * Checks the padding.
         *
         * @param r r3: 1 if a 32-byte padding frame starts at 96.
         */
        @Arbiter
        public void check(final III_Result r)
        {
            r.r3 = FrameHeader.frameLengthAcquire(terms.term, 96) == 32 && FrameHeader.isPadding(terms.term, 96) &&
                terms.appender.rawTailVolatile() == 96 + 2 * Terms.FRAME_SPACE ? 1 : 0;
        }
    }
}
