package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameType;

/**
 * Status message (SM), receiver to sender: how far the receiver has consumed and how much more it can
 * take; flags ask for a SETUP or say the receiver is leaving. Little-endian, in byte order:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Frame Length                          |   0  36, or 44 with a group tag
 *  +---------------+-+-+-----------+-------------------------------+
 *  |    Version    |S|E|  Flags    |          Type (0x03)          |   4  S setup wanted, E end of stream
 *  +---------------+-+-+-----------+-------------------------------+
 *  |                          Session Id                           |   8
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  12
 *  +---------------------------------------------------------------+
 *  |                    Consumption Term Id                        |  16
 *  +---------------------------------------------------------------+
 *  |                   Consumption Term Offset                     |  20
 *  +---------------------------------------------------------------+
 *  |                     Receiver Window Length                    |  24
 *  +---------------------------------------------------------------+
 *  |                          Receiver Id                          |  28
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Group Tag (optional)                      |  36
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * This driver sends status messages without a group tag and ignores one it receives.
 */
public final class StatusMessage
{
    /** Frame length without the optional group tag. */
    public static final int LENGTH = 36;
    /** Frame length with the optional group tag. */
    public static final int LENGTH_WITH_GROUP_TAG = 44;
    /** Flag: the receiver wants a SETUP. */
    public static final int SETUP_FLAG = 0x80;
    /** Flag: the receiver is going away. */
    public static final int EOS_FLAG = 0x40;
    /** Offset of the session id (int). */
    public static final int SESSION_ID_OFFSET = 8;
    /** Offset of the stream id (int). */
    public static final int STREAM_ID_OFFSET = 12;
    /** Offset of the consumption term id (int). */
    public static final int TERM_ID_OFFSET = 16;
    /** Offset of the consumption term offset (int). */
    public static final int TERM_OFFSET_OFFSET = 20;
    /** Offset of the receiver window (int, bytes). */
    public static final int WINDOW_OFFSET = 24;
    /** Offset of the receiver id (long). */
    public static final int RECEIVER_ID_OFFSET = 28;
    /** Offset of the optional group tag (long), present when the frame length is {@link #LENGTH_WITH_GROUP_TAG}. */
    public static final int GROUP_TAG_OFFSET = 36;

    private StatusMessage()
    {
    }

    /**
     * Writes a status message at offset 0.
     *
     * @param buffer     the buffer.
     * @param flags      the flags.
     * @param sessionId  the session.
     * @param streamId   the stream.
     * @param termId     the consumption term id.
     * @param termOffset the consumption term offset.
     * @param window     the receiver window in bytes.
     * @param receiverId the receiver's id.
     */
    public static void put(
        final AtomicBuffer buffer, final int flags, final int sessionId, final int streamId, final int termId,
        final int termOffset, final int window, final long receiverId)
    {
        WireFrame.putHeader(buffer, 0, LENGTH, flags, FrameType.SM);
        buffer.putInt(SESSION_ID_OFFSET, sessionId);
        buffer.putInt(STREAM_ID_OFFSET, streamId);
        buffer.putInt(TERM_ID_OFFSET, termId);
        buffer.putInt(TERM_OFFSET_OFFSET, termOffset);
        buffer.putInt(WINDOW_OFFSET, window);
        buffer.putLong(RECEIVER_ID_OFFSET, receiverId);
    }
}
