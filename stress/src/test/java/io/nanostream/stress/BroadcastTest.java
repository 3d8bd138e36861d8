package io.nanostream.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.BroadcastReceiver;
import io.nanostream.buffer.BroadcastDescriptor;
import io.nanostream.buffer.BroadcastTransmitter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The driver-to-clients broadcast buffer: one transmitter that never waits, receivers that may be lapped.
 * A receiver that sees a record must either see it whole or learn from {@code validate()} that it was
 * overwritten; it must never accept garbage. Each payload is its type repeated.
 */
public final class BroadcastTest
{
    private static final int CAPACITY = 1024;

    private BroadcastTest()
    {
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
     * Receives one record.
     *
     * @param r r1: 0 nothing, 1 accepted, 2 rejected by validate; r2: for an accepted record 1 if whole.
     */
    static void receive(final BroadcastReceiver receiver, final int length, final II_Result r)
    {
        if (!receiver.receiveNext())
        {
            return;
        }
        final int type = receiver.type();
        final int messageLength = receiver.length();
        final AtomicBuffer buffer = receiver.buffer();
        final int offset = receiver.offset();
        final long first = buffer.getLong(offset);
        final long last = buffer.getLong(offset + length - 8);
        if (receiver.validate())
        {
            r.r1 = 1;
            r.r2 = messageLength == length && first == type && last == type ? 1 : 0;
        }
        else
        {
            r.r1 = 2;
        }
    }

    /** One record, one receiver. */
    @JCStressTest
    @Description("One thread transmits a 32-byte record, the other tries to receive it.")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "Not there yet.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Received whole.")
    @Outcome(expect = FORBIDDEN, desc = "A torn record accepted, or a lap reported without one.")
    @State
    public static class TransmitReceive
    {
        private final AtomicBuffer buffer = AtomicBuffer.allocateHeap(CAPACITY + BroadcastDescriptor.TRAILER_LENGTH);
        private final BroadcastTransmitter transmitter = new BroadcastTransmitter(buffer);
        private final BroadcastReceiver receiver = new BroadcastReceiver(buffer);
        private final AtomicBuffer source = payload(5, 32);

        /** Transmits. */
        @Actor
        public void transmit()
        {
            transmitter.transmit(5, source, 0, 32);
        }

        /**
         * Receives.
         *
         * @param r see {@link #receive}.
         */
        @Actor
        public void receive(final II_Result r)
        {
            BroadcastTest.receive(receiver, 32, r);
        }
    }

    /** The transmitter laps the receiver while it reads. */
    @JCStressTest
    @Description("One thread transmits nine 128-byte records into 1 KiB (lapping it), the other receives one.")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "Nothing there yet.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "A record received whole.")
    @Outcome(id = "2, 0", expect = ACCEPTABLE_INTERESTING, desc = "Lapped while reading, and told so.")
    @Outcome(expect = FORBIDDEN, desc = "An overwritten record accepted.")
    @State
    public static class Lapped
    {
        private final AtomicBuffer buffer = AtomicBuffer.allocateHeap(CAPACITY + BroadcastDescriptor.TRAILER_LENGTH);
        private final BroadcastTransmitter transmitter = new BroadcastTransmitter(buffer);
        private final BroadcastReceiver receiver = new BroadcastReceiver(buffer);
        private final AtomicBuffer[] sources = new AtomicBuffer[9];

        /** Prepares the payloads. */
        public Lapped()
        {
            for (int i = 0; i < sources.length; i++)
            {
                sources[i] = payload(i + 1, 128);
            }
        }

        /** Transmits all nine. */
        @Actor
        public void transmit()
        {
            for (int i = 0; i < sources.length; i++)
            {
                transmitter.transmit(i + 1, sources[i], 0, 128);
            }
        }

        /**
         * Receives.
         *
         * @param r see {@link #receive}.
         */
        @Actor
        public void receive(final II_Result r)
        {
            BroadcastTest.receive(receiver, 128, r);
        }
    }
}
