package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import io.nanostream.log.LogLayout;

/**
 * SETUP, sender to receiver: what a receiver needs to build an image of the publication's log.
 * Little-endian, in byte order:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Frame Length                          |   0  40
 *  +---------------+---------------+-------------------------------+
 *  |    Version    |   Flags (0)   |          Type (0x05)          |   4
 *  +---------------+---------------+-------------------------------+
 *  |                          Term Offset                          |   8  the sender's, in the active term
 *  +---------------------------------------------------------------+
 *  |                          Session Id                           |  12
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  16
 *  +---------------------------------------------------------------+
 *  |                        Initial Term Id                        |  20
 *  +---------------------------------------------------------------+
 *  |                        Active Term Id                         |  24
 *  +---------------------------------------------------------------+
 *  |                          Term Length                          |  28
 *  +---------------------------------------------------------------+
 *  |                              MTU                              |  32
 *  +---------------------------------------------------------------+
 *  |                          Multicast TTL                        |  36  0 for the default
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class Setup
{
    /** Frame length. */
    public static final int LENGTH = 40;
    /** Offset of the active term offset (int). */
    public static final int TERM_OFFSET_OFFSET = 8;
    /** Offset of the session id (int). */
    public static final int SESSION_ID_OFFSET = 12;
    /** Offset of the stream id (int). */
    public static final int STREAM_ID_OFFSET = 16;
    /** Offset of the initial term id (int). */
    public static final int INITIAL_TERM_ID_OFFSET = 20;
    /** Offset of the active term id (int). */
    public static final int ACTIVE_TERM_ID_OFFSET = 24;
    /** Offset of the term length (int). */
    public static final int TERM_LENGTH_OFFSET = 28;
    /** Offset of the MTU (int). */
    public static final int MTU_OFFSET = 32;
    /** Offset of the multicast TTL (int). */
    public static final int TTL_OFFSET = 36;

    private Setup()
    {
    }

    /**
     * Writes a SETUP at offset 0.
     *
     * @param buffer        the buffer.
     * @param termOffset    the sender's term offset.
     * @param sessionId     the session.
     * @param streamId      the stream.
     * @param initialTermId the initial term id.
     * @param activeTermId  the sender's term id.
     * @param termLength    the term length.
     * @param mtu           the MTU.
     * @param ttl           the multicast TTL, 0 for the default.
     */
    public static void put(
        final AtomicBuffer buffer, final int termOffset, final int sessionId, final int streamId,
        final int initialTermId, final int activeTermId, final int termLength, final int mtu, final int ttl)
    {
        WireFrame.putHeader(buffer, 0, LENGTH, 0, FrameType.SETUP);
        buffer.putInt(TERM_OFFSET_OFFSET, termOffset);
        buffer.putInt(SESSION_ID_OFFSET, sessionId);
        buffer.putInt(STREAM_ID_OFFSET, streamId);
        buffer.putInt(INITIAL_TERM_ID_OFFSET, initialTermId);
        buffer.putInt(ACTIVE_TERM_ID_OFFSET, activeTermId);
        buffer.putInt(TERM_LENGTH_OFFSET, termLength);
        buffer.putInt(MTU_OFFSET, mtu);
        buffer.putInt(TTL_OFFSET, ttl);
    }

    /**
     * Why a SETUP cannot be used to build an image, or null if it can: the term length must be a power
     * of two in range, the MTU a multiple of 32 that fits a term, the offset aligned and inside a term, the active term
     * not before the initial one (as an int difference, so that term ids may wrap).
     *
     * @param buffer a checked SETUP datagram.
     * @return the problem, or null.
     */
    public static String problem(final AtomicBuffer buffer)
    {
        final int termLength = buffer.getInt(TERM_LENGTH_OFFSET);
        final int mtu = buffer.getInt(MTU_OFFSET);
        final int termOffset = buffer.getInt(TERM_OFFSET_OFFSET);
        if (termLength < LogLayout.TERM_MIN_LENGTH || termLength > LogLayout.TERM_MAX_LENGTH ||
            Integer.bitCount(termLength) != 1)
        {
            return "term length " + termLength + " is not a power of two from 64 KiB to 1 GiB";
        }
        if (mtu < WireFrame.DATA_HEADER_LENGTH * 2 || mtu > FrameHeader.MAX_MTU ||
            (mtu & (WireFrame.FRAME_ALIGNMENT - 1)) != 0 || mtu > termLength)
        {
            return "MTU " + mtu + " is not a multiple of 32 from 64 to 65504";
        }
        if (termOffset < 0 || termOffset > termLength || (termOffset & (WireFrame.FRAME_ALIGNMENT - 1)) != 0)
        {
            return "term offset " + termOffset + " is not an aligned offset inside the term";
        }
        if (buffer.getInt(ACTIVE_TERM_ID_OFFSET) - buffer.getInt(INITIAL_TERM_ID_OFFSET) < 0)
        {
            return "active term id is before the initial term id: no sender's position is negative";
        }
        return null;
    }
}
