package io.nanostream.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.MessageHandler;
import io.nanostream.buffer.MessageRing;
import io.nanostream.buffer.MessageRingDescriptor;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The many-to-one {@link MessageRing} that carries client commands to the driver: writers claim with a
 * CAS on the tail and publish a record by release-storing its length; the reader acquires the length.
 * Payloads are the record's type repeated, so a torn record shows.
 */
public final class CommandRingTest
{
    private static final int CAPACITY = 1024;

    private CommandRingTest()
    {
    }

    static MessageRing newRing()
    {
        return new MessageRing(AtomicBuffer.allocateHeap(CAPACITY + MessageRingDescriptor.TRAILER_LENGTH));
    }

    static AtomicBuffer payload(final int type, final int length)
    {
        final AtomicBuffer source = AtomicBuffer.allocateHeap(length);
        for (int i = 0; i < length; i += 8)
        {
            source.putLong(i, type);
        }
        return source;
    }

    /**
     * Reads what is there, twice over so a wrap is followed.
     *
     * @return messages read times 10, plus 1 if every one was whole (its type repeated through its payload).
     */
    static int readAll(final MessageRing ring, final int length)
    {
        final int[] state = {0, 1};
        final MessageHandler handler = (type, buffer, offset, messageLength) ->
        {
            state[0]++;
            boolean whole = messageLength == length;
            for (int i = 0; i < messageLength; i += 8)
            {
                whole &= buffer.getLong(offset + i) == type;
            }
            if (!whole)
            {
                state[1] = 0;
            }
        };
        ring.read(handler, 16);
        ring.read(handler, 16);
        return state[0] * 10 + state[1];
    }

    /** One writer, one reader. */
    @JCStressTest
    @Description("One thread writes a 16-byte command, the other reads once.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Not read yet.")
    @Outcome(id = "1, 11", expect = ACCEPTABLE, desc = "Read whole.")
    @Outcome(expect = FORBIDDEN, desc = "Write refused, or a torn command read.")
    @State
    public static class WriteRead
    {
        private final MessageRing ring = newRing();
        private final AtomicBuffer source = payload(7, 16);

        /**
         * Writes.
         *
         * @param r r1: 1 if accepted.
         */
        @Actor
        public void write(final II_Result r)
        {
            r.r1 = ring.write(7, source, 0, 16) ? 1 : 0;
        }

        /**
         * Reads.
         *
         * @param r r2: see {@link #readAll}.
         */
        @Actor
        public void read(final II_Result r)
        {
            r.r2 = readAll(ring, 16);
        }
    }

    /** Two writers at once: disjoint records, both whole. */
    @JCStressTest
    @Description("Two threads write a 16-byte command each; then everything is read.")
    @Outcome(id = "1, 1, 21", expect = ACCEPTABLE, desc = "Both accepted and read whole.")
    @Outcome(expect = FORBIDDEN, desc = "A write refused, a record lost, or a record torn.")
    @State
    public static class TwoWriters
    {
        private final MessageRing ring = newRing();
        private final AtomicBuffer first = payload(1, 16);
        private final AtomicBuffer second = payload(2, 16);

        /**
         * Writes.
         *
         * @param r r1: 1 if accepted.
         */
        @Actor
        public void write1(final III_Result r)
        {
            r.r1 = ring.write(1, first, 0, 16) ? 1 : 0;
        }

        /**
         * Writes.
         *
         * @param r r2: 1 if accepted.
         */
        @Actor
        public void write2(final III_Result r)
        {
            r.r2 = ring.write(2, second, 0, 16) ? 1 : 0;
        }

        /**
         * Reads.
         *
         * @param r r3: see {@link #readAll}.
         */
        @Arbiter
        public void read(final III_Result r)
        {
            r.r3 = readAll(ring, 16);
        }
    }

    /** Two writers where the first to claim must pad the end of the buffer and wrap. */
    @JCStressTest
    @Description("Tail and head at 1008 of 1024: two threads write 24-byte records, which do not fit in the last 16 bytes.")
    @Outcome(id = "1, 1, 21", expect = ACCEPTABLE,
        desc = "Both accepted, wrapped after one padding record, read whole.")
    @Outcome(expect = FORBIDDEN, desc = "A write refused, lost or torn, or padding written twice.")
    @State
    public static class WrapWithPadding
    {
        private final MessageRing ring = newRing();
        private final AtomicBuffer first = payload(1, 16);
        private final AtomicBuffer second = payload(2, 16);

        /** Writes and reads 1008 bytes of records so that head and tail are 16 bytes from the end. */
        public WrapWithPadding()
        {
            final AtomicBuffer filler = payload(9, 128);
            for (int i = 0; i < 7; i++)
            {
                ring.write(9, filler, 0, 128);
            }
            ring.write(9, filler, 0, 48);
            ring.read((type, buffer, offset, length) -> { }, 16);
            if (ring.producerPosition() != 1008 || ring.consumerPosition() != 1008)
            {
                throw new IllegalStateException("setup expected positions of 1008");
            }
        }

        /**
         * Writes.
         *
         * @param r r1: 1 if accepted.
         */
        @Actor
        public void write1(final III_Result r)
        {
            r.r1 = ring.write(1, first, 0, 16) ? 1 : 0;
        }

        /**
         * Writes.
         *
         * @param r r2: 1 if accepted.
         */
        @Actor
        public void write2(final III_Result r)
        {
            r.r2 = ring.write(2, second, 0, 16) ? 1 : 0;
        }

        /**
         * Reads.
         *
         * @param r r3: see {@link #readAll}.
         */
        @Arbiter
        public void read(final III_Result r)
        {
            r.r3 = readAll(ring, 16);
        }
    }
}
