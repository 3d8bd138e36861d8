package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.Counter;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.wire.DatagramBuilder;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.LogLayout;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes what the receiver does with a datagram: any bytes, or datagrams built from valid parts with
 * fuzzed fields over the whole int range. Nothing may throw (nor be caught by the endpoint); an image's complete
 * frames, which its subscriber has not read, may never be overwritten; the rebuild position never passes the highest
 * position seen; image requests only come from sane SETUPs.
 */
class ReceiverFuzzTest
{
    @FuzzTest // executions, seed and time limit come from the build (fuzz.* properties in the parent POM)
    void datagramsAreCheckedOrDroppedAndNeverDamageAnImage(final FuzzedDataProvider data)
    {
        final DriverCounters counters = Fixtures.counters();
        final List<ConductorCommand.CreateImage> requests = new ArrayList<>();
        final CommandQueue<ConductorCommand> conductor = Fixtures.conductorQueue();
        final ReceiveChannelEndpoint endpoint = Fixtures.endpoint(counters, conductor);
        endpoint.subscribe(Fixtures.STREAM_ID, SessionFilter.ANY);
        final PublicationImage image = Fixtures.image(endpoint, counters, 0);
        // a subscriber that reads nothing: whatever arrives, the image may neither clean nor pass what it has not read
        image.subscriberPositions(new Counter[] {counters.subscriberPosition(1, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            0, "udp-test", 0)});
        endpoint.addImage(image);
        final AtomicBuffer datagram = endpoint.datagramBuffer();

        // one good frame first: whatever follows must leave it as it is
        final int goodLength = DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            Fixtures.INITIAL_TERM_ID, 0, 24, (byte)0x5A);
        endpoint.onDatagram(goodLength, Fixtures.SOURCE, 1);
        final AtomicBuffer term = image.log.term(0);
        final byte[] good = new byte[goodLength];
        term.getBytes(0, good, 0, goodLength);

        long now = 2;
        while (data.remainingBytes() > 0)
        {
            final int length = DatagramBuilder.fuzzed(datagram, data, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
                Fixtures.INITIAL_TERM_ID);
            endpoint.onDatagram(length, Fixtures.SOURCE, now);
            image.poll(now);
            for (ConductorCommand command; (command = conductor.poll()) != null; )
            {
                requests.add((ConductorCommand.CreateImage)command);
            }
            now += data.consumeInt(0, 20_000_000);
        }

        final byte[] after = new byte[goodLength];
        term.getBytes(0, after, 0, goodLength);
        assertThat(after).as("the first frame, complete before the fuzzed datagrams").isEqualTo(good);
        assertThat(image.rebuildPosition()).isLessThanOrEqualTo(image.counters().highWaterMark().get());
        for (final ConductorCommand.CreateImage request : requests)
        {
            assertThat(Integer.bitCount(request.termLength())).isEqualTo(1);
            assertThat(request.termLength()).isBetween(LogLayout.TERM_MIN_LENGTH, LogLayout.TERM_MAX_LENGTH);
            assertThat(request.mtu() % FrameHeader.ALIGNMENT).isZero();
            assertThat(request.termOffset()).isBetween(0, request.termLength());
            assertThat(request.termOffset() % FrameHeader.ALIGNMENT).isZero();
        }
        assertFramesWellFormed(image);
        assertThat(counters.transport().value("udp errors caught")).as("exceptions the endpoint caught (and would have hidden)").isZero();
    }

    /** Every complete frame from the join position up to the rebuild position is a frame of the image's session. */
    private static void assertFramesWellFormed(final PublicationImage image)
    {
        long position = 0;
        final long end = image.rebuildPosition();
        while (position < end)
        {
            final int index = LogLayout.indexByPosition(position, LogLayout.positionBitsToShift(Fixtures.TERM_LENGTH));
            final AtomicBuffer term = image.log.term(index);
            final int offset = (int)position & (Fixtures.TERM_LENGTH - 1);
            final int frameLength = term.getInt(offset);
            assertThat(frameLength).as("frame length at %d", position).isGreaterThanOrEqualTo(FrameHeader.LENGTH);
            assertThat(term.getInt(offset + FrameHeader.SESSION_ID_OFFSET)).isEqualTo(Fixtures.SESSION_ID);
            assertThat(term.getInt(offset + FrameHeader.STREAM_ID_OFFSET)).isEqualTo(Fixtures.STREAM_ID);
            assertThat(term.getInt(offset + FrameHeader.TERM_OFFSET_OFFSET)).isEqualTo(offset);
            position += FrameHeader.align(frameLength);
        }
    }
}
