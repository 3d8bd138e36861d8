package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.Counter;
import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.concurrent.ManualClock;
import io.nanostream.driver.loss.LossRecorder;
import io.nanostream.driver.loss.LossReport;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;

import java.lang.foreign.Arena;
import java.net.InetSocketAddress;

/** Transport objects without a driver, for codec, logic and fuzz tests. */
final class Fixtures
{
    static final int TERM_LENGTH = LogLayout.TERM_MIN_LENGTH;
    static final int SESSION_ID = 5;
    static final int STREAM_ID = 7;
    static final int INITIAL_TERM_ID = 100;
    static final InetSocketAddress SOURCE = new InetSocketAddress("127.0.0.1", 40_000);

    private Fixtures()
    {
    }

    /** Counters in heap memory, as the driver makes them. */
    static DriverCounters counters()
    {
        final int count = 128;
        return new DriverCounters(new CounterSet(AtomicBuffer.allocateHeap(count * CountersDescriptor.METADATA_LENGTH),
            AtomicBuffer.allocateHeap(count * CountersDescriptor.VALUE_LENGTH), 0), new ManualClock());
    }

    /** A queue to the conductor that no one reads: tests look at what lands on it. */
    static CommandQueue<ConductorCommand> conductorQueue()
    {
        return new CommandQueue<>("conductor", 64);
    }

    /**
     * An endpoint without a socket, on {@link #channel()}, with the default limits; what it
     * catches shows in "udp errors caught".
     */
    static ReceiveChannelEndpoint endpoint(final DriverCounters counters,
        final CommandQueue<ConductorCommand> conductor)
    {
        return new ReceiveChannelEndpoint(channel(), counters.transport(), conductor, ReceiverLimits.DEFAULT,
            error -> { });
    }

    /**
     * The batch the suite runs with: {@code nanostream.udp.batch} where native sockets are available (the udp-batched
     * execution), else 0 for JDK channels.
     */
    static SocketBatching batch()
    {
        final int batch = io.nanostream.natives.net.NativeUdpSocket.unavailableReason() == null ?
            Integer.getInteger("nanostream.udp.batch", 0) : 0;
        return batch == 0 ? SocketBatching.OFF : new SocketBatching(batch,
            !"false".equals(System.getProperty("nanostream.udp.offload")));
    }

    static UdpChannel channel()
    {
        return new UdpChannel(new InetSocketAddress("127.0.0.1", 40_001), null, 0, "udp-test");
    }

    static LogBuffers log(final int sessionId, final int streamId)
    {
        // native memory, as a mapped log is: the sender hands term slices to the socket as direct buffers
        return LogBuffers.inMemory(AtomicBuffer.wrap(Arena.ofAuto().allocate(3 * TERM_LENGTH +
            LogLayout.METADATA_LENGTH, 64)), TERM_LENGTH, 1408, INITIAL_TERM_ID, sessionId, streamId);
    }

    static PublicationImage image(final ReceiveChannelEndpoint endpoint, final DriverCounters counters,
        final long joinPosition)
    {
        return image(endpoint, counters, joinPosition, true);
    }

    static PublicationImage image(
        final ReceiveChannelEndpoint endpoint, final DriverCounters counters, final long joinPosition,
        final boolean reliable)
    {
        return new PublicationImage(1, log(SESSION_ID, STREAM_ID), endpoint, SOURCE, joinPosition, counters.transport(),
            counters.image(1, SESSION_ID, STREAM_ID, "udp-test"), new Counter[0], 10_000_000_000L, 99, 0,
            lossRecorder(), new ImageOptions(reliable, 128 * 1024, LossDetector.NAK_DELAY_NANOS));
    }

    static LossRecorder lossRecorder()
    {
        return new LossRecorder(new LossReport(AtomicBuffer.allocateHeap(LossReport.ENTRY_LENGTH * 4)),
            new ManualClock(), SESSION_ID, STREAM_ID, "udp-test", SOURCE.toString());
    }
}
