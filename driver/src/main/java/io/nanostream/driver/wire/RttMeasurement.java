package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameType;

/**
 * Round-trip-time measurement (RTTM): a request echoed back with the REPLY flag. Little-endian, in byte
 * order:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Frame Length                          |   0  40
 *  +---------------+-+-------------+-------------------------------+
 *  |    Version    |R|    Flags    |          Type (0x06)          |   4  R reply
 *  +---------------+-+-------------+-------------------------------+
 *  |                          Session Id                           |   8
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  12
 *  +---------------------------------------------------------------+
 *  |                      Echo Timestamp (ns)                      |  16  the requester's, sent back as is
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Reception Delta (ns)                     |  24  request received to reply sent
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Receiver Id                          |  32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class RttMeasurement
{
    /** Frame length. */
    public static final int LENGTH = 40;
    /** Flag: this is the reply. */
    public static final int REPLY_FLAG = 0x80;
    /** Offset of the session id (int). */
    public static final int SESSION_ID_OFFSET = 8;
    /** Offset of the stream id (int). */
    public static final int STREAM_ID_OFFSET = 12;
    /** Offset of the echo timestamp (long, ns). */
    public static final int ECHO_TIMESTAMP_OFFSET = 16;
    /** Offset of the reception delta (long, ns). */
    public static final int RECEPTION_DELTA_OFFSET = 24;
    /** Offset of the receiver id (long). */
    public static final int RECEIVER_ID_OFFSET = 32;

    private RttMeasurement()
    {
    }

    /**
     * Writes an RTTM at offset 0.
     *
     * @param buffer         the buffer.
     * @param flags          0 for a request, {@link #REPLY_FLAG} for a reply.
     * @param sessionId      the session.
     * @param streamId       the stream.
     * @param echoTimestamp  the requester's timestamp.
     * @param receptionDelta time between receiving the request and replying.
     * @param receiverId     the receiver's id.
     */
    public static void put(
        final AtomicBuffer buffer, final int flags, final int sessionId, final int streamId, final long echoTimestamp,
        final long receptionDelta, final long receiverId)
    {
        WireFrame.putHeader(buffer, 0, LENGTH, flags, FrameType.RTTM);
        buffer.putInt(SESSION_ID_OFFSET, sessionId);
        buffer.putInt(STREAM_ID_OFFSET, streamId);
        buffer.putLong(ECHO_TIMESTAMP_OFFSET, echoTimestamp);
        buffer.putLong(RECEPTION_DELTA_OFFSET, receptionDelta);
        buffer.putLong(RECEIVER_ID_OFFSET, receiverId);
    }
}
