package io.nanostream.driver.status;

import io.nanostream.buffer.Counter;
import io.nanostream.buffer.CountersReader;

/**
 * The driver-wide UDP counters: what the sender and receiver threads sent, received, repeated and dropped,
 * each dropped datagram counted by its reason. Added to atomically from the sender and receiver threads.
 */
public final class TransportCounters
{
    /** NAKs sent. */
    public final Counter naksSent;
    /** NAKs received. */
    public final Counter naksReceived;
    /** Datagrams resent after a NAK. */
    public final Counter retransmits;
    /** Bytes resent after a NAK. */
    public final Counter retransmittedBytes;
    /** Status messages sent. */
    public final Counter statusMessagesSent;
    /** Status messages received. */
    public final Counter statusMessagesReceived;
    /** SETUP frames sent. */
    public final Counter setupsSent;
    /** Heartbeats sent. */
    public final Counter heartbeatsSent;
    /** Datagrams dropped as malformed. */
    public final Counter invalidFrames;
    /** Frames for sessions this driver does not know. */
    public final Counter unknownSessionFrames;
    /** Datagrams dropped by loss injection. */
    public final Counter lossDropped;
    /** Frames beyond a receiver's window, dropped. */
    public final Counter windowOverruns;
    /** Frames already received, dropped. */
    public final Counter duplicateFrames;
    /** Error frames received. */
    public final Counter errorFramesReceived;
    /** Socket errors. */
    public final Counter socketErrors;
    private final CountersReader reader;

    TransportCounters(final CounterFactory factory, final CountersReader reader)
    {
        this.reader = reader;
        naksSent = factory.system("udp NAKs sent");
        naksReceived = factory.system("udp NAKs received");
        retransmits = factory.system("udp retransmits");
        retransmittedBytes = factory.system("udp retransmitted bytes");
        statusMessagesSent = factory.system("udp status messages sent");
        statusMessagesReceived = factory.system("udp status messages received");
        setupsSent = factory.system("udp setups sent");
        heartbeatsSent = factory.system("udp heartbeats sent");
        invalidFrames = factory.system("udp invalid frames dropped");
        unknownSessionFrames = factory.system("udp frames for unknown sessions");
        lossDropped = factory.system("udp datagrams dropped by loss injection");
        windowOverruns = factory.system("udp frames beyond the receiver window");
        duplicateFrames = factory.system("udp duplicate frames");
        errorFramesReceived = factory.system("udp error frames received");
        socketErrors = factory.system("udp socket errors");
    }

    /** Allocates a system counter by label: the one thing {@link TransportCounters} needs of the factory. */
    interface CounterFactory
    {
        Counter system(String label);
    }

    /**
     * The value of the counter with a label, for tests and tools.
     *
     * @param label the label.
     * @return its value, or -1 if there is none.
     */
    public long value(final String label)
    {
        final long[] found = {-1};
        reader.forEach((id, typeId, counterLabel, value) ->
        {
            if (counterLabel.equals(label))
            {
                found[0] = value;
            }
        });
        return found[0];
    }
}
