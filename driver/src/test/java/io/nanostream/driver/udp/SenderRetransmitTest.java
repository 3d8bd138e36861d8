package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.driver.loss.LossGenerator;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.wire.Nak;
import io.nanostream.driver.wire.RttMeasurement;
import io.nanostream.driver.wire.StatusMessage;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.TermAppender;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender's SETUP, flow control and resends, driven by a controllable clock, seen from a plain socket. */
class SenderRetransmitTest
{
    private DatagramChannel peer;
    private DriverCounters counters;
    private NetworkPublication publication;
    private final ByteBuffer received = ByteBuffer.allocateDirect(65536).order(ByteOrder.LITTLE_ENDIAN);

    @BeforeEach
    void setUp() throws IOException
    {
        peer = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        peer.configureBlocking(false);
        final UdpChannel channel = new UdpChannel((InetSocketAddress)peer.getLocalAddress(), null, 0, "udp-test");
        counters = Fixtures.counters();
        final LogBuffers log = Fixtures.log(Fixtures.SESSION_ID, Fixtures.STREAM_ID);
        // made before anything is published, as the driver makes it: the sender starts where the log starts
        publication = new NetworkPublication(1, log, channel, LossGenerator.NONE, LossGenerator.NONE,
            counters.transport(), counters.sender(1, Fixtures.SESSION_ID, Fixtures.STREAM_ID, 0, "udp-test"),
            10_000_000_000L, FlowControl.parse(null), Fixtures.batch(), null, null, error -> { });
        final TermAppender appender = new TermAppender(log.term(0), log.metadata(), 0);
        final AtomicBuffer payload = AtomicBuffer.allocateHeap(64);
        for (int i = 0; i < 10; i++)
        {
            payload.putLong(0, i);
            appender.appendUnfragmented(Fixtures.SESSION_ID, Fixtures.STREAM_ID, payload, 0, 32,
                null); // 64-byte frames
        }
    }

    @AfterEach
    void tearDown() throws IOException
    {
        publication.closeSocket();
        peer.close();
    }

