package io.nanostream.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.nanostream.ring.InsufficientCapacityException;
import io.nanostream.ring.RingBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Concurrent claims on the multi-producer ring never overlap: two threads claiming at once get two
 * distinct sequences (or ranges), and a claim fails only when the ring really is full.
 */
public final class ClaimTest
{
    private ClaimTest()
    {
    }

    /**
     * Claims one slot without waiting.
     *
     * @param ring the ring.
     * @return the claimed sequence, or -1 if the ring was full.
     */
    static int tryClaim(final RingBuffer<?> ring)
    {
        try
        {
            return (int)ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1;
        }
    }

    /** Two blocking claims: {@code next()} is one {@code getAndAdd}. */
    @JCStressTest
    @Description("MULTI ring of 4: two threads call next().")
    @Outcome(id = {"0, 1", "1, 0"}, expect = ACCEPTABLE, desc = "Distinct sequences.")
    @Outcome(expect = FORBIDDEN, desc = "Overlapping or skipped claims.")
    @State
    public static class TwoNext
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(4);

        /**
         * Claims one slot.
         *
         * @param r r1: the claim.
         */
        @Actor
        public void claim1(final II_Result r)
        {
            r.r1 = (int)ring.next();
        }

        /**
         * Claims one slot.
         *
         * @param r r2: the claim.
         */
        @Actor
        public void claim2(final II_Result r)
        {
            r.r2 = (int)ring.next();
        }
    }

    /** Two non-blocking claims with room for both: {@code tryNext()} is a CAS loop. */
    @JCStressTest
    @Description("MULTI ring of 4: two threads call tryNext().")
    @Outcome(id = {"0, 1", "1, 0"}, expect = ACCEPTABLE, desc = "Distinct sequences.")
    @Outcome(expect = FORBIDDEN, desc = "Overlapping claims, or a claim refused although the ring had room.")
    @State
    public static class TwoTryNext
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(4);

        /**
         * Claims one slot.
         *
         * @param r r1: the claim.
         */
        @Actor
        public void claim1(final II_Result r)
        {
            r.r1 = tryClaim(ring);
        }

        /**
         * Claims one slot.
         *
         * @param r r2: the claim.
         */
        @Actor
        public void claim2(final II_Result r)
        {
            r.r2 = tryClaim(ring);
        }
    }

    /** Two non-blocking claims racing for the last free slot: exactly one wins. */
    @JCStressTest
    @Description("MULTI ring of 1 gated on a consumer that never moves: two threads call tryNext().")
    @Outcome(id = {"0, -1", "-1, 0"}, expect = ACCEPTABLE, desc = "One thread got the only slot.")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "Both got the same slot.")
    @Outcome(id = "-1, -1", expect = FORBIDDEN, desc = "Both refused although the ring had room for one.")
    @Outcome(expect = FORBIDDEN, desc = "A claim past the consumer.")
    @State
    public static class LastSlot
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(1);

        /** Gates the ring on a consumer that never moves. */
        public LastSlot()
        {
            Rings.stall(ring);
        }

        /**
         * Claims one slot.
         *
         * @param r r1: the claim or -1.
         */
        @Actor
        public void claim1(final II_Result r)
        {
            r.r1 = tryClaim(ring);
        }

        /**
         * Claims one slot.
         *
         * @param r r2: the claim or -1.
         */
        @Actor
        public void claim2(final II_Result r)
        {
            r.r2 = tryClaim(ring);
        }
    }

    /** A blocking and a non-blocking claim at once. */
    @JCStressTest
    @Description("MULTI ring of 4: one thread calls next(), the other tryNext().")
    @Outcome(id = {"0, 1", "1, 0"}, expect = ACCEPTABLE, desc = "Distinct sequences.")
    @Outcome(expect = FORBIDDEN, desc = "Overlapping claims, or a claim refused although the ring had room.")
    @State
    public static class NextAndTryNext
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(4);

        /**
         * Claims one slot, waiting if needed.
         *
         * @param r r1: the claim.
         */
        @Actor
        public void claim1(final II_Result r)
        {
            r.r1 = (int)ring.next();
        }

        /**
         * Claims one slot without waiting.
         *
         * @param r r2: the claim or -1.
         */
        @Actor
        public void claim2(final II_Result r)
        {
            r.r2 = tryClaim(ring);
        }
    }

    /** Two batch claims: the ranges must not overlap. */
    @JCStressTest
    @Description("MULTI ring of 4: one thread calls next(2), the other tryNext(2); results are the highest sequences.")
    @Outcome(id = {"1, 3", "3, 1"}, expect = ACCEPTABLE, desc = "Disjoint ranges 0-1 and 2-3.")
    @Outcome(expect = FORBIDDEN, desc = "Overlapping ranges, or a claim refused although the ring had room.")
    @State
    public static class BatchClaims
    {
        private final RingBuffer<PairEvent> ring = Rings.multi(4);

        /**
         * Claims two slots, waiting if needed.
         *
         * @param r r1: the highest claimed sequence.
         */
        @Actor
        public void claim1(final II_Result r)
        {
            r.r1 = (int)ring.next(2);
        }

        /**
         * Claims two slots without waiting.
         *
         * @param r r2: the highest claimed sequence or -1.
         */
        @Actor
        public void claim2(final II_Result r)
        {
            try
            {
                r.r2 = (int)ring.tryNext(2);
            }
            catch (final InsufficientCapacityException ex)
            {
                r.r2 = -1;
            }
        }
    }
}
