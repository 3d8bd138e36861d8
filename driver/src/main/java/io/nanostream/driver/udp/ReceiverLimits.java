package io.nanostream.driver.udp;

/**
 * What a UDP receiver lets the network ask of it, checked already ({@code DriverContext.conclude()}): the
 * largest term length a SETUP may announce (each image's log is three terms), how many images one receive
 * endpoint and the whole driver hold, and how many images one endpoint creates per second. SETUPs past a
 * limit are dropped and counted by reason in {@link io.nanostream.driver.status.TransportCounters}. Immutable.
 *
 * @param maxTermLength            the largest term length accepted from the network.
 * @param maxImagesPerEndpoint     the most images one receive endpoint holds.
 * @param maxImages                the most images the driver holds.
 * @param imageCreationsPerSecond  the most images one endpoint creates per second.
 */
public record ReceiverLimits(int maxTermLength, int maxImagesPerEndpoint, int maxImages, int imageCreationsPerSecond)
{
    /** Default largest network term length: 64 MiB. */
    public static final int DEFAULT_MAX_TERM_LENGTH = 64 * 1024 * 1024;
    /** Default images per endpoint. */
    public static final int DEFAULT_MAX_IMAGES_PER_ENDPOINT = 64;
    /** Default images in total. */
    public static final int DEFAULT_MAX_IMAGES = 256;
    /** Default image creations per endpoint per second. */
    public static final int DEFAULT_IMAGE_CREATIONS_PER_SECOND = 16;
    /** The defaults. */
    public static final ReceiverLimits DEFAULT = new ReceiverLimits(DEFAULT_MAX_TERM_LENGTH, DEFAULT_MAX_IMAGES_PER_ENDPOINT,
        DEFAULT_MAX_IMAGES, DEFAULT_IMAGE_CREATIONS_PER_SECOND);
}