    /**
     * Reads what arrived: the type, term offset (or session) and length of each datagram. Waits for the
     * datagrams a step must send (loopback delivers within the send call on Linux, so the wait is short), then takes
     * whatever else is already there, so that an extra datagram fails the step's exact expectation.
     */
    /**
     * Reads exactly so many datagrams from the peer socket. Loopback may hand a datagram over late on a loaded machine
     * (softirq work deferred to ksoftirqd), so "nothing was sent" is read from the sender's counters, not from an empty
     * socket, and each step reads just what it expects, leaving nothing of its own to the next.
     */
    private List<String> drain(final int count) throws IOException
    {
        final List<String> datagrams = new ArrayList<>();
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (datagrams.size() < count)
        {
            received.clear();
            if (peer.receive(received) != null)
            {
                final int type = received.getShort(6);
                datagrams.add(type + "@" + received.getInt(8) + "+" + received.position());
            }
            else if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("expected " + count + " datagrams within 60 s, got " + datagrams);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        return datagrams;
    }

    private long retransmits()
    {
        return counters.transport().value("udp retransmits");
    }

    private void control(final int length, final long nowNanos)
    {
        publication.onControl(length, nowNanos);
    }

    @Test
    void setupUntilAStatusMessageThenDataUpToTheWindowThenResendsOnNaks() throws Exception
    {
        final long t = 1_000_000_000L;
        publication.send(t);
        assertThat(drain(2)).as("a SETUP (type 5) and a heartbeat, no data before any receiver").containsExactly("5@0+40", "1@0+32");

        final AtomicBuffer control = publication.controlBuffer();
        StatusMessage.put(control, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0, 256, 7);
        control(StatusMessage.LENGTH, t + 1);
        publication.send(t + 2);
        assertThat(drain(1)).as("256 bytes of window: four 64-byte frames in one datagram").containsExactly("1@0+256");
        assertThat(publication.senderPosition()).isEqualTo(256);

        Nak.put(control, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 64, 128);
        control(Nak.LENGTH, t + 1_000);
        assertThat(drain(1)).as("resent from the log").containsExactly("1@64+128");
        assertThat(retransmits()).isEqualTo(1);
        control(Nak.LENGTH, t + 2_000);
        assertThat(retransmits()).as("the same NAK within the linger: ignored").isEqualTo(1);
        control(Nak.LENGTH, t + 1_000 + RetransmitLinger.LINGER_NANOS + 1);
        assertThat(drain(1)).as("after the linger: resent again").containsExactly("1@64+128");
        assertThat(retransmits()).isEqualTo(2);

        Nak.put(control, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 256, 64);
        control(Nak.LENGTH, t + 10_000_000);
        assertThat(retransmits()).as("a NAK for what was never sent").isEqualTo(2);
        Nak.put(control, Fixtures.SESSION_ID + 1, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0, 64);
        control(Nak.LENGTH, t + 20_000_000);
        assertThat(retransmits()).as("a NAK for another session").isEqualTo(2);
        assertThat(counters.transport().value("udp frames for unknown sessions")).isEqualTo(1);
    }

    @Test
    void spiesSimulatingAConnectionMoveTheSenderOverWholeFramesWhateverTheirPositionsSay()
    {
        publication.spiesSimulateConnection();
        final io.nanostream.buffer.Counter spy = counters.subscriberPosition(9, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            0, "spy", 0);
        publication.spyPositions(new io.nanostream.buffer.Counter[] {spy});
        spy.set(100); // shared memory says: the middle of the second frame (64-byte frames from 0)
        publication.send(1_000);
        assertThat(publication.senderPosition()).as("to the end of the frame the spy is in, never into it").isEqualTo(128);
        spy.set(1L << 40); // past anything written
        publication.send(2_000);
        assertThat(publication.senderPosition()).as("no further than the ten frames written").isEqualTo(640);
        assertThat(publication.isConnected()).as("the spy is the connection").isTrue();
    }

    @Test
    void aNakIntoTheMiddleOfAFrameIsDroppedAndCountedNotAnsweredWithPayloadTakenForAHeader() throws Exception
    {
        final long t = 1_000_000_000L;
        publication.send(t);
        drain(2);
        final AtomicBuffer control = publication.controlBuffer();
        StatusMessage.put(control, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0, 256, 7);
        control(StatusMessage.LENGTH, t + 1);
        publication.send(t + 2);
        assertThat(drain(1)).containsExactly("1@0+256");

        // offset 96 is 32-byte aligned but inside the frame at 64: its payload (message 1, then zeros) reads as a frame
        // of length 1 and type 0, a padding frame, which the sender would resend as a header made of payload bytes
        Nak.put(control, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 96, 64);
        control(Nak.LENGTH, t + 1_000);
        assertThat(retransmits()).as("nothing resent").isZero();
        assertThat(counters.transport().value("udp retransmitted bytes")).isZero();
        assertThat(counters.transport().value("udp NAKs not at a frame start")).isEqualTo(1);

        Nak.put(control, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 64, 64);
        control(Nak.LENGTH, t + 2_000);
        assertThat(drain(1)).as("a NAK at a frame start is answered").containsExactly("1@64+64");
        assertThat(counters.transport().value("udp retransmitted bytes")).as("the bytes that went out").isEqualTo(64);
    }

    @Test
    void aHeartbeatAfterIdleAndAnRttReply() throws Exception
    {
        final long t = 1_000_000_000L;
        publication.send(t);
        assertThat(drain(2)).containsExactly("5@0+40", "1@0+32");
        publication.send(t + NetworkPublication.HEARTBEAT_INTERVAL_NANOS + 1);
        assertThat(drain(2)).as("the SETUP again, and a 32-byte heartbeat at the sender position").containsExactly("5@0+40", "1@0+32");
        final AtomicBuffer control = publication.controlBuffer();
        RttMeasurement.put(control, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID, 42L, 0, 9L);
        control(RttMeasurement.LENGTH, t + NetworkPublication.HEARTBEAT_INTERVAL_NANOS + 2);
        assertThat(drain(1)).as("an RTTM reply").containsExactly("6@" + Fixtures.SESSION_ID + "+40");
    }

    @Test
    void resendsAreBoundedPerNakAndPerIntervalWhoeverNaks() throws Exception
    {
        final LogBuffers log = Fixtures.log(Fixtures.SESSION_ID + 1, Fixtures.STREAM_ID);
        final UdpChannel channel = new UdpChannel((InetSocketAddress)peer.getLocalAddress(), null, 0, "udp-test");
        final NetworkPublication flooded = new NetworkPublication(2, log, channel, LossGenerator.NONE,
            LossGenerator.NONE, counters.transport(), counters.sender(2, Fixtures.SESSION_ID + 1, Fixtures.STREAM_ID, 0,
            "udp-test"), 10_000_000_000L, FlowControl.parse(null), Fixtures.batch(), null, null, error -> { });
        final TermAppender appender = new TermAppender(log.term(0), log.metadata(), 0);
        final AtomicBuffer payload = AtomicBuffer.allocateHeap(64);
        for (int i = 0; i < Fixtures.TERM_LENGTH / 2 / 64; i++)
        {
            appender.appendUnfragmented(Fixtures.SESSION_ID + 1, Fixtures.STREAM_ID, payload, 0, 32, null);
        }
        try
        {
            final long t = 1_000_000_000L;
            final AtomicBuffer control = flooded.controlBuffer();
            StatusMessage.put(control, 0, Fixtures.SESSION_ID + 1, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0,
                Fixtures.TERM_LENGTH, 7);
            flooded.onControl(StatusMessage.LENGTH, t);
            for (int i = 0; i < 100; i++)
            {
                flooded.send(t + i);
            }
            assertThat(flooded.senderPosition()).isEqualTo(Fixtures.TERM_LENGTH / 2);

            Nak.put(control, Fixtures.SESSION_ID + 1, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0,
                Integer.MAX_VALUE);
            flooded.onControl(Nak.LENGTH, t + 1_000);
            final long perNak = (long)Retransmitter.MAX_RESEND_MTUS_PER_NAK * log.mtu();
            assertThat(counters.transport().value("udp retransmitted bytes")).as("one NAK for everything").isLessThanOrEqualTo(perNak);

            for (int i = 1; i < 16; i++) // many NAKs (on multicast, from anyone) within one interval
            {
                Nak.put(control, Fixtures.SESSION_ID + 1, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, i * 64,
                    Integer.MAX_VALUE);
                flooded.onControl(Nak.LENGTH, t + 1_000 + i);
            }
            final long perInterval = (long)Retransmitter.MAX_RESEND_MTUS_PER_INTERVAL * log.mtu();
            assertThat(counters.transport().value("udp retransmitted bytes")).as("within one interval").isLessThanOrEqualTo(perInterval);
            assertThat(counters.transport().value("udp resend bytes over budget")).isPositive();

            Nak.put(control, Fixtures.SESSION_ID + 1, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 4096, 64);
            final long before = counters.transport().value("udp retransmitted bytes");
            flooded.onControl(Nak.LENGTH, t + 1_000 + Retransmitter.BUDGET_INTERVAL_NANOS +
                RetransmitLinger.LINGER_NANOS);
            assertThat(counters.transport().value("udp retransmitted bytes") - before).as("the next interval").isEqualTo(64);
        }
        finally
        {
            flooded.closeSocket();
        }
    }
}
