package io.nanostream.client.protocol;

/**
 * Field offsets of the driver's responses, little-endian (the type ids and error codes are here; see {@link Commands}
 * for the string encoding: an int byte count, then UTF-8 bytes). Each response is the payload of one broadcast
 * record; its length is the record's.
 *
 * <p>Subscription ready and operation success carry only the correlation id of the command they answer;
 * a client timeout carries only the client id:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Correlation Id (or Client Id)                 |   0
 *  |                                                               |
 *  +---------------------------------------------------------------+   8
 * </pre>
 *
 * Error:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Correlation Id                         |   0  of the failed command
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Error Code                           |   8  ERROR_*
 *  +---------------------------------------------------------------+
 *  |                     Message Length (bytes)                    |  12
 *  +---------------------------------------------------------------+
 *  |                        Message (UTF-8)                       ...  16
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Publication ready:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Correlation Id                         |   0  of the add command
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Registration Id                        |   8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Session Id                           |  16
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  20
 *  +---------------------------------------------------------------+
 *  |                  Publisher Limit Counter Id                   |  24
 *  +---------------------------------------------------------------+
 *  |                   Back-Pressure Counter Id                    |  28
 *  +---------------------------------------------------------------+
 *  |                    Log File Length (bytes)                    |  32
 *  +---------------------------------------------------------------+
 *  |                     Log File Path (UTF-8)                    ...  36
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Available image:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Image Correlation Id                      |   0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                Subscription Registration Id                   |   8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Session Id                           |  16
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  20
 *  +---------------------------------------------------------------+
 *  |                Subscriber Position Counter Id                 |  24
 *  +---------------------------------------------------------------+
 *  |                            Unused                             |  28
 *  +---------------------------------------------------------------+
 *  |                         Join Position                         |  32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Log File Length (bytes)                    |  40
 *  +---------------------------------------------------------------+
 *  |                     Log File Path (UTF-8)                    ...  44
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Unavailable image:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Image Correlation Id                      |   0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                Subscription Registration Id                   |   8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  16
 *  +---------------------------------------------------------------+
 *  |                            Unused                             |  20
 *  +---------------------------------------------------------------+  24
 * </pre>
 */
public final class Responses
{
    // The response type ids, in the broadcast record's type field, and the error codes of ON_ERROR.

    /** A command failed: correlation id, error code, message. */
    public static final int ON_ERROR = 101;
    /** A publication is ready. */
    public static final int ON_PUBLICATION_READY = 102;
    /** A subscription is ready. */
    public static final int ON_SUBSCRIPTION_READY = 103;
    /** An image joined a subscription. */
    public static final int ON_AVAILABLE_IMAGE = 104;
    /** An image left a subscription. */
    public static final int ON_UNAVAILABLE_IMAGE = 105;
    /** A command succeeded. */
    public static final int ON_OPERATION_SUCCESS = 106;
    /** The driver timed a client out. */
    public static final int ON_CLIENT_TIMEOUT = 107;
    /** The driver is stopping cleanly: every client is done with it. */
    public static final int ON_DRIVER_STOPPED = 108;

    /** Error code: the channel URI is malformed or asks for something unsupported. */
    public static final int ERROR_INVALID_CHANNEL = 1;
    /** Error code: the registration id is unknown. */
    public static final int ERROR_UNKNOWN = 2;
    /** Error code: the parameters clash with an existing publication. */
    public static final int ERROR_CLASH = 3;
    /** Error code: the driver could not do it (out of counters, disk...). */
    public static final int ERROR_GENERIC = 4;

    /** Offset of the correlation id (the image's, for image responses) in every response but client timeout. */
    public static final int CORRELATION_ID = 0;
    /** Offset of the client id in a client-timeout response. */
    public static final int CLIENT_TIMEOUT_CLIENT_ID = 0;
    /** Length of a response that carries only an id: subscription ready, operation success, client timeout. */
    public static final int ID_ONLY_LENGTH = 8;
    /** Error code. */
    public static final int ERROR_CODE = 8;
    /** Error message (length-prefixed string). */
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
    /** Log file of a ready publication (length-prefixed string). */
    public static final int PUBLICATION_LOG_FILE = 32;
    /** Subscription of an image (available and unavailable). */
    public static final int IMAGE_SUBSCRIPTION_ID = 8;
    /** Session id of an image. */
    public static final int IMAGE_SESSION_ID = 16;
    /** Stream id of an image. */
    public static final int IMAGE_STREAM_ID = 20;
    /** Subscriber position counter of an image. */
    public static final int IMAGE_POSITION_COUNTER_ID = 24;
    /** Join position of an image. */
    public static final int IMAGE_JOIN_POSITION = 32;
    /** Log file of an image (length-prefixed string). */
    public static final int IMAGE_LOG_FILE = 40;
    /** Stream id in an unavailable-image response. */
    public static final int UNAVAILABLE_IMAGE_STREAM_ID = 16;
    /** Length of an unavailable-image response. */
    public static final int UNAVAILABLE_IMAGE_LENGTH = 24;

    private Responses()
    {
    }
}
