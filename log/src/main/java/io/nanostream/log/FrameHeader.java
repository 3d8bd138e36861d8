package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * The 32-byte little-endian header that starts every frame in a term: the same bytes a DATA or PAD
 * frame carries on the wire (Aeron's data header). Frames start at 32-byte aligned offsets; the payload
 * follows the header.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |R|                       Frame Length                          |  0  negative while being written
 *  +---------------+-+-+-+---------+-------------------------------+
 *  |    Version    |B|E|S|  Flags  |             Type              |  4  B begin, E end, S end of stream
 *  +---------------+-+-+-+---------+-------------------------------+
 *  |R|                        Term Offset                          |  8
 *  +-+-------------------------------------------------------------+
 *  |                          Session ID                           | 12
 *  +---------------------------------------------------------------+
 *  |                          Stream ID                            | 16
 *  +---------------------------------------------------------------+
 *  |                           Term ID                             | 20
 *  +---------------------------------------------------------------+
 *  |                        Reserved Value                         | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Payload                            ... 32
 * </pre>
 *
 * The first 8 bytes (length, version, flags, type) are written and read as one word; the types are in
 * {@link FrameType}.
 */
public final class FrameHeader
{
    /** Header length. */
    public static final int LENGTH = 32;
    /** Frames start at multiples of this. */
    public static final int ALIGNMENT = 32;

    /** Offset of the frame length (int; negative while the frame is being written). */
    public static final int FRAME_LENGTH_OFFSET = 0;
    /** Offset of the version (byte). */
    public static final int VERSION_OFFSET = 4;
    /** Offset of the flags (byte). */
    public static final int FLAGS_OFFSET = 5;
    /** Offset of the type (short). */
    public static final int TYPE_OFFSET = 6;
    /** Offset of the term offset (int). */
    public static final int TERM_OFFSET_OFFSET = 8;
    /** Offset of the session id (int). */
    public static final int SESSION_ID_OFFSET = 12;
    /** Offset of the stream id (int). */
    public static final int STREAM_ID_OFFSET = 16;
    /** Offset of the term id (int). */
    public static final int TERM_ID_OFFSET = 20;
    /** Offset of the reserved value (long). */
    public static final int RESERVED_VALUE_OFFSET = 24;

    /** Protocol version. */
    public static final byte CURRENT_VERSION = 0;
    /** First fragment of a message. */
    public static final byte BEGIN_FLAG = (byte)0x80;
    /** Last fragment of a message. */
    public static final byte END_FLAG = 0x40;
    /** End of stream. */
    public static final byte EOS_FLAG = 0x20;
    /** A whole message in one frame. */
    public static final byte UNFRAGMENTED = (byte)0xC0;

    /** The largest message any log carries, whatever its term length: 16 MiB. */
    public static final int MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;
    /** The largest length {@link #align} takes; a term is never longer. */
    public static final int MAX_ALIGNABLE_LENGTH = Integer.MAX_VALUE - (ALIGNMENT - 1);
    /** The largest MTU. */
    public static final int MAX_MTU = 65504;

    private FrameHeader()
    {
    }

    /**
     * Rounds a length up to the frame alignment. Lengths above {@link #MAX_ALIGNABLE_LENGTH} would overflow to a
     * negative number: a length read from a log or a datagram must be bounded (by the term or the datagram) first.
     *
     * @param length the length, from 0 to {@link #MAX_ALIGNABLE_LENGTH}.
     * @return the aligned length.
     */
    public static int align(final int length)
    {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * The largest message a log with this term length carries: {@code min(termLength / 8, 16 MiB)}.
     *
     * @param termLength the term length.
     * @return the limit in bytes.
     */
    public static int maxMessageLength(final int termLength)
    {
        return Math.min(termLength / 8, MAX_MESSAGE_LENGTH);
    }

    /**
     * Checks an MTU.
     *
     * @param mtu the MTU.
     * @throws IllegalArgumentException if not a multiple of 32 from 64 to 65504.
     */
    public static void checkMtu(final int mtu)
    {
        if (mtu < 2 * LENGTH || mtu > MAX_MTU || (mtu & (ALIGNMENT - 1)) != 0)
        {
            throw new IllegalArgumentException("mtu must be a multiple of 32 from 64 to 65504, was " + mtu +
                "; try mtu=" + Math.max(64, Math.min(MAX_MTU, align(mtu))));
        }
    }

    /**
     * Reads a frame's length with acquire semantics: positive once the frame is complete.
     *
     * @param term       the term.
     * @param termOffset the frame's offset.
     * @return the length, 0 if nothing is there yet, negative while being written.
     */
    public static int frameLengthAcquire(final AtomicBuffer term, final int termOffset)
    {
        return term.getIntAcquire(termOffset); // acquire: a positive length means header and payload are visible
    }

    /**
     * Writes a frame's length with release semantics, completing the frame.
     *
     * @param term        the term.
     * @param termOffset  the frame's offset.
     * @param frameLength the length, header included.
     */
    public static void frameLengthRelease(final AtomicBuffer term, final int termOffset, final int frameLength)
    {
        term.putIntRelease(termOffset, frameLength); // release: header and payload are visible before the length
    }

    /**
     * The frame type at an offset.
     *
     * @param term       the term.
     * @param termOffset the frame's offset.
     * @return the type.
     */
    public static int type(final AtomicBuffer term, final int termOffset)
    {
        return term.getShort(termOffset + TYPE_OFFSET) & 0xFFFF;
    }

    /**
     * Whether the frame at an offset is padding.
     *
     * @param term       the term.
     * @param termOffset the frame's offset.
     * @return true for a PAD frame.
     */
    public static boolean isPadding(final AtomicBuffer term, final int termOffset)
    {
        return type(term, termOffset) == FrameType.PAD;
    }

    /**
     * The frame length held in a header's first word (see {@link #firstWord}).
     *
     * @param firstWord the first 8 bytes of a header, read as one little-endian long.
     * @return the length: positive once the frame is complete.
     */
    public static int frameLength(final long firstWord)
    {
        return (int)firstWord;
    }

    /**
     * The frame type held in a header's first word (see {@link #firstWord}).
     *
     * @param firstWord the first 8 bytes of a header, read as one little-endian long.
     * @return the type.
     */
    public static int type(final long firstWord)
    {
        return (int)(firstWord >>> 48);
    }

    /**
     * The first 8 bytes of a header: length, version, flags and type, as one little-endian word.
     *
     * @param frameLength the length (negative while the frame is being written).
     * @param flags       the flags.
     * @param type        the type.
     * @return the word.
     */
    public static long firstWord(final int frameLength, final byte flags, final int type)
    {
        return ((long)type << 48) | ((long)(flags & 0xFF) << 40) | ((long)CURRENT_VERSION << 32) | (frameLength & 0xFFFF_FFFFL);
    }

    /**
     * Writes a header in three 8-byte stores, the first (holding the negative length) with release semantics;
     * the caller completes the frame with {@link #frameLengthRelease}.
     *
     * @param term        the term.
     * @param termOffset  the frame's offset, 8-byte aligned.
     * @param frameLength the length, header included.
     * @param flags       the flags.
     * @param type        the type.
     * @param sessionId   the session id.
     * @param streamId    the stream id.
     * @param termId      the term id.
     */
    public static void writeInProgressWords(
        final AtomicBuffer term,
        final int termOffset,
        final int frameLength,
        final byte flags,
        final int type,
        final int sessionId,
        final int streamId,
        final int termId)
    {
        term.putLongRelease(termOffset, firstWord(-frameLength, flags,
            type)); // release: claims the frame before its fields land
        term.putLong(termOffset + TERM_OFFSET_OFFSET, ((long)sessionId << 32) | (termOffset & 0xFFFF_FFFFL));
        term.putLong(termOffset + STREAM_ID_OFFSET, ((long)termId << 32) | (streamId & 0xFFFF_FFFFL));
    }

    /**
     * Writes a header whose length is negative (the frame is being written), ready for the payload.
     * The negative length is stored first, with release semantics, so a reader never mistakes a frame
     * in progress for an empty slot; the caller completes the frame with {@link #frameLengthRelease}.
     *
     * @param term        the term.
     * @param termOffset  the frame's offset.
     * @param frameLength the length, header included.
     * @param flags       the flags.
     * @param type        the type.
     * @param sessionId   the session id.
     * @param streamId    the stream id.
     * @param termId      the term id.
     */
    public static void writeInProgress(
        final AtomicBuffer term,
        final int termOffset,
        final int frameLength,
        final byte flags,
        final int type,
        final int sessionId,
        final int streamId,
        final int termId)
    {
        term.putIntRelease(termOffset, -frameLength); // release: claims the frame before the header fields land
        term.putByte(termOffset + VERSION_OFFSET, CURRENT_VERSION);
        term.putByte(termOffset + FLAGS_OFFSET, flags);
        term.putShort(termOffset + TYPE_OFFSET, (short)type);
        term.putInt(termOffset + TERM_OFFSET_OFFSET, termOffset);
        term.putInt(termOffset + SESSION_ID_OFFSET, sessionId);
        term.putInt(termOffset + STREAM_ID_OFFSET, streamId);
        term.putInt(termOffset + TERM_ID_OFFSET, termId);
    }
}
