package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameType;

/**
 * Negative acknowledgement (NAK), receiver to sender: a range of a term that never arrived.
 * Little-endian, in byte order:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Frame Length                          |   0  28
 *  +---------------+---------------+-------------------------------+
 *  |    Version    |   Flags (0)   |          Type (0x02)          |   4
 *  +---------------+---------------+-------------------------------+
 *  |                          Session Id                           |   8
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  12
 *  +---------------------------------------------------------------+
 *  |                            Term Id                            |  16  of the gap
 *  +---------------------------------------------------------------+
 *  |                          Term Offset                          |  20  where the gap starts
 *  +---------------------------------------------------------------+
 *  |                            Length                             |  24  of the gap, bytes
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class Nak
{
    /** Frame length. */
    public static final int LENGTH = 28;
    /** Offset of the session id (int). */
    public static final int SESSION_ID_OFFSET = 8;
    /** Offset of the stream id (int). */
    public static final int STREAM_ID_OFFSET = 12;
    /** Offset of the term id (int). */
    public static final int TERM_ID_OFFSET = 16;
    /** Offset of the term offset (int). */
    public static final int TERM_OFFSET_OFFSET = 20;
    /** Offset of the gap's length (int). */
    public static final int LENGTH_OFFSET = 24;

    private Nak()
    {
    }

    /**
     * Writes a NAK at offset 0.
     *
     * @param buffer     the buffer.
     * @param sessionId  the session.
     * @param streamId   the stream.
     * @param termId     the term of the gap.
     * @param termOffset where the gap starts.
     * @param length     the gap's length.
     */
    public static void put(
        final AtomicBuffer buffer, final int sessionId, final int streamId, final int termId, final int termOffset,
        final int length)
    {
        WireFrame.putHeader(buffer, 0, LENGTH, 0, FrameType.NAK);
        buffer.putInt(SESSION_ID_OFFSET, sessionId);
        buffer.putInt(STREAM_ID_OFFSET, streamId);
        buffer.putInt(TERM_ID_OFFSET, termId);
        buffer.putInt(TERM_OFFSET_OFFSET, termOffset);
        buffer.putInt(LENGTH_OFFSET, length);
    }
}
