package io.nanostream.driver;

import io.nanostream.driver.udp.ReceiverLimits;

import java.time.Duration;

/**
 * What the network may ask of the driver's receiver, part of {@link DriverContext} ({@link
 * DriverContext#networkLimits()}): the largest term length a SETUP may announce (each image's log is three terms, made
 * when the SETUP arrives), how many images one receive endpoint, one source address and the whole driver hold, how many
 * bytes their logs take, how many images one endpoint creates per second, and how long an idle image keeps its place
 * when a cap is full. A SETUP past a limit is dropped and counted by reason (see {@code nano-stream stat}), and the
 * first of each reason goes to the error log. Each setting starts from its system property ({@link DriverProperties}).
 * Not thread-safe: configure, then launch.
 */
public final class NetworkLimits
{
    private int maxTermLength = DriverProperties.MAX_NETWORK_TERM_LENGTH.read();
    private int maxImagesPerEndpoint = DriverProperties.MAX_IMAGES_PER_ENDPOINT.read();
    private int maxImages = DriverProperties.MAX_IMAGES.read();
    private int imageCreationsPerSecond = DriverProperties.IMAGE_CREATIONS_PER_SECOND.read();
    private int maxImagesPerSource = DriverProperties.MAX_IMAGES_PER_SOURCE.read();
    private long maxImageLogBytes = DriverProperties.MAX_IMAGE_LOG_BYTES.read();
    private Duration imageIdleTimeout = DriverProperties.IMAGE_IDLE_TIMEOUT.read();

    NetworkLimits()
    {
    }

    /**
     * Sets the largest term length accepted from the network (default 64 MiB; {@code nanostream.udp.max.term.length}).
     * Raise it to receive from publications with longer terms.
     *
     * @param termLength a power of two from 64 KiB to 1 GiB.
     * @return this.
     */
    public NetworkLimits maxTermLength(final int termLength)
    {
        this.maxTermLength = termLength;
        return this;
    }

    /** {@return the largest term length accepted from the network} */
    public int maxTermLength()
    {
        return maxTermLength;
    }

    /**
     * Sets how many images one receive endpoint holds (default 64; {@code nanostream.udp.max.images.per.endpoint}).
     *
     * @param images at least 1.
     * @return this.
     */
    public NetworkLimits maxImagesPerEndpoint(final int images)
    {
        this.maxImagesPerEndpoint = images;
        return this;
    }

    /** {@return how many images one receive endpoint holds} */
    public int maxImagesPerEndpoint()
    {
        return maxImagesPerEndpoint;
    }

    /**
     * Sets how many images the driver holds in total (default 256; {@code nanostream.udp.max.images}).
     *
     * @param images at least 1.
     * @return this.
     */
    public NetworkLimits maxImages(final int images)
    {
        this.maxImages = images;
        return this;
    }

    /** {@return how many images the driver holds in total} */
    public int maxImages()
    {
        return maxImages;
    }

    /**
     * Sets how many images one receive endpoint creates per second, a second's worth at once at most (default 16;
     * {@code nanostream.udp.image.creations.per.second}).
     *
     * @param perSecond at least 1.
     * @return this.
     */
    public NetworkLimits imageCreationsPerSecond(final int perSecond)
    {
        this.imageCreationsPerSecond = perSecond;
        return this;
    }

    /** {@return how many images one receive endpoint creates per second} */
    public int imageCreationsPerSecond()
    {
        return imageCreationsPerSecond;
    }

    /**
     * Sets how many images the driver holds from one source address, over all endpoints (default 16;
     * {@code nanostream.udp.max.images.per.source}), so that one host cannot take every place from the others.
     *
     * @param images at least 1.
     * @return this.
     */
    public NetworkLimits maxImagesPerSource(final int images)
    {
        this.maxImagesPerSource = images;
        return this;
    }

    /** {@return how many images the driver holds from one source address} */
    public int maxImagesPerSource()
    {
        return maxImagesPerSource;
    }

    /**
     * Sets how many bytes the logs of all images take together (default 4 GiB; {@code
     * nanostream.udp.max.image.log.bytes}), checked before a log is made: a SETUP whose log would pass it is refused.
     *
     * @param bytes at least one log of the largest term length.
     * @return this.
     */
    public NetworkLimits maxImageLogBytes(final long bytes)
    {
        this.maxImageLogBytes = bytes;
        return this;
    }

    /** {@return how many bytes the logs of all images take together} */
    public long maxImageLogBytes()
    {
        return maxImageLogBytes;
    }

    /**
     * Sets how long an image may go without data, heartbeats not counting, before it gives its place to a new session
     * that a full cap would refuse (default 30 s; {@code nanostream.udp.image.idle.timeout.ms}). Below the caps no
     * image is closed for being idle.
     *
     * @param timeout positive.
     * @return this.
     */
    public NetworkLimits imageIdleTimeout(final Duration timeout)
    {
        this.imageIdleTimeout = timeout;
        return this;
    }

    /** {@return how long an image may go without data before it gives way at a full cap} */
    public Duration imageIdleTimeout()
    {
        return imageIdleTimeout;
    }

    /** {@return the limits as the receiver and conductor take them} */
    ReceiverLimits toReceiverLimits()
    {
        return new ReceiverLimits(maxTermLength, maxImagesPerEndpoint, maxImages, imageCreationsPerSecond,
            maxImagesPerSource, maxImageLogBytes, imageIdleTimeout.toNanos());
    }
}
