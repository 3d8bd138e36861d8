package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameType;

/** Round-trip-time measurement (RTTM): a request echoed back with the REPLY flag. */
public final class RttMeasurement
{
    /** Frame length. */
    public static final int LENGTH = 40;
    /** Flag: this is the reply. */
    public static final int REPLY_FLAG = 0x80;
    /** Offset of the session id. */
    public static final int SESSION_ID_OFFSET = 8;
    /** Offset of the stream id. */
    public static final int STREAM_ID_OFFSET = 12;
    /** Offset of the echo timestamp (ns). */
    public static final int ECHO_TIMESTAMP_OFFSET = 16;
    /** Offset of the reception delta (ns). */
    public static final int RECEPTION_DELTA_OFFSET = 24;
    /** Offset of the receiver id. */
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
