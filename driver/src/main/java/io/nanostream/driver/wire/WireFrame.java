package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import io.nanostream.log.LogLayout;

/**
 * The 8-byte header every frame of Aeron's transport protocol starts with, the lengths shared by the
 * frames, and {@link #check}, which decides whether a datagram is well formed before anything else reads
 * it. Fields are little-endian and drawn in byte order:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Frame Length                          |  0  bytes, this header included
 *  +---------------+---------------+-------------------------------+
 *  |    Version    |     Flags     |             Type              |  4  io.nanostream.log.FrameType
 *  +---------------+---------------+-------------------------------+
 *  |                    Fields of the frame type                  ...  8
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The frames and their codecs: DATA and PAD ({@link FrameHeader}, 32 bytes and payload; a heartbeat is a
 * DATA header of length 0), SM ({@link StatusMessage}), NAK ({@link Nak}), SETUP ({@link Setup}), RTTM
 * ({@link RttMeasurement}) and ERR ({@link ErrorFrame}). This header is the first 8 bytes of
 * {@link FrameHeader}, so its offsets are FrameHeader's.
 */
public final class WireFrame
{
    /** The protocol version spoken. */
    public static final int CURRENT_VERSION = FrameHeader.CURRENT_VERSION;
    /** Offset of the frame length (int). */
    public static final int FRAME_LENGTH_OFFSET = FrameHeader.FRAME_LENGTH_OFFSET;
    /** Offset of the version (byte). */
    public static final int VERSION_OFFSET = FrameHeader.VERSION_OFFSET;
    /** Offset of the flags (byte). */
    public static final int FLAGS_OFFSET = FrameHeader.FLAGS_OFFSET;
    /** Offset of the type (short). */
    public static final int TYPE_OFFSET = FrameHeader.TYPE_OFFSET;
    /** Length of the common header. */
    public static final int HEADER_LENGTH = 8;
    /** Length of a data or padding frame header. */
    public static final int DATA_HEADER_LENGTH = FrameHeader.LENGTH;
    /** Alignment of data frames within a datagram and a term. */
    public static final int FRAME_ALIGNMENT = FrameHeader.ALIGNMENT;

    /** {@link #check}: shorter than a common header. */
    public static final int REJECT_TRUNCATED = -1;
    /** {@link #check}: a version other than {@link #CURRENT_VERSION}. */
    public static final int REJECT_VERSION = -2;
    /** {@link #check}: a type this driver does not know. */
    public static final int REJECT_UNKNOWN_TYPE = -3;
    /** {@link #check}: a frame length that disagrees with the datagram or the type. */
    public static final int REJECT_LENGTH = -4;
    /** {@link #check}: a data frame whose term offset is not 32-byte aligned or is negative. */
    public static final int REJECT_OFFSET = -5;

    private WireFrame()
    {
    }

