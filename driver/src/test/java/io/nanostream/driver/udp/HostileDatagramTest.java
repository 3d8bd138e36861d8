package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.Counter;
import io.nanostream.concurrent.ManualClock;
import io.nanostream.driver.loss.LossRecorder;
import io.nanostream.driver.loss.LossReport;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.wire.AuthHeader;
import io.nanostream.driver.wire.DatagramBuilder;
import io.nanostream.driver.wire.Setup;
import io.nanostream.driver.wire.WireFrame;
import io.nanostream.log.FrameType;
import io.nanostream.log.Header;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;
import io.nanostream.log.TermReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a peer that lies can do to one receive endpoint and its images, datagram by datagram, with the clock moved by
 * hand: every malicious datagram is dropped and counted by reason, nothing throws, the image's log stays as the real
 * sender wrote it, and the receiver sends no more than it must.
 */
class HostileDatagramTest
{
    private static final InetSocketAddress ELSEWHERE = new InetSocketAddress("127.0.0.2", 40_000);

    private DriverCounters counters;
    private CommandQueue<ConductorCommand> conductor;
    private ReceiveChannelEndpoint endpoint;
    private AtomicBuffer datagram;

    @BeforeEach
    void setUp()
    {
        counters = Fixtures.counters();
        conductor = Fixtures.conductorQueue();
        endpoint = Fixtures.endpoint(counters, conductor);
        endpoint.subscribe(Fixtures.STREAM_ID, SessionFilter.ANY);
        datagram = endpoint.datagramBuffer();
    }

    private long counter(final String label)
    {
        return counters.transport().value(label);
    }

    private int setup(final int sessionId, final int activeTermId, final int termOffset, final int termLength)
    {
        Setup.put(datagram, termOffset, sessionId, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, activeTermId,
            termLength, 1408, 0);
        return Setup.LENGTH;
    }

    private List<ConductorCommand.CreateImage> requests()
    {
        final List<ConductorCommand.CreateImage> requests = new ArrayList<>();
        for (ConductorCommand command; (command = conductor.poll()) != null; )
        {
            requests.add((ConductorCommand.CreateImage)command);
        }
        return requests;
    }

    /** An image as the conductor would make it for a SETUP's request. */
    private PublicationImage imageFor(final ConductorCommand.CreateImage request)
    {
        final long joinPosition = LogLayout.position(request.activeTermId(), request.termOffset(),
            LogLayout.positionBitsToShift(request.termLength()), request.initialTermId());
        final PublicationImage image = new PublicationImage(1, Fixtures.log(request.sessionId(), request.streamId()),
            endpoint, request.source(), joinPosition, counters.transport(), counters.image(1, request.sessionId(),
            request.streamId(), "t"), new Counter[0], TimeUnit.SECONDS.toNanos(10), 99, 0,
            new LossRecorder(new LossReport(AtomicBuffer.allocateHeap(LossReport.ENTRY_LENGTH * 4)), new ManualClock(),
            request.sessionId(), request.streamId(), "t", request.source().toString()),
            ImageOptions.defaults(128 * 1024));
        endpoint.addImage(image);
        return image;
    }

