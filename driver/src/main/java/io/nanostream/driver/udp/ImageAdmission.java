package io.nanostream.driver.udp;

import io.nanostream.buffer.Counter;
import io.nanostream.driver.status.TransportCounters;

import java.util.function.Consumer;

/**
 * Decides, on one receive endpoint, whether a checked SETUP may ask the conductor for an image: its term length
 * within the network cap, the endpoint below its image cap (or holding an image idle long enough to give way), and
 * within the endpoint's creation rate (a bucket of one second's worth of creations that refills evenly). A refusal is
 * counted by reason; the first of each reason is also reported (once, not per datagram). The conductor checks the caps
 * again, with the driver-wide one. Receiver thread only; no allocation after construction.
 */
final class ImageAdmission
{
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final ReceiverLimits limits;
    private final TransportCounters transport;
    private final Consumer<Throwable> errors;
    private final long intervalNanos;
    private long nextArrivalNanos = Long.MIN_VALUE;

    ImageAdmission(final ReceiverLimits limits, final TransportCounters transport, final Consumer<Throwable> errors)
    {
        this.limits = limits;
        this.transport = transport;
        this.errors = errors;
        this.intervalNanos = SECOND_NANOS / Math.max(1, limits.imageCreationsPerSecond());
    }

    /**
     * Whether a SETUP may ask for an image now; if so, it uses up one creation of the rate.
     *
     * @param termLength the SETUP's term length (already a valid one).
     * @param images     images the endpoint holds now.
     * @param idleImage  whether one of them has carried no data past the idle timeout, and could give way to this one.
     * @param nowNanos   the time.
     * @return true to ask the conductor.
     */
    boolean admit(final int termLength, final int images, final boolean idleImage, final long nowNanos)
    {
        if (termLength > limits.maxTermLength())
        {
            return refuse(transport.setupsOverTermLengthCap, "a SETUP announced a term length over the cap of " +
                limits.maxTermLength() +
                " bytes (nanostream.udp.max.term.length); it is dropped, and so is every such SETUP after it");
        }
        if (images >= limits.maxImagesPerEndpoint() &&
            !idleImage) // else the conductor closes the idle one to make room
        {
            return refuse(transport.imagesOverEndpointCap, "a receive endpoint holds its most images, " +
                limits.maxImagesPerEndpoint() +
                " (nanostream.udp.max.images.per.endpoint); new sessions on it are refused until images go");
        }
        final long arrival = Math.max(nextArrivalNanos, nowNanos);
        if (arrival - nowNanos > SECOND_NANOS - intervalNanos) // a second's worth of creations already taken
        {
            return refuse(transport.imagesOverCreationRate, "a receive endpoint was asked for more than " +
                limits.imageCreationsPerSecond() +
                " new images per second (nanostream.udp.image.creations.per.second); the rest wait for their SETUP's next repeat");
        }
        nextArrivalNanos = arrival + intervalNanos;
        return true;
    }

    private boolean refuse(final Counter counter, final String message)
    {
        return TransportErrors.refuseOnce(counter, errors, message);
    }
}
