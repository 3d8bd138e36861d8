package io.nanostream.client.protocol;

/**
 * Field offsets of the driver's responses (see {@link Commands} for the type ids).
 *
 * <pre>
 * error:               0 correlation id, 8 code (int), 12 message (length-prefixed UTF-8)
 * publication ready:   0 correlation id, 8 registration id, 16 session id, 20 stream id,
 *                      24 publisher limit counter id, 28 back-pressure counter id, 32 log file (string)
 * subscription ready:  0 correlation id
 * available image:     0 image correlation id, 8 subscription registration id, 16 session id, 20 stream id,
 *                      24 subscriber position counter id, 28 unused, 32 join position, 40 log file (string)
 * unavailable image:   0 image correlation id, 8 subscription registration id, 16 stream id
 * operation success:   0 correlation id
 * client timeout:      0 client id
 * </pre>
 */
public final class Responses
{
    /** Error code. */
    public static final int ERROR_CODE = 8;
    /** Error message. */
    public static final int ERROR_MESSAGE = 12;
    /** Registration id of a ready publication. */
    public static final int PUBLICATION_REGISTRATION_ID = 8;
    /** Session id of a ready publication. */
    public static final int PUBLICATION_SESSION_ID = 16;
    /** Stream id of a ready publication. */
    public static final int PUBLICATION_STREAM_ID = 20;
    /** Publisher limit counter of a ready publication. */
    public static final int PUBLICATION_LIMIT_COUNTER_ID = 24;
    /** Back-pressure counter of a ready publication. */
    public static final int PUBLICATION_BACK_PRESSURE_COUNTER_ID = 28;
    /** Log file of a ready publication. */
    public static final int PUBLICATION_LOG_FILE = 32;
    /** Subscription of an image. */
    public static final int IMAGE_SUBSCRIPTION_ID = 8;
    /** Session id of an image. */
    public static final int IMAGE_SESSION_ID = 16;
    /** Stream id of an image. */
    public static final int IMAGE_STREAM_ID = 20;
    /** Subscriber position counter of an image. */
    public static final int IMAGE_POSITION_COUNTER_ID = 24;
    /** Join position of an image. */
    public static final int IMAGE_JOIN_POSITION = 32;
    /** Log file of an image. */
    public static final int IMAGE_LOG_FILE = 40;
    /** Stream id in an unavailable-image response. */
    public static final int UNAVAILABLE_IMAGE_STREAM_ID = 16;

    private Responses()
    {
    }
}