    private static boolean allZero(final LogBuffers log)
    {
        for (int i = 0; i < LogLayout.PARTITION_COUNT; i++)
        {
            final AtomicBuffer term = log.term(i);
            for (int offset = 0; offset < term.capacity(); offset += 8)
            {
                if (term.getLong(offset) != 0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void aSpoofedSetupThenPaddingOfLengthNearTwoToTheThirtyOneLeavesTheLogAndItsReaderUnharmed()
    {
        endpoint.onDatagram(setup(77, Fixtures.INITIAL_TERM_ID, 0, Fixtures.TERM_LENGTH), Fixtures.SOURCE, 0);
        final PublicationImage image = imageFor(requests().getFirst());
        for (final int length : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 31, 0x7FFF_FFE0, (1 << 30) + 1,
            Fixtures.TERM_LENGTH + 32})
        {
            DatagramBuilder.data(datagram, 0, 77, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0, 0, (byte)0);
            datagram.putShort(WireFrame.TYPE_OFFSET, (short)FrameType.PAD);
            datagram.putInt(0, length);
            endpoint.onDatagram(32, Fixtures.SOURCE, 1);
            image.poll(2);
        }
        assertThat(counter("udp invalid frames dropped")).isEqualTo(5);
        assertThat(allZero(image.log)).as("the image's log").isTrue();
        final long read = TermReader.read(image.log.term(0), 0, (buffer, offset, length, header) -> { }, 10,
            new Header(Fixtures.INITIAL_TERM_ID, LogLayout.positionBitsToShift(Fixtures.TERM_LENGTH)));
        assertThat(TermReader.fragments(read)).isZero();
        assertThat(counter("udp errors caught")).isZero();
    }

    @Test
    void termIdsAndOffsetsAcrossTheWholeIntRangeNeverThrowNorWriteOutsideTheWindow()
    {
        final PublicationImage image = Fixtures.image(endpoint, counters, 0);
        endpoint.addImage(image);
        final int[] termIds = {Integer.MIN_VALUE, -1, 0, 1, Fixtures.INITIAL_TERM_ID - 1, Fixtures.INITIAL_TERM_ID,
            Fixtures.INITIAL_TERM_ID + 1, Fixtures.INITIAL_TERM_ID + 2, Fixtures.INITIAL_TERM_ID + (1 << 30),
            Integer.MAX_VALUE};
        final int[] offsets = {0, 32, Fixtures.TERM_LENGTH - 64, Fixtures.TERM_LENGTH - 32, Fixtures.TERM_LENGTH,
            (1 << 30) - 32, 1 << 30, Integer.MAX_VALUE & -32, Integer.MIN_VALUE, -32};
        long now = 1;
        for (final int termId : termIds)
        {
            for (final int offset : offsets)
            {
                for (int kind = 0; kind < 3; kind++)
                {
                    final int length = DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
                        termId, offset, kind == 0 ? 32 : 0, (byte)9);
                    if (kind == 2)
                    {
                        datagram.putShort(WireFrame.TYPE_OFFSET, (short)FrameType.PAD);
                        datagram.putInt(0, Fixtures.TERM_LENGTH - Math.max(0, Math.min(offset, Fixtures.TERM_LENGTH)));
                    }
                    endpoint.onDatagram(length, Fixtures.SOURCE, now);
                    image.poll(now);
                    now += 1_000_000;
                }
            }
        }
        assertThat(counter("udp errors caught")).as("exceptions caught").isZero();
        assertThat(image.rebuildPosition()).isLessThanOrEqualTo(image.counters().highWaterMark().get());
        assertThat(image.counters().highWaterMark().get()).as("never past the window")
            .isLessThanOrEqualTo(image.rebuildPosition() + Fixtures.TERM_LENGTH);
        // and a SETUP with any of these: only sane ones ask for an image
        for (final int termId : termIds)
        {
            for (final int offset : offsets)
            {
                endpoint.onDatagram(setup(1000 + offset, termId, offset, Fixtures.TERM_LENGTH), Fixtures.SOURCE, now);
                now += TimeUnit.SECONDS.toNanos(1);
            }
        }
        for (final ConductorCommand.CreateImage request : requests())
        {
            assertThat(request.activeTermId() - request.initialTermId()).as("the sender's term is not before its first").isNotNegative();
            assertThat(request.termOffset()).isBetween(0, request.termLength());
        }
        assertThat(counter("udp errors caught")).isZero();
    }

    @Test
    void aSetupOverTheTermLengthCapIsDroppedAndCountedAndReportedOnce()
    {
        final List<Throwable> reported = new ArrayList<>();
        endpoint = new ReceiveChannelEndpoint(Fixtures.channel(), counters.transport(), conductor,
            new ReceiverLimits(128 * 1024, 64, 256, 1000), reported::add);
        endpoint.subscribe(Fixtures.STREAM_ID, SessionFilter.ANY);
        datagram = endpoint.datagramBuffer();
        for (int i = 0; i < 5; i++)
        {
            endpoint.onDatagram(setup(i, Fixtures.INITIAL_TERM_ID, 0, 1 << 30), Fixtures.SOURCE, i);
        }
        assertThat(requests()).isEmpty();
        assertThat(counter("udp setups over the term length cap")).isEqualTo(5);
        assertThat(reported).hasSize(1);
        assertThat(reported.getFirst().getMessage()).contains("nanostream.udp.max.term.length");
        endpoint.onDatagram(setup(9, Fixtures.INITIAL_TERM_ID, 0, 128 * 1024), Fixtures.SOURCE, 10);
        assertThat(requests()).as("at the cap").hasSize(1);
    }

    @Test
    void setupsForManySessionsAreHeldToTheCreationRateAndTheEndpointCap()
    {
        endpoint = new ReceiveChannelEndpoint(Fixtures.channel(), counters.transport(), conductor,
            new ReceiverLimits(1 << 30, 3, 256, 4), error -> { });
        endpoint.subscribe(Fixtures.STREAM_ID, SessionFilter.ANY);
        datagram = endpoint.datagramBuffer();
        final long second = TimeUnit.SECONDS.toNanos(1);
        for (int session = 0; session < 1000; session++)
        {
            endpoint.onDatagram(setup(session, Fixtures.INITIAL_TERM_ID, 0, Fixtures.TERM_LENGTH), Fixtures.SOURCE,
                session);
        }
        final List<ConductorCommand.CreateImage> first = requests();
        assertThat(first).as("a second's worth at once").hasSize(4);
        assertThat(counter("udp images refused: creation rate")).isEqualTo(996);
        for (int session = 1000; session < 2000; session++)
        {
            endpoint.onDatagram(setup(session, Fixtures.INITIAL_TERM_ID, 0, Fixtures.TERM_LENGTH), Fixtures.SOURCE,
                second / 2 + session);
        }
        assertThat(requests()).as("half a second later: half a second's worth").hasSize(2);
        for (int i = 0; i < 3; i++)
        {
            imageFor(first.get(i));
        }
        endpoint.onDatagram(setup(5000, Fixtures.INITIAL_TERM_ID, 0, Fixtures.TERM_LENGTH), Fixtures.SOURCE,
            10 * second);
        assertThat(requests()).as("the endpoint holds its most images").isEmpty();
        assertThat(counter("udp images refused: endpoint cap")).isEqualTo(1);
    }

    @Test
    void aSignedDatagramOnAPlainChannelIsCountedAsSuchNotAsGarbage()
    {
        final int length = DatagramBuilder.data(datagram, AuthHeader.LENGTH, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            Fixtures.INITIAL_TERM_ID, 0, 32, (byte)1);
        WireFrame.putHeader(datagram, 0, AuthHeader.LENGTH, 1, AuthHeader.TYPE); // generation 1 in the flags byte
        datagram.putByte(WireFrame.VERSION_OFFSET, (byte)AuthHeader.VERSION);
        endpoint.onDatagram(AuthHeader.LENGTH + length, Fixtures.SOURCE, 1);
        assertThat(counter("udp signed datagrams on channels without auth=")).isEqualTo(1);
        assertThat(counter("udp invalid frames dropped")).isZero();
        datagram.putByte(WireFrame.VERSION_OFFSET, (byte)(AuthHeader.VERSION + 1));
        endpoint.onDatagram(AuthHeader.LENGTH + length, Fixtures.SOURCE, 2); // another unknown version stays garbage
        assertThat(counter("udp invalid frames dropped")).isEqualTo(1);
    }

    @Test
    void dataForAnImageFromAnotherSourceThanItsSetupIsDroppedAndCounted()
    {
        final PublicationImage image = Fixtures.image(endpoint, counters, 0);
        endpoint.addImage(image);
        final int length = DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            Fixtures.INITIAL_TERM_ID, 0, 32, (byte)1);
        endpoint.onDatagram(length, ELSEWHERE, 1);
        assertThat(counter("udp frames from another source than the image's")).isEqualTo(1);
        assertThat(image.log.term(0).getInt(0)).as("nothing written").isZero();
        endpoint.onDatagram(length, Fixtures.SOURCE, 2);
        assertThat(image.log.term(0).getInt(0)).isEqualTo(64);
    }

    @Test
    void heartbeatsAloneNeverMakeTheReceiverNak()
    {
        final PublicationImage image = Fixtures.image(endpoint, counters, 0);
        endpoint.addImage(image);
        WireFrame.putHeartbeat(datagram, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 32 * 1024,
            false);
        final long second = TimeUnit.SECONDS.toNanos(1);
        for (long now = 0; now < 5 * second; now += 1_000_000)
        {
            endpoint.onDatagram(WireFrame.DATA_HEADER_LENGTH, Fixtures.SOURCE, now);
            image.poll(now);
        }
        assertThat(counter("udp NAKs sent")).as("a gap that only heartbeats show").isZero();
        assertThat(counter("udp NAKs held back")).isPositive();
        final int length = DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            Fixtures.INITIAL_TERM_ID, 64, 32, (byte)1);
        endpoint.onDatagram(length, Fixtures.SOURCE, 5 * second);
        image.poll(5 * second + LossDetector.NAK_RETRY_NANOS * 1000);
        assertThat(counter("udp NAKs sent")).as("once data has come").isEqualTo(1);
    }

