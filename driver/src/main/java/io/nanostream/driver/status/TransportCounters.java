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
    /**
     * NAKs dropped because their offset is not the start of a frame the sender sent (a NAK into the middle of a frame).
     */
    public final Counter naksNotAtFrameStart;
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
    /** SETUPs dropped because their term length is over the network cap. */
    public final Counter setupsOverTermLengthCap;
    /** Images refused because their endpoint holds its most. */
    public final Counter imagesOverEndpointCap;
    /** Images refused because their source address holds its most. */
    public final Counter imagesOverSourceCap;
    /** Images refused because their log would take image logs past their byte cap. */
    public final Counter imagesOverLogBytesCap;
    /** Images closed because they carried no data past the idle timeout while a cap was full: room for new sessions. */
    public final Counter imagesClosedIdle;
    /** Images refused because the driver holds its most. */
    public final Counter imagesOverDriverCap;
    /** Images refused because their endpoint created its most in the last second. */
    public final Counter imagesOverCreationRate;
    /** Images whose creation failed part-way (and was undone). */
    public final Counter imageCreationFailures;
    /** Data frames for an image from another address than its SETUP's, dropped. */
    public final Counter framesFromWrongSource;
    /** Frames of sessions that no subscription's {@code source=} or {@code session-id=} accepts, dropped. */
    public final Counter framesRefusedByFilter;
    /** Datagrams dropped because a data frame's payload did not match its CRC32C ({@code crc=crc32c}). */
    public final Counter framesFailingChecksum;
    /**
     * Datagrams on {@code auth=} channels refused: unsigned, an unknown key generation, or a MAC that does not match.
     */
    public final Counter authFailures;
    /** Signed datagrams refused because their time is outside the replay window. */
    public final Counter authStale;
    /** Times the key file of {@code auth=} channels was read again after it changed. */
    public final Counter authKeyReloads;
    /** Signed datagrams that arrived on a channel without {@code auth=}, dropped. */
    public final Counter signedOnPlainChannel;
    /** Gaps NAKed for the first time (retries not counted): on multicast, what the random backoff keeps low. */
    public final Counter gapsNaked;
    /** Gaps NAKed in the same round as the gap before them, in the same term, rather than a round trip later. */
    public final Counter gapsNakedAhead;
    /** NAKs not sent because the image had received no data, or sent its most NAKs for now. */
    public final Counter naksHeldBack;
    /** Gaps a {@code reliable=false} image skipped with a padding frame instead of a NAK. */
    public final Counter gapsSkipped;
    /** Bytes a NAK asked for that the sender did not resend (over its per-NAK or per-interval budget). */
    public final Counter resendBytesOverBudget;
    /**
     * Exceptions caught on the receiver or sender thread: the datagram or image was dropped and the duty cycle went on.
     */
    public final Counter transportErrors;
    /** Messages the sender handed to the kernel to cut into several datagrams (UDP_SEGMENT). */
    public final Counter segmentedMessagesSent;
    /** Messages of several datagrams the kernel handed to the receiver together (UDP_GRO). */
    public final Counter coalescedMessagesReceived;
    /**
     * Datagrams of a multi-destination-cast publication that one destination missed (its socket
     * buffer was full): NAKed again.
     */
    public final Counter destinationSendsMissed;
    /** Receivers a dynamic multi-destination-cast publication did not add, as it had its most destinations. */
    public final Counter destinationsRefused;
    /** Host names of publication endpoints looked up again. */
    public final Counter reResolutions;
    /** Lookups again that found no address (the publication kept sending where the name pointed). */
    public final Counter reResolutionFailures;
    /** Publications that followed their endpoint's name to a new address. */
    public final Counter endpointsMoved;
    /**
     * Setup-eliciting status messages a subscription with {@code control=} sent to its publication's control address.
     */
    public final Counter setupRequestsToControl;
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
        naksNotAtFrameStart = factory.system("udp NAKs not at a frame start");
        unknownSessionFrames = factory.system("udp frames for unknown sessions");
        lossDropped = factory.system("udp datagrams dropped by loss injection");
        windowOverruns = factory.system("udp frames beyond the receiver window");
        duplicateFrames = factory.system("udp duplicate frames");
        errorFramesReceived = factory.system("udp error frames received");
        socketErrors = factory.system("udp socket errors");
        setupsOverTermLengthCap = factory.system("udp setups over the term length cap");
        imagesOverEndpointCap = factory.system("udp images refused: endpoint cap");
        imagesOverDriverCap = factory.system("udp images refused: driver cap");
        imagesOverSourceCap = factory.system("udp images refused: source cap");
        imagesOverLogBytesCap = factory.system("udp images refused: log bytes cap");
        imagesClosedIdle = factory.system("udp images closed to make room: idle");
        imagesOverCreationRate = factory.system("udp images refused: creation rate");
        imageCreationFailures = factory.system("udp image creations failed");
        framesFromWrongSource = factory.system("udp frames from another source than the image's");
        framesRefusedByFilter = factory.system("udp frames refused by source= or session-id=");
        framesFailingChecksum = factory.system("udp datagrams failing their checksum");
        authFailures = factory.system("udp datagrams failing authentication");
        authStale = factory.system("udp signed datagrams refused: stale");
        signedOnPlainChannel = factory.system("udp signed datagrams on channels without auth=");
        authKeyReloads = factory.system("udp auth key file reads");
        gapsNaked = factory.system("udp gaps NAKed");
        naksHeldBack = factory.system("udp NAKs held back");
        gapsNakedAhead = factory.system("udp gaps NAKed ahead, in the same round");
        gapsSkipped = factory.system("udp gaps skipped (reliable=false)");
        resendBytesOverBudget = factory.system("udp resend bytes over budget");
        transportErrors = factory.system("udp errors caught");
        segmentedMessagesSent = factory.system("udp segmented messages sent");
        coalescedMessagesReceived = factory.system("udp coalesced messages received");
        destinationSendsMissed = factory.system("udp mdc sends missed by a destination");
        destinationsRefused = factory.system("udp mdc destinations refused: most destinations");
        setupRequestsToControl = factory.system("udp mdc setup requests sent to control");
        reResolutions = factory.system("udp endpoint names looked up again");
        reResolutionFailures = factory.system("udp endpoint names not found again");
        endpointsMoved = factory.system("udp endpoints moved to a new address");
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
