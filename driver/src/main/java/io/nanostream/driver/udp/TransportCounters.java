package io.nanostream.driver.udp;

import io.nanostream.buffer.CounterSet;
import io.nanostream.client.protocol.CounterTypes;

/**
 * The driver-wide counters of the UDP transport, shown by {@code nano-stream stat}. Each is added to with
 * one atomic add by the sender or the receiver thread.
 */
public final class TransportCounters
{
    final CounterSet counters;
    final int naksSent;
    final int naksReceived;
    final int retransmits;
    final int retransmittedBytes;
    final int statusMessagesSent;
    final int statusMessagesReceived;
    final int setupsSent;
    final int heartbeatsSent;
    final int invalidFrames;
    final int unknownSessionFrames;
    final int lossDropped;
    final int windowOverruns;
    final int duplicateFrames;
    final int errorFramesReceived;
    final int socketErrors;

    /**
     * Allocates the counters.
     *
     * @param counters the driver's counters.
     */
    public TransportCounters(final CounterSet counters)
    {
        this.counters = counters;
        naksSent = allocate("udp NAKs sent");
        naksReceived = allocate("udp NAKs received");
        retransmits = allocate("udp retransmits");
        retransmittedBytes = allocate("udp retransmitted bytes");
        statusMessagesSent = allocate("udp status messages sent");
        statusMessagesReceived = allocate("udp status messages received");
        setupsSent = allocate("udp setups sent");
        heartbeatsSent = allocate("udp heartbeats sent");
        invalidFrames = allocate("udp invalid frames dropped");
        unknownSessionFrames = allocate("udp frames for unknown sessions");
        lossDropped = allocate("udp datagrams dropped by loss injection");
        windowOverruns = allocate("udp frames beyond the receiver window");
        duplicateFrames = allocate("udp duplicate frames");
        errorFramesReceived = allocate("udp error frames received");
        socketErrors = allocate("udp socket errors");
    }

    private int allocate(final String label)
    {
        return counters.allocate(CounterTypes.SYSTEM, 0, 0, 0, 0, label, System.currentTimeMillis());
    }

    void add(final int counterId)
    {
        counters.add(counterId, 1);
    }

    /**
     * A counter's value.
     *
     * @param label the counter's label, as listed above.
     * @return its value, or -1 if there is no such counter.
     */
    public long value(final String label)
    {
        final long[] found = {-1};
        counters.forEach((id, typeId, counterLabel, value) ->
        {
            if (counterLabel.equals(label))
            {
                found[0] = value;
            }
        });
        return found[0];
    }
}
