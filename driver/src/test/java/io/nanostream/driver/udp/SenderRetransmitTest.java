package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.driver.faults.LossGenerator;
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

import static org.assertj.core.api.Assertions.assertThat;
import io.nanostream.driver.wire.Nak;
import io.nanostream.driver.wire.RttMeasurement;
import io.nanostream.driver.wire.StatusMessage;

/** The sender's SETUP, flow control and resends, driven by a controllable clock, seen from a plain socket. */
class SenderRetransmitTest
{
    private DatagramChannel peer;
    private TransportCounters counters;
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
        final TermAppender appender = new TermAppender(log.term(0), log.metadata(), 0);
        final AtomicBuffer payload = AtomicBuffer.allocateHeap(64);
        for (int i = 0; i < 10; i++)
        {
            payload.putLong(0, i);
            appender.appendUnfragmented(Fixtures.SESSION_ID, Fixtures.STREAM_ID, payload, 0, 32, null); // 64-byte frames
        }
        publication = new NetworkPublication(1, log, channel, LossGenerator.NONE, LossGenerator.NONE, counters,
            Fixtures.senderCounters(counters), 10_000_000_000L, FlowControl.parse(null));
    }

    @AfterEach
    void tearDown() throws IOException
    {
        publication.closeSocket();
        peer.close();
    }

    /** Reads what arrived: the term offset and length of each datagram, packed. */
    private java.util.List<String> drain() throws Exception
    {
        Thread.sleep(20);
        final java.util.List<String> datagrams = new java.util.ArrayList<>();
        while (true)
        {
            received.clear();
            if (peer.receive(received) == null)
            {
                return datagrams;
            }
            final int type = received.getShort(6);
            datagrams.add(type + "@" + received.getInt(8) + "+" + received.position());
        }
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
        assertThat(drain()).as("a SETUP (type 5) and no data before any receiver").contains("5@0+40").noneMatch(d -> d.startsWith("1@") && !d.endsWith("+32"));

        final AtomicBuffer control = publication.controlBuffer();
        StatusMessage.put(control, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0, 256, 7);
        control(StatusMessage.LENGTH, t + 1);
        publication.send(t + 2);
        assertThat(drain()).as("256 bytes of window: four 64-byte frames in one datagram").containsExactly("1@0+256");
        assertThat(publication.senderPosition()).isEqualTo(256);

        Nak.put(control, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 64, 128);
        control(Nak.LENGTH, t + 1_000);
        assertThat(drain()).as("resent from the log").containsExactly("1@64+128");
        control(Nak.LENGTH, t + 2_000);
        assertThat(drain()).as("the same NAK within the linger: ignored").isEmpty();
        control(Nak.LENGTH, t + 1_000 + RetransmitLinger.LINGER_NANOS + 1);
        assertThat(drain()).as("after the linger: resent again").containsExactly("1@64+128");

        Nak.put(control, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 256, 64);
        control(Nak.LENGTH, t + 10_000_000);
        assertThat(drain()).as("a NAK for what was never sent").isEmpty();
        Nak.put(control, Fixtures.SESSION_ID + 1, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0, 64);
        control(Nak.LENGTH, t + 20_000_000);
        assertThat(drain()).as("a NAK for another session").isEmpty();
        assertThat(counters.value("udp retransmits")).isEqualTo(2);
        assertThat(counters.value("udp frames for unknown sessions")).isEqualTo(1);
    }

    @Test
    void aHeartbeatAfterIdleAndAnRttReply() throws Exception
    {
        final long t = 1_000_000_000L;
        publication.send(t);
        drain();
        publication.send(t + NetworkPublication.HEARTBEAT_INTERVAL_NANOS + 1);
        assertThat(drain()).as("a 32-byte heartbeat at the sender position").contains("1@0+32");
        final AtomicBuffer control = publication.controlBuffer();
        RttMeasurement.put(control, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID, 42L, 0, 9L);
        control(RttMeasurement.LENGTH, t + NetworkPublication.HEARTBEAT_INTERVAL_NANOS + 2);
        assertThat(drain()).as("an RTTM reply").containsExactly("6@" + Fixtures.SESSION_ID + "+40");
    }
}
