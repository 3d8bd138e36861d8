package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.CountersReader;
import io.nanostream.driver.loss.LossReport;
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

    static TransportCounters counters()
    {
        final int count = 64;
        return new TransportCounters(new CounterSet(AtomicBuffer.allocateHeap(count * CountersReader.METADATA_LENGTH),
            AtomicBuffer.allocateHeap(count * CountersReader.VALUE_LENGTH), 0));
    }

    static UdpChannel channel()
    {
        return new UdpChannel(new InetSocketAddress("127.0.0.1", 40_001), null, 0, "udp-test");
    }

    static int[] senderCounters(final TransportCounters counters)
    {
        final int[] ids = new int[5];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = counters.counters.allocate(0, 0, 0, 0, 0, "sender counter " + i, 0);
        }
        return ids;
    }

    static LogBuffers log(final int sessionId, final int streamId)
    {
        // native memory, as a mapped log is: the sender hands term slices to the socket as direct buffers
        return LogBuffers.inMemory(AtomicBuffer.wrap(Arena.ofAuto().allocate(3 * TERM_LENGTH + LogLayout.METADATA_LENGTH, 64)), TERM_LENGTH, 1408,
            INITIAL_TERM_ID, sessionId, streamId);
    }

    static PublicationImage image(final ReceiveChannelEndpoint endpoint, final TransportCounters counters, final long joinPosition)
    {
        final CounterSet set = counters.counters;
        final int[] ids = new int[5];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = set.allocate(0, 0, 0, 0, 0, "image counter " + i, 0);
        }
        return new PublicationImage(1, log(SESSION_ID, STREAM_ID), endpoint, SOURCE, joinPosition, 128 * 1024, counters, ids,
            new int[0], 10_000_000_000L, 99, 0, new LossReport(AtomicBuffer.allocateHeap(LossReport.ENTRY_LENGTH * 4)));
    }
}