    /**
     * Checks a datagram: the common header, the minimum length of its type, and for data every frame
     * in it (aligned, inside the datagram, same session, stream and term, consecutive offsets).
     *
     * @param buffer the datagram.
     * @param length the datagram's length.
     * @return the frame type, or one of the negative {@code REJECT_*} reasons.
     */
    public static int check(final AtomicBuffer buffer, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return REJECT_TRUNCATED;
        }
        if (buffer.getByte(VERSION_OFFSET) != CURRENT_VERSION)
        {
            return REJECT_VERSION;
        }
        final int type = buffer.getShort(TYPE_OFFSET) & 0xFFFF;
        final int frameLength = buffer.getInt(FRAME_LENGTH_OFFSET);
        return switch (type)
        {
            case FrameType.DATA, FrameType.PAD -> checkData(buffer, length);
            case FrameType.SM -> frameLength >= StatusMessage.LENGTH && frameLength <= length ? type : REJECT_LENGTH;
            case FrameType.NAK -> frameLength >= Nak.LENGTH && frameLength <= length ? type : REJECT_LENGTH;
            case FrameType.SETUP -> frameLength >= Setup.LENGTH && frameLength <= length ? type : REJECT_LENGTH;
            case FrameType.RTTM -> frameLength >= RttMeasurement.LENGTH && frameLength <= length ? type : REJECT_LENGTH;
            case FrameType.ERR -> ErrorFrame.isWellFormed(buffer, length) ? type : REJECT_LENGTH;
            case FrameType.RSP_SETUP -> frameLength >= HEADER_LENGTH && frameLength <= length ? type : REJECT_LENGTH;
            default -> REJECT_UNKNOWN_TYPE;
        };
    }

    private static int checkData(final AtomicBuffer buffer, final int length)
    {
        if (length < DATA_HEADER_LENGTH)
        {
            return REJECT_LENGTH;
        }
        final int firstOffset = buffer.getInt(FrameHeader.TERM_OFFSET_OFFSET);
        if (firstOffset < 0 || firstOffset >= LogLayout.TERM_MAX_LENGTH || (firstOffset & (FRAME_ALIGNMENT - 1)) != 0)
        {
            return REJECT_OFFSET;
        }
        final int firstLength = buffer.getInt(FRAME_LENGTH_OFFSET);
        if (firstLength == 0 && buffer.getShort(TYPE_OFFSET) == FrameType.DATA)
        {
            return length == DATA_HEADER_LENGTH ? FrameType.DATA : REJECT_LENGTH; // a heartbeat stands alone
        }
        final int sessionId = buffer.getInt(FrameHeader.SESSION_ID_OFFSET);
        final int streamId = buffer.getInt(FrameHeader.STREAM_ID_OFFSET);
        final int termId = buffer.getInt(FrameHeader.TERM_ID_OFFSET);
        int offset = 0;
        while (offset < length)
        {
            if (length - offset < DATA_HEADER_LENGTH)
            {
                return REJECT_LENGTH;
            }
            final int frameLength = buffer.getInt(offset + FRAME_LENGTH_OFFSET);
            final int frameType = buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
            final boolean isPad = frameType == FrameType.PAD;
            if (frameLength < DATA_HEADER_LENGTH || (frameType != FrameType.DATA && !isPad) ||
                buffer.getByte(offset + VERSION_OFFSET) != CURRENT_VERSION ||
                buffer.getInt(offset + FrameHeader.TERM_OFFSET_OFFSET) != firstOffset + offset ||
                buffer.getInt(offset + FrameHeader.SESSION_ID_OFFSET) != sessionId ||
                buffer.getInt(offset + FrameHeader.STREAM_ID_OFFSET) != streamId ||
                buffer.getInt(offset + FrameHeader.TERM_ID_OFFSET) != termId)
            {
                return REJECT_LENGTH;
            }
            if (isPad)
            {
                // a padding frame travels as its header alone: its length covers the rest of the term, which no term
                // is longer than (bounded here, so that no one aligns a length near 2^31)
                final boolean fits = frameLength <= LogLayout.TERM_MAX_LENGTH - (firstOffset + offset);
                return fits && offset + DATA_HEADER_LENGTH == length ?
                    buffer.getShort(TYPE_OFFSET) & 0xFFFF : REJECT_LENGTH;
            }
            if (frameLength > length - offset)
            {
                return REJECT_LENGTH; // bounded by the datagram before it is aligned
            }
            final int aligned = FrameHeader.align(frameLength);
            if (aligned > length - offset && offset + frameLength != length)
            {
                return REJECT_LENGTH;
            }
            offset += Math.min(aligned, length - offset);
        }
        return buffer.getShort(TYPE_OFFSET) & 0xFFFF;
    }

    /**
     * Writes a common header.
     *
     * @param buffer      the buffer.
     * @param offset      where the frame starts.
     * @param frameLength the frame length.
     * @param flags       the flags.
     * @param type        the type.
     */
    public static void putHeader(final AtomicBuffer buffer, final int offset, final int frameLength, final int flags,
        final int type)
    {
        buffer.putInt(offset + FRAME_LENGTH_OFFSET, frameLength);
        buffer.putByte(offset + VERSION_OFFSET, (byte)CURRENT_VERSION);
        buffer.putByte(offset + FLAGS_OFFSET, (byte)flags);
        buffer.putShort(offset + TYPE_OFFSET, (short)type);
    }

    /**
     * Writes a heartbeat: a data header of length 0 at the sender's position, with end of stream flagged
     * once the stream has ended.
     *
     * @param buffer      the buffer, written from offset 0.
     * @param sessionId   the session id.
     * @param streamId    the stream id.
     * @param termId      the term id.
     * @param termOffset  the term offset.
     * @param endOfStream whether the stream has ended.
     */
    public static void putHeartbeat(
        final AtomicBuffer buffer, final int sessionId, final int streamId, final int termId, final int termOffset,
        final boolean endOfStream)
    {
        putHeader(buffer, 0, 0, (FrameHeader.UNFRAGMENTED & 0xFF) | (endOfStream ? FrameHeader.EOS_FLAG : 0),
            FrameType.DATA);
        buffer.putInt(FrameHeader.TERM_OFFSET_OFFSET, termOffset);
        buffer.putInt(FrameHeader.SESSION_ID_OFFSET, sessionId);
        buffer.putInt(FrameHeader.STREAM_ID_OFFSET, streamId);
        buffer.putInt(FrameHeader.TERM_ID_OFFSET, termId);
        buffer.putLong(FrameHeader.RESERVED_VALUE_OFFSET, 0);
    }

    /**
     * Whether a checked data datagram is a heartbeat (a data header of length 0).
     *
     * @param buffer the datagram.
     * @return true for a heartbeat.
     */
    public static boolean isHeartbeat(final AtomicBuffer buffer)
    {
        return buffer.getInt(FRAME_LENGTH_OFFSET) == 0;
    }

    /**
     * The type of the frame at an offset.
     *
     * @param buffer the buffer.
     * @param offset the frame's offset.
     * @return the type, 0 to 65535.
     */
    public static int type(final AtomicBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
    }

    /**
     * The flags of the frame at an offset.
     *
     * @param buffer the buffer.
     * @param offset the frame's offset.
     * @return the flags, 0 to 255.
     */
    public static int flags(final AtomicBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    /**
     * A name for a {@code REJECT_*} reason, for counters and logs.
     *
     * @param reason the reason.
     * @return its name.
     */
    public static String rejectName(final int reason)
    {
        return switch (reason)
        {
            case REJECT_TRUNCATED -> "truncated";
            case REJECT_VERSION -> "wrong version";
            case REJECT_UNKNOWN_TYPE -> "unknown type";
            case REJECT_LENGTH -> "bad length";
            case REJECT_OFFSET -> "bad term offset";
            default -> "reason " + reason;
        };
    }

    /**
     * The part of the term a checked data datagram fills: its frames, aligned, and for a padding frame (which
     * travels as its header alone, last in a datagram, as Aeron sends it) the rest of the term it covers.
     *
     * @param datagram a data datagram that passed {@link #check}.
     * @param length   its length.
     * @return bytes of the term, or -1 if a frame length is out of bounds.
     */
    public static int termSpan(final AtomicBuffer datagram, final int length)
    {
        int offset = 0;
        while (offset < length)
        {
            final int frameLength = datagram.getInt(offset + WireFrame.FRAME_LENGTH_OFFSET);
            if (frameLength < FrameHeader.LENGTH || frameLength > LogLayout.TERM_MAX_LENGTH)
            {
                return -1; // a padding length the check let through is bounded here, before aligning could overflow
            }
            final int aligned = FrameHeader.align(frameLength);
            if (WireFrame.type(datagram, offset) == FrameType.PAD)
            {
                return offset + aligned;
            }
            offset += aligned;
        }
        return FrameHeader.align(length);
    }
}
