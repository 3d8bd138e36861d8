package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.wire.DatagramBuilder;
import io.nanostream.log.Header;
import io.nanostream.log.LogLayout;
import io.nanostream.log.TermReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reliable=false}, datagram by datagram with the clock moved by hand: a gap is skipped with a padding frame once
 * the NAK delay has passed, never NAKed, and recorded as lost; a frame of the gap that comes later is dropped. The
 * reliable image, given the same datagrams, NAKs instead and skips nothing.
 */
class UnreliableImageTest
{
    private DriverCounters counters;
    private ReceiveChannelEndpoint endpoint;
    private AtomicBuffer datagram;

    @BeforeEach
    void setUp()
    {
        counters = Fixtures.counters();
        endpoint = Fixtures.endpoint(counters, Fixtures.conductorQueue());
        endpoint.subscribe(Fixtures.STREAM_ID, SessionFilter.ANY);
        datagram = endpoint.datagramBuffer();
    }

    private void receive(final int termOffset, final byte fill, final long nowNanos)
    {
        final int length = DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            Fixtures.INITIAL_TERM_ID, termOffset, 32, fill);
        endpoint.onDatagram(length, Fixtures.SOURCE, nowNanos);
    }

    private List<Byte> read(final PublicationImage image)
    {
        final List<Byte> payloads = new ArrayList<>();
        TermReader.read(image.log.term(0), 0, (buffer, offset, length, header) -> payloads.add(buffer.getByte(offset)),
            100, new Header(Fixtures.INITIAL_TERM_ID, LogLayout.positionBitsToShift(Fixtures.TERM_LENGTH)));
        return payloads;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aGapIsSkippedNotNakedOnlyWhenUnreliable(final boolean reliable)
    {
        final PublicationImage image = Fixtures.image(endpoint, counters, 0, reliable);
        endpoint.addImage(image);
        receive(0, (byte)1, 0);
        receive(128, (byte)3, 0); // the frame at 64 is lost
        image.poll(LossDetector.NAK_DELAY_NANOS / 2);
        assertThat(image.rebuildPosition()).as("within the NAK delay a reordered frame may still come").isEqualTo(64);
        image.poll(2 * LossDetector.NAK_DELAY_NANOS);

        final long skipped = counters.transport().value("udp gaps skipped (reliable=false)");
        final long naks = counters.transport().value("udp NAKs sent");
        if (reliable)
        {
            assertThat(naks).isEqualTo(1);
            assertThat(skipped).isZero();
            assertThat(image.rebuildPosition()).isEqualTo(64);
            assertThat(read(image)).containsExactly((byte)1);
            return;
        }
        assertThat(naks).as("an unreliable image never NAKs").isZero();
        assertThat(skipped).isEqualTo(1);
        assertThat(image.counters().gapBytes().get()).isEqualTo(64);
        assertThat(image.rebuildPosition()).as("past the gap and the frame after it").isEqualTo(192);
        assertThat(read(image)).as("subscribers step over the padding").containsExactly((byte)1, (byte)3);

        receive(64, (byte)2, 3 * LossDetector.NAK_DELAY_NANOS); // the lost frame, late
        assertThat(read(image)).as("a late frame does not land in the skipped gap").containsExactly((byte)1, (byte)3);
        receive(192, (byte)4, 3 * LossDetector.NAK_DELAY_NANOS);
        image.poll(4 * LossDetector.NAK_DELAY_NANOS);
        assertThat(read(image)).containsExactly((byte)1, (byte)3, (byte)4);
        assertThat(counters.transport().value("udp NAKs sent")).isZero();
    }

    @Test
    void aNakWaitsForTheChannelsNakDelay()
    {
        final long delay = 1_000_000L; // nak-delay=1ms, ten times the default
        final PublicationImage image = new PublicationImage(1, Fixtures.log(Fixtures.SESSION_ID, Fixtures.STREAM_ID),
        endpoint,
            Fixtures.SOURCE, 0, counters.transport(), counters.image(1, Fixtures.SESSION_ID, Fixtures.STREAM_ID, "t"),
            new io.nanostream.buffer.Counter[0], 10_000_000_000L, 99, 0, Fixtures.lossRecorder(),
            new ImageOptions(true, 128 * 1024, delay));
        endpoint.addImage(image);
        receive(0, (byte)1, 0);
        receive(128, (byte)3, 0);
        image.poll(1);
        image.poll(delay / 2);
        assertThat(counters.transport().value("udp NAKs sent")).as("the default delay has passed, the channel's has not").isZero();
        image.poll(delay + 1);
        assertThat(counters.transport().value("udp NAKs sent")).isEqualTo(1);
    }
}
