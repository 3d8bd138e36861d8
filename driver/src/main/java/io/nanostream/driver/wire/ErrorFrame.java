package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameType;

import java.nio.charset.StandardCharsets;

/**
 * Error frame (ERR), receiver to sender: a coded reason and a short text. Little-endian, in byte order:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Frame Length                          |   0  40 + text length
 *  +---------------+---------------+-------------------------------+
 *  |    Version    |   Flags (0)   |          Type (0x04)          |   4
 *  +---------------+---------------+-------------------------------+
 *  |                          Session Id                           |   8
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  12
 *  +---------------------------------------------------------------+
 *  |                          Receiver Id                          |  16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Group Tag                           |  24  0 from this driver
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Error Code                           |  32
 *  +---------------------------------------------------------------+
 *  |                      Text Length (bytes)                      |  36  at most 1023
 *  +---------------------------------------------------------------+
 *  |                          Text (UTF-8)                        ...  40
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ErrorFrame
{
    /** Length without the text. */
    public static final int HEADER_LENGTH = 40;
    /** The longest text. */
    public static final int MAX_TEXT_LENGTH = 1023;
    /** Offset of the session id (int). */
    public static final int SESSION_ID_OFFSET = 8;
    /** Offset of the stream id (int). */
    public static final int STREAM_ID_OFFSET = 12;
    /** Offset of the receiver id (long). */
    public static final int RECEIVER_ID_OFFSET = 16;
    /** Offset of the group tag (long). */
    public static final int GROUP_TAG_OFFSET = 24;
    /** Offset of the error code (int). */
    public static final int ERROR_CODE_OFFSET = 32;
    /** Offset of the text length (int). */
    public static final int TEXT_LENGTH_OFFSET = 36;
    /** Offset of the text (UTF-8). */
    public static final int TEXT_OFFSET = 40;

    private ErrorFrame()
    {
    }

    /**
     * Writes an error frame at offset 0.
     *
     * @param buffer     the buffer (at least {@code HEADER_LENGTH + MAX_TEXT_LENGTH} bytes).
     * @param sessionId  the session.
     * @param streamId   the stream.
     * @param receiverId the receiver's id.
     * @param errorCode  the code.
     * @param text       the text, cut to {@link #MAX_TEXT_LENGTH} bytes.
     * @return the frame length.
     */
    public static int put(
        final AtomicBuffer buffer, final int sessionId, final int streamId, final long receiverId, final int errorCode,
        final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final int textLength = Math.min(bytes.length, MAX_TEXT_LENGTH);
        final int frameLength = HEADER_LENGTH + textLength;
        WireFrame.putHeader(buffer, 0, frameLength, 0, FrameType.ERR);
        buffer.putInt(SESSION_ID_OFFSET, sessionId);
        buffer.putInt(STREAM_ID_OFFSET, streamId);
        buffer.putLong(RECEIVER_ID_OFFSET, receiverId);
        buffer.putLong(GROUP_TAG_OFFSET, 0);
        buffer.putInt(ERROR_CODE_OFFSET, errorCode);
        buffer.putInt(TEXT_LENGTH_OFFSET, textLength);
        buffer.putBytes(TEXT_OFFSET, bytes, 0, textLength);
        return frameLength;
    }

    /**
     * Whether an error frame's lengths agree with each other and the datagram.
     *
     * @param buffer the datagram.
     * @param length the datagram's length.
     * @return true if the text lies inside the frame and the frame inside the datagram.
     */
    static boolean isWellFormed(final AtomicBuffer buffer, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return false;
        }
        final int frameLength = buffer.getInt(WireFrame.FRAME_LENGTH_OFFSET);
        final int textLength = buffer.getInt(TEXT_LENGTH_OFFSET);
        return frameLength >= HEADER_LENGTH && frameLength <= length && textLength >= 0 &&
            textLength <= MAX_TEXT_LENGTH && textLength <= frameLength - HEADER_LENGTH;
    }

    /**
     * The text of a well-formed error frame.
     *
     * @param buffer the datagram.
     * @return the text.
     */
    public static String text(final AtomicBuffer buffer)
    {
        final byte[] bytes = new byte[buffer.getInt(TEXT_LENGTH_OFFSET)];
        buffer.getBytes(TEXT_OFFSET, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
