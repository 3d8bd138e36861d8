package io.nanostream.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.BufferClaim;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FragmentHandler;
import io.nanostream.log.TermReader;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * The frame publish protocol of the log, one writer and one reader: a frame's header and payload are
 * written while its length word is negative or zero, then the positive length is release-stored; a
 * reader that acquires a positive length must see the whole frame, and never sees an aborted claim as
 * data.
 */
public final class FramePublishTest
{
    private static final long VALUE = 0x1122_3344_5566_7788L;

    private FramePublishTest()
    {
    }

    /** An append with a copy, read by {@link TermReader}. */
    @JCStressTest
    @Description("One thread appends a 16-byte message, the other reads the term from offset 0.")
    @Outcome(id = "-1", expect = ACCEPTABLE, desc = "Not complete yet.")
    @Outcome(id = "1234605616436508552", expect = ACCEPTABLE, desc = "The whole frame.")
    @Outcome(expect = FORBIDDEN, desc = "A frame seen with a stale header or payload.")
    @State
    public static class AppendRead
    {
        private final Terms terms = new Terms(256);
        private final AtomicBuffer source = Terms.payload(VALUE);

        /** Appends. */
        @Actor
        public void append()
        {
            terms.append(source);
        }

        /**
         * Reads.
         *
         * @param r the payload seen, -1 for none, 0 for a torn frame.
         */
        @Actor
        public void read(final J_Result r)
        {
            r.r1 = terms.read(0);
        }
    }

    /** A zero-copy claim, filled in place and committed. */
    @JCStressTest
    @Description("One thread claims a frame, writes the payload in place and commits; the other reads.")
    @Outcome(id = "-1", expect = ACCEPTABLE, desc = "Not committed yet.")
    @Outcome(id = "1234605616436508552", expect = ACCEPTABLE, desc = "The whole frame.")
    @Outcome(expect = FORBIDDEN, desc = "A frame seen before its payload was written.")
    @State
    public static class ClaimCommit
    {
        private final Terms terms = new Terms(256);
        private final BufferClaim claim = new BufferClaim();

        /** Claims, fills, commits. */
        @Actor
        public void claim()
        {
            terms.appender.claim(Terms.SESSION_ID, Terms.STREAM_ID, Terms.PAYLOAD_LENGTH, claim);
            claim.buffer().putLong(claim.offset(), VALUE);
            claim.buffer().putLong(claim.offset() + 8, VALUE);
            claim.commit();
        }

        /**
         * Reads.
         *
         * @param r the payload seen, -1 for none, 0 for a torn frame.
         */
        @Actor
        public void read(final J_Result r)
        {
            r.r1 = terms.read(0);
        }
    }

    /** An aborted claim becomes padding that the reader steps over to the next frame. */
    @JCStressTest
    @Description("One thread claims a frame and aborts it, then appends another; the other reads from 0.")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "Nothing complete yet, or only the padding.")
    @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "The padding skipped, the second frame read.")
    @Outcome(expect = FORBIDDEN, desc = "The aborted claim read as data, or a torn frame.")
    @State
    public static class ClaimAbort
    {
        private final Terms terms = new Terms(256);
        private final BufferClaim claim = new BufferClaim();
        private final AtomicBuffer second = Terms.payload(2);

        /** Claims and aborts, then appends. */
        @Actor
        public void write()
        {
            terms.appender.claim(Terms.SESSION_ID, Terms.STREAM_ID, Terms.PAYLOAD_LENGTH, claim);
            claim.buffer().putLong(claim.offset(), 1);
            claim.buffer().putLong(claim.offset() + 8, 1);
            claim.abort();
            terms.append(second);
        }

        /**
         * Reads.
         *
         * @param r r1: data fragments seen; r2: the first one's payload (0 if none or torn).
         */
        @Actor
        public void read(final II_Result r)
        {
            final long[] first = {0};
            final FragmentHandler handler = (buffer, offset, length, header) ->
            {
                final long value = buffer.getLong(offset);
                if (first[0] == 0)
                {
                    first[0] = value == buffer.getLong(offset + 8) && length == Terms.PAYLOAD_LENGTH ? value : -9;
                }
            };
            r.r1 = TermReader.fragments(TermReader.read(terms.term, 0, handler, 8, terms.header));
            r.r2 = (int)first[0];
        }
    }

    /** A fragmented message: the reader sees a prefix of its fragments, each whole and in order. */
    @JCStressTest
    @Description("One thread appends a 3-fragment message (MTU 64), the other reads from 0.")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "Nothing yet.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The BEGIN fragment.")
    @Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "BEGIN and the middle fragment.")
    @Outcome(id = "3, 1", expect = ACCEPTABLE, desc = "The whole message.")
    @Outcome(expect = FORBIDDEN, desc = "A fragment torn, out of order or with wrong flags.")
    @State
    public static class Fragmented
    {
        private static final int MAX_PAYLOAD = 32;
        private final Terms terms = new Terms(512);
        private final AtomicBuffer source = AtomicBuffer.allocateHeap(3 * MAX_PAYLOAD);

        /** Fills each fragment's payload with its index plus one. */
        public Fragmented()
        {
            for (int i = 0; i < 3 * MAX_PAYLOAD; i += 8)
            {
                source.putLong(i, i / MAX_PAYLOAD + 1);
            }
        }

        /** Appends the message. */
        @Actor
        public void append()
        {
            terms.appender.appendFragmented(Terms.SESSION_ID, Terms.STREAM_ID, source, 0, 3 * MAX_PAYLOAD, MAX_PAYLOAD,
                null);
        }

        /**
         * Reads.
         *
         * @param r r1: fragments seen; r2: 1 if each was whole, in order, with the right flags.
         */
        @Actor
        public void read(final II_Result r)
        {
            final int[] state = {0, 1};
            final FragmentHandler handler = (buffer, offset, length, header) ->
            {
                final int index = state[0]++;
                final byte expectedFlags = index == 0 ? FrameHeader.BEGIN_FLAG : index == 2 ? FrameHeader.END_FLAG : 0;
                boolean whole = length == MAX_PAYLOAD && header.flags() == expectedFlags;
                for (int i = 0; i < MAX_PAYLOAD; i += 8)
                {
                    whole &= buffer.getLong(offset + i) == index + 1;
                }
                if (!whole)
                {
                    state[1] = 0;
                }
            };
            TermReader.read(terms.term, 0, handler, 8, terms.header);
            r.r1 = state[0];
            r.r2 = state[1];
        }
    }
}
