package io.nanostream.driver;

import io.nanostream.driver.udp.ReceiverLimits;

/**
 * What the network may ask of the driver's receiver, part of {@link DriverContext} ({@link DriverContext#networkLimits()}):
 * the largest term length a SETUP may announce (each image's log is three terms, made when the SETUP arrives), how many
 * images one receive endpoint and the whole driver hold, and how many images one endpoint creates per second. A SETUP
 * past a limit is dropped and counted by reason (see {@code nano-stream stat}), and the first of each reason goes to the
 * error log. Each setting starts from its system property ({@link DriverProperties}). Not thread-safe: configure, then launch.
 */
public final class NetworkLimits
{
    private int maxTermLength = DriverProperties.size(DriverProperties.MAX_NETWORK_TERM_LENGTH, ReceiverLimits.DEFAULT_MAX_TERM_LENGTH);
    private int maxImagesPerEndpoint = DriverProperties.count(DriverProperties.MAX_IMAGES_PER_ENDPOINT,
        ReceiverLimits.DEFAULT_MAX_IMAGES_PER_ENDPOINT);
    private int maxImages = DriverProperties.count(DriverProperties.MAX_IMAGES, ReceiverLimits.DEFAULT_MAX_IMAGES);
    private int imageCreationsPerSecond = DriverProperties.count(DriverProperties.IMAGE_CREATIONS_PER_SECOND,
        ReceiverLimits.DEFAULT_IMAGE_CREATIONS_PER_SECOND);

    NetworkLimits()
    {
    }

    /**
     * Sets the largest term length accepted from the network (default 64 MiB; {@value DriverProperties#MAX_NETWORK_TERM_LENGTH}).
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
     * Sets how many images one receive endpoint holds (default 64; {@value DriverProperties#MAX_IMAGES_PER_ENDPOINT}).
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
     * Sets how many images the driver holds in total (default 256; {@value DriverProperties#MAX_IMAGES}).
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
     * {@value DriverProperties#IMAGE_CREATIONS_PER_SECOND}).
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

    /** {@return the limits as the receiver and conductor take them} */
    ReceiverLimits toReceiverLimits()
    {
        return new ReceiverLimits(maxTermLength, maxImagesPerEndpoint, maxImages, imageCreationsPerSecond);
    }
}
