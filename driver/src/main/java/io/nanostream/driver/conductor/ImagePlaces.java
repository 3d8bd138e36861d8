package io.nanostream.driver.conductor;

import io.nanostream.buffer.Counter;
import io.nanostream.concurrent.Clock;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.udp.ConductorCommand;
import io.nanostream.driver.udp.PublicationImage;
import io.nanostream.driver.udp.ReceiveChannelEndpoint;
import io.nanostream.driver.udp.ReceiverLimits;
import io.nanostream.driver.udp.TransportErrors;
import io.nanostream.log.LogLayout;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a new session gets an image: its term length within the cap; its endpoint, its source address and
 * the driver below their image caps; all image logs within their byte cap. At a full cap, an image that has carried no
 * data past the idle timeout (heartbeats alone keep a forged session alive, not busy) gives way to the session that
 * asked, when that image's source holds more images than the asking source would: a host that holds many loses one to
 * a host that holds few, never the other way round, so that sessions kept alive by heartbeats cannot lock a real
 * publisher out, nor take places from one another in turn. The freed place is promised to the session that asked until
 * its next SETUP takes it (or a few seconds pass). Refusals are counted by reason and the first of each is reported.
 * Owned by the conductor thread.
 */
final class ImagePlaces
{
    /** How long a freed place waits for the session it was freed for. */
    static final long PROMISE_NANOS = 3_000_000_000L;

    private final ReceiverLimits limits;
    private final TransportCounters transport;
    private final ErrorRecorder errors;
    private final Clock receiverClock;
    private final Map<InetAddress, Integer> bySource = new HashMap<>();
    private long promisedKey;
    private ReceiveChannelEndpoint promisedEndpoint;
    private long promisedUntilNanos;

    ImagePlaces(final ReceiverLimits limits, final TransportCounters transport, final ErrorRecorder errors,
        final Clock receiverClock)
    {
        this.limits = limits;
        this.transport = transport;
        this.errors = errors;
        this.receiverClock = receiverClock;
    }

    /**
     * Whether a requested image may be made now.
     *
     * @param request the receiver's request.
     * @param images  the images the driver holds.
     * @return true to make it.
     */
    boolean admit(final ConductorCommand.CreateImage request, final List<PublicationImage> images)
    {
        if (request.termLength() > limits.maxTermLength())
        {
            return refuse(transport.setupsOverTermLengthCap, "an image with term length " + request.termLength() +
                " is over the cap");
        }
        final long nowNanos = receiverClock.nanoTime();
        final long key = ((long)request.sessionId() << 32) | (request.streamId() & 0xFFFF_FFFFL);
        final boolean promised = promisedEndpoint != null && nowNanos - promisedUntilNanos < 0;
        if (promised && (promisedEndpoint != request.endpoint() || promisedKey != key))
        {
            return refuse(transport.imagesOverEndpointCap, "a freed place waits for the session it was freed for");
        }
        final InetAddress source = request.source().getAddress();
        bySource.clear();
        int onEndpoint = 0;
        long logBytes = logBytes(request.termLength());
        for (final PublicationImage image : images)
        {
            onEndpoint += image.endpoint() == request.endpoint() ? 1 : 0;
            bySource.merge(image.controlAddress.getAddress(), 1, Integer::sum);
            logBytes += logBytes(image.log.termLength());
        }
        final int fromSource = bySource.getOrDefault(source, 0);
        final Counter full;
        final String problem;
        if (onEndpoint >= limits.maxImagesPerEndpoint())
        {
            full = transport.imagesOverEndpointCap;
            problem = request.endpoint().channel.canonical() + " holds its most images, " +
                limits.maxImagesPerEndpoint() +
                " (nanostream.udp.max.images.per.endpoint); new sessions on it are refused until images go";
        }
        else if (fromSource >= limits.maxImagesPerSource())
        {
            full = transport.imagesOverSourceCap;
            problem = source.getHostAddress() + " holds its most images, " + limits.maxImagesPerSource() +
                " (nanostream.udp.max.images.per.source); its new sessions are refused until some go";
        }
        else if (images.size() >= limits.maxImages())
        {
            full = transport.imagesOverDriverCap;
            problem = "the driver holds its most images, " + limits.maxImages() +
                " (nanostream.udp.max.images); new sessions are " + "refused until images go";
        }
        else if (logBytes > limits.maxImageLogBytes())
        {
            full = transport.imagesOverLogBytesCap;
            problem = "image logs would take " + logBytes + " bytes, over the cap of " + limits.maxImageLogBytes() +
                " (nanostream.udp.max.image.log.bytes); new sessions are refused until images go";
        }
        else
        {
            promisedEndpoint = null;
            return true;
        }
        if (!promised && giveWay(request, full == transport.imagesOverEndpointCap, fromSource, images, nowNanos))
        {
            promisedEndpoint = request.endpoint();
            promisedKey = key;
            promisedUntilNanos = nowNanos + PROMISE_NANOS;
        }
        return refuse(full, problem);
    }

    /**
     * Closes the image idle longest past the idle timeout whose source holds more images than the asking one would, on
     * the asking endpoint if that is the cap; false if none may go, or one is closing already (room is on its way).
     */
    private boolean giveWay(
        final ConductorCommand.CreateImage request, final boolean sameEndpoint, final int fromSource,
        final List<PublicationImage> images, final long nowNanos)
    {
        PublicationImage idlest = null;
        long longest = limits.imageIdleNanos();
        for (final PublicationImage image : images)
        {
            if (sameEndpoint && image.endpoint() != request.endpoint())
            {
                continue;
            }
            if (image.isClosed())
            {
                return false;
            }
            final long idle = image.idleNanos(nowNanos);
            if (idle >= longest && bySource.get(image.controlAddress.getAddress()) > fromSource + 1)
            {
                idlest = image;
                longest = idle;
            }
        }
        if (idlest == null)
        {
            return false;
        }
        idlest.giveWay();
        if (transport.imagesClosedIdle.add(1) == 0)
        {
            errors.record(new IllegalStateException("an image of session " + idlest.sessionId + " from " +
                idlest.controlAddress + " carried no data for " + longest / 1_000_000 +
                " ms (nanostream.udp.image.idle.timeout.ms) and was closed to make " +
                "room at a full cap for session " + request.sessionId() + " from " + request.source() +
                " (reported once)"));
        }
        return true;
    }

    private static long logBytes(final int termLength)
    {
        return (long)LogLayout.PARTITION_COUNT * termLength + LogLayout.METADATA_LENGTH;
    }

    private boolean refuse(final Counter counter, final String message)
    {
        return TransportErrors.refuseOnce(counter, errors::record, message);
    }
}
