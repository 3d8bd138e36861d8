package io.nanostream.driver.udp;

/**
 * What a UDP receiver lets the network ask of it, checked already ({@code DriverContext.conclude()}): the
 * largest term length a SETUP may announce (each image's log is three terms), how many images one receive
 * endpoint, one source address and the whole driver hold, how many bytes all image logs take together, how many
 * images one endpoint creates per second, and how long an image may go without data (heartbeats do not count) before
 * it gives its place to a new session that a full cap would refuse. SETUPs past a limit are dropped and counted by
 * reason in {@link io.nanostream.driver.status.TransportCounters}. Immutable.
 *
 * @param maxTermLength            the largest term length accepted from the network.
 * @param maxImagesPerEndpoint     the most images one receive endpoint holds.
 * @param maxImages                the most images the driver holds.
 * @param imageCreationsPerSecond  the most images one endpoint creates per second.
 * @param maxImagesPerSource       the most images the driver holds from one source address.
 * @param maxImageLogBytes         the most bytes the driver's image logs take together.
 * @param imageIdleNanos           how long an image goes without data before it may be closed to make room.
 */
public record ReceiverLimits(int maxTermLength, int maxImagesPerEndpoint, int maxImages, int imageCreationsPerSecond,
    int maxImagesPerSource, long maxImageLogBytes, long imageIdleNanos)
{
    /** Default largest network term length: 64 MiB. */
    public static final int DEFAULT_MAX_TERM_LENGTH = 64 * 1024 * 1024;
    /** Default images per endpoint. */
    public static final int DEFAULT_MAX_IMAGES_PER_ENDPOINT = 64;
    /** Default images in total. */
    public static final int DEFAULT_MAX_IMAGES = 256;
    /** Default image creations per endpoint per second. */
    public static final int DEFAULT_IMAGE_CREATIONS_PER_SECOND = 16;
    /** Default images from one source address: a quarter of an endpoint's. */
    public static final int DEFAULT_MAX_IMAGES_PER_SOURCE = 16;
    /** Default bytes of all image logs together: 4 GiB. */
    public static final long DEFAULT_MAX_IMAGE_LOG_BYTES = 4L << 30;
    /** Default time without data after which an image gives way to a new session at a full cap: 30 s. */
    public static final long DEFAULT_IMAGE_IDLE_NANOS = 30_000_000_000L;
    /** The defaults. */
    public static final ReceiverLimits DEFAULT = new ReceiverLimits(DEFAULT_MAX_TERM_LENGTH,
        DEFAULT_MAX_IMAGES_PER_ENDPOINT, DEFAULT_MAX_IMAGES, DEFAULT_IMAGE_CREATIONS_PER_SECOND);

    /**
     * Limits with the defaults for the source cap, the log bytes cap and the idle time.
     *
     * @param maxTermLength           the largest term length accepted from the network.
     * @param maxImagesPerEndpoint    the most images one receive endpoint holds.
     * @param maxImages               the most images the driver holds.
     * @param imageCreationsPerSecond the most images one endpoint creates per second.
     */
    public ReceiverLimits(final int maxTermLength, final int maxImagesPerEndpoint, final int maxImages,
        final int imageCreationsPerSecond)
    {
        this(maxTermLength, maxImagesPerEndpoint, maxImages, imageCreationsPerSecond, DEFAULT_MAX_IMAGES_PER_SOURCE,
            DEFAULT_MAX_IMAGE_LOG_BYTES, DEFAULT_IMAGE_IDLE_NANOS);
    }
}
