package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.wire.DatagramBuilder;
import io.nanostream.driver.wire.StatusMessage;
import io.nanostream.driver.wire.WireFrame;
import io.nanostream.log.FrameType;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loss detection, NAK timing, status messages and bad input on one image, driven by a controllable clock
 * through an endpoint without a socket (what it would send is counted).
 */
class ImageLossDetectionTest
{
    private DriverCounters counters;
    private ReceiveChannelEndpoint endpoint;
    private PublicationImage image;
    private AtomicBuffer datagram;

    @BeforeEach
    void setUp()
    {
        counters = Fixtures.counters();
        endpoint = Fixtures.endpoint(counters, Fixtures.conductorQueue());
        endpoint.subscribe(Fixtures.STREAM_ID, SessionFilter.ANY);
        image = Fixtures.image(endpoint, counters, 0);
        endpoint.addImage(image);
        datagram = endpoint.datagramBuffer();
    }

    private void receive(final int termOffset, final long nowNanos)
    {
        final int length = DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            Fixtures.INITIAL_TERM_ID, termOffset, 32, (byte)termOffset);
        endpoint.onDatagram(length, Fixtures.SOURCE, nowNanos);
    }

    private long naks()
    {
        return counters.transport().value("udp NAKs sent");
    }

    @Test
    void aGapIsNakedAfterTheDelayThenRetriedUntilFilled()
    {
        receive(0, 0);
        receive(128, 0);
        image.poll(1_000);
        assertThat(image.rebuildPosition()).isEqualTo(64);
        assertThat(naks()).as("not before the delay").isZero();
        image.poll(1_000 + LossDetector.NAK_DELAY_NANOS + 1);
        assertThat(naks()).isEqualTo(1);
        image.poll(2_000_000);
        assertThat(naks()).as("not again before the retry time").isEqualTo(1);
        image.poll(1_000 + LossDetector.NAK_DELAY_NANOS + LossDetector.NAK_RETRY_NANOS + 2);
        assertThat(naks()).as("retried").isEqualTo(2);
        receive(64, 20_000_000);
        image.poll(20_000_001);
        assertThat(image.rebuildPosition()).isEqualTo(192);
        image.poll(100_000_000);
        assertThat(naks()).as("no NAK once the gap is filled").isEqualTo(2);
    }

    @Test
    void threeGapsInOneTermAreNakedInOneRoundNotOneRoundTripEach()
    {
        receive(0, 0);
        receive(128, 0);
        receive(256, 0);
        receive(384, 0);
        image.poll(1_000);
        image.poll(1_000 + LossDetector.NAK_DELAY_NANOS + 1);
        assertThat(naks()).as("the gaps at 64, 192 and 320, together").isEqualTo(3);
        assertThat(counters.transport().value("udp gaps NAKed ahead, in the same round")).isEqualTo(2);
        assertThat(counters.transport().value("udp gaps NAKed")).as("each gap counted once").isEqualTo(3);
        receive(64, 2_000_000);
        receive(320, 2_000_000);
        image.poll(2_000_001); // the first gap is now the one at 192: its NAK delay starts again
        image.poll(2_000_002 + LossDetector.NAK_DELAY_NANOS);
        assertThat(naks()).as("again, only for the gap still open").isEqualTo(4);
        assertThat(counters.transport().value("udp gaps NAKed")).as("not counted twice").isEqualTo(3);
        receive(192, 30_000_000);
        image.poll(30_000_001);
        assertThat(image.rebuildPosition()).isEqualTo(448);
    }

    @Test
    void aReorderedFrameArrivingWithinTheDelayCausesNoNak()
    {
        receive(0, 0);
        receive(128, 0);
        image.poll(10);
        receive(64, 50_000);
        image.poll(LossDetector.NAK_DELAY_NANOS * 2);
        assertThat(naks()).isZero();
        assertThat(image.rebuildPosition()).isEqualTo(192);
    }

    @Test
    void duplicatesAndFramesBeyondTheWindowAreCountedAndDropped()
    {
        receive(0, 0);
        receive(0, 1);
        assertThat(counters.transport().value("udp duplicate frames")).isEqualTo(1);
        receive(Fixtures.TERM_LENGTH - 64, 2); // the end of this term: inside the window, accepted
        final int length = DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
        Fixtures.INITIAL_TERM_ID + 1,
            64, 32, (byte)1);
        endpoint.onDatagram(length, Fixtures.SOURCE, 3);
        assertThat(counters.transport().value("udp frames beyond the receiver window")).isEqualTo(1);
    }

    @Test
    void badDatagramsAreCountedByReasonAndLeaveTheImageAlone()
    {
        receive(0, 0);
        final byte[] before = new byte[64];
        image.log.term(0).getBytes(0, before, 0, 64);
        endpoint.onDatagram(5, Fixtures.SOURCE, 1); // truncated
        StatusMessage.put(datagram, 0, 1, 2, 3, 4, 5, 6);
        datagram.putByte(WireFrame.VERSION_OFFSET, (byte)9);
        endpoint.onDatagram(36, Fixtures.SOURCE, 2); // wrong version
        datagram.putByte(WireFrame.VERSION_OFFSET, (byte)0);
        datagram.putShort(WireFrame.TYPE_OFFSET, (short)0x33);
        endpoint.onDatagram(36, Fixtures.SOURCE, 3); // unknown type
        DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0, 32,
        (byte)7);
        datagram.putInt(0, 60_000);
        endpoint.onDatagram(64, Fixtures.SOURCE, 4); // lying length
        final byte[] oversized = new byte[9000];
        datagram.putBytes(0, oversized, 0, oversized.length);
        endpoint.onDatagram(9000, Fixtures.SOURCE, 5); // oversized garbage
        assertThat(counters.transport().value("udp invalid frames dropped")).isEqualTo(5);
        final int length = DatagramBuilder.data(datagram, 0, 999, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 64, 32,
            (byte)1);
        endpoint.onDatagram(length, Fixtures.SOURCE, 6);
        assertThat(counters.transport().value("udp frames for unknown sessions")).isEqualTo(1);
        final byte[] after = new byte[64];
        image.log.term(0).getBytes(0, after, 0, 64);
        assertThat(after).isEqualTo(before);
        assertThat(image.rebuildPosition()).isEqualTo(64);
    }

    @Test
    void dataThenAPaddingHeaderInOneDatagramCompleteTheTerm()
    {
        final int termEnd = Fixtures.TERM_LENGTH;
        receive(0, 0);
        final int dataOffset = termEnd - 256;
        DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, dataOffset,
            32, (byte)1);
        DatagramBuilder.data(datagram, 64, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID,
            dataOffset + 64, 0, (byte)0);
        datagram.putInt(64, 192); // a padding frame to the end of the term, sent as its header alone (as Aeron does)
        datagram.putShort(64 + WireFrame.TYPE_OFFSET, (short)FrameType.PAD);
        endpoint.onDatagram(96, Fixtures.SOURCE, 1);
        assertThat(image.counters().highWaterMark().get()).isEqualTo(termEnd);
        assertThat(image.rebuildPosition()).as("a gap before the datagram").isEqualTo(64);
        image.poll(2);
        assertThat(image.counters().highWaterMark().get()).isGreaterThanOrEqualTo(image.rebuildPosition());
    }

    @Test
    void statusMessagesGoByTimeAndByConsumption()
    {
        image.poll(0);
        final long first = counters.transport().value("udp status messages sent");
        assertThat(first).as("one at once on creation").isEqualTo(1);
        image.poll(PublicationImage.STATUS_INTERVAL_NANOS / 2);
        assertThat(counters.transport().value("udp status messages sent")).isEqualTo(1);
        image.poll(PublicationImage.STATUS_INTERVAL_NANOS + 1);
        assertThat(counters.transport().value("udp status messages sent")).as("by time").isEqualTo(2);
    }
}
