package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Data and padding frames on the wire: the log's 32-byte frame header, so a frame goes from the term to
 * the socket untouched. A heartbeat is a data frame header with frame length 0.
 */
public final class DataFrame
{
    /** Offset of the term offset. */
    public static final int TERM_OFFSET_OFFSET = 8;
    /** Offset of the session id. */
    public static final int SESSION_ID_OFFSET = 12;
    /** Offset of the stream id. */
    public static final int STREAM_ID_OFFSET = 16;
    /** Offset of the term id. */
    public static final int TERM_ID_OFFSET = 20;
    /** Offset of the reserved value. */
    public static final int RESERVED_VALUE_OFFSET = 24;
    /** Flag: first fragment of a message. */
    public static final int BEGIN_FLAG = 0x80;
    /** Flag: last fragment of a message. */
    public static final int END_FLAG = 0x40;
    /** Flag: end of stream (on a heartbeat). */
    public static final int EOS_FLAG = 0x20;

    private DataFrame()
    {
    }

    /**
     * Writes a heartbeat: a data header of frame length 0 at the sender's position.
     *
     * @param buffer     the buffer.
     * @param sessionId  the session.
     * @param streamId   the stream.
     * @param termId     the term at the sender's position.
     * @param termOffset the offset at the sender's position.
     * @param endOfStream whether the publication has ended there.
     */
    public static void putHeartbeat(
        final AtomicBuffer buffer, final int sessionId, final int streamId, final int termId, final int termOffset,
        final boolean endOfStream)
    {
        WireFrame.putHeader(buffer, 0, 0, BEGIN_FLAG | END_FLAG | (endOfStream ? EOS_FLAG : 0), WireFrame.TYPE_DATA);
        buffer.putInt(TERM_OFFSET_OFFSET, termOffset);
        buffer.putInt(SESSION_ID_OFFSET, sessionId);
        buffer.putInt(STREAM_ID_OFFSET, streamId);
        buffer.putInt(TERM_ID_OFFSET, termId);
        buffer.putLong(RESERVED_VALUE_OFFSET, 0);
    }

    /**
     * Whether a checked data datagram is a heartbeat.
     *
     * @param buffer the datagram.
     * @return true for frame length 0.
     */
    public static boolean isHeartbeat(final AtomicBuffer buffer)
    {
        return buffer.getInt(WireFrame.FRAME_LENGTH_OFFSET) == 0;
    }
}