    @Test
    void aGapNobodyFillsCostsAFewNaksNotHundredsASecond()
    {
        final PublicationImage image = Fixtures.image(endpoint, counters, 0);
        endpoint.addImage(image);
        final int length = DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            Fixtures.INITIAL_TERM_ID, 4096, 32, (byte)1);
        endpoint.onDatagram(length, Fixtures.SOURCE, 0);
        final long second = TimeUnit.SECONDS.toNanos(1);
        for (long now = 0; now < 10 * second; now += 100_000)
        {
            image.poll(now);
        }
        // the first, 8 retries 5 ms apart, then doubling: 10, 20, ... 640 ms, then one a
        // second (about 25 in 10 s, not 2,000)
        assertThat(counter("udp NAKs sent")).isBetween(20L, 30L);
    }

    @Test
    void aSubscriberPositionFarPastWhatWasReceivedCleansNothingUnread()
    {
        final PublicationImage image = Fixtures.image(endpoint, counters, 0);
        final Counter position = counters.subscriberPosition(1, Fixtures.SESSION_ID, Fixtures.STREAM_ID, 0, "t", 0);
        image.subscriberPositions(new Counter[] {position});
        endpoint.addImage(image);
        final int length = DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            Fixtures.INITIAL_TERM_ID, 0, 32, (byte)1);
        endpoint.onDatagram(length, Fixtures.SOURCE, 0);
        position.set(100L * Fixtures.TERM_LENGTH); // written by a broken or hostile client
        for (int i = 1; i < 10; i++)
        {
            image.poll(i);
        }
        assertThat(image.log.term(0).getInt(0)).as("the frame received, not yet read").isEqualTo(64);
        final int beyond = DatagramBuilder.data(datagram, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
            Fixtures.INITIAL_TERM_ID + 5, 0, 32, (byte)1);
        endpoint.onDatagram(beyond, Fixtures.SOURCE, 11);
        assertThat(counter("udp frames beyond the receiver window")).as("the window is not opened by the bad position").isEqualTo(1);
    }

    @Test
    void anImageThatThrowsIsDroppedAndTheOtherImagesOnTheEndpointGoOn()
    {
        final List<Throwable> reported = new ArrayList<>();
        final CommandQueue<ReceiverCommand> commands = new CommandQueue<>("receiver", 16);
        final ManualClock clock = new ManualClock();
        final Receiver receiver = new Receiver(commands, new TransportAgentServices(conductor, clock,
            counters.transport(), reported::add));
        commands.offer(new ReceiverCommand.AddSubscription(endpoint, Fixtures.STREAM_ID, SessionFilter.ANY));
        final PublicationImage good = Fixtures.image(endpoint, counters, 0);
        final Arena arena = Arena.ofShared();
        final LogBuffers brokenLog = LogBuffers.inMemory(AtomicBuffer.wrap(arena.allocate(3 * Fixtures.TERM_LENGTH +
            LogLayout.METADATA_LENGTH, 64)), Fixtures.TERM_LENGTH, 1408, Fixtures.INITIAL_TERM_ID, 66,
            Fixtures.STREAM_ID);
        final PublicationImage broken = new PublicationImage(2, brokenLog, endpoint, Fixtures.SOURCE, 0,
            counters.transport(), counters.image(2, 66, Fixtures.STREAM_ID, "t"), new Counter[0],
            TimeUnit.SECONDS.toNanos(10), 99, 0,
            new LossRecorder(new LossReport(AtomicBuffer.allocateHeap(LossReport.ENTRY_LENGTH * 4)), clock, 66,
            Fixtures.STREAM_ID, "t", "s"), ImageOptions.defaults(128 * 1024));
        commands.offer(new ReceiverCommand.AddImage(broken));
        commands.offer(new ReceiverCommand.AddImage(good));
        WireFrame.putHeartbeat(datagram, 66, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0, true);
        broken.insert(datagram, WireFrame.DATA_HEADER_LENGTH,
            0); // its end of stream: the next duty cycle marks it in the log
        arena.close(); // the broken image's log is gone: any use of it throws
        final long before = counter("udp status messages sent");

        receiver.doWork();
        clock.advance(1, TimeUnit.SECONDS);
        receiver.doWork();

        assertThat(counter("udp errors caught")).isEqualTo(1);
        assertThat(reported).hasSize(1);
        assertThat(counter("udp status messages sent") - before).as("the good image's status messages, twice").isEqualTo(2);
        final List<PublicationImage> closed = new ArrayList<>();
        for (ConductorCommand command; (command = conductor.poll()) != null; )
        {
            closed.add(((ConductorCommand.ImageClosed)command).image());
        }
        assertThat(closed).containsExactly(broken);
        assertThat(endpoint.images).containsExactly(good);
    }
}
