package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;

import java.nio.charset.StandardCharsets;
import io.nanostream.log.FrameType;

/** Error frame (ERR), receiver to sender: a coded reason and a short text. */
public final class ErrorFrame
{
    /** Length without the text. */
    public static final int HEADER_LENGTH = 40;
    /** The longest text. */
    public static final int MAX_TEXT_LENGTH = 1023;
    /** Offset of the session id. */
    public static final int SESSION_ID_OFFSET = 8;
    /** Offset of the stream id. */
    public static final int STREAM_ID_OFFSET = 12;
    /** Offset of the receiver id. */
    public static final int RECEIVER_ID_OFFSET = 16;
    /** Offset of the group tag. */
    public static final int GROUP_TAG_OFFSET = 24;
    /** Offset of the error code. */
    public static final int ERROR_CODE_OFFSET = 32;
    /** Offset of the text length. */
    public static final int TEXT_LENGTH_OFFSET = 36;
    /** Offset of the text. */
    public static final int TEXT_OFFSET = 40;

    private ErrorFrame()
    {
    }

    /**
     * Writes an error frame at offset 0.
     *
     * @param buffer     the buffer (at least 1063 bytes).
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
        return frameLength >= HEADER_LENGTH && frameLength <= length && textLength >= 0 && textLength <= MAX_TEXT_LENGTH &&
            textLength <= frameLength - HEADER_LENGTH;
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
