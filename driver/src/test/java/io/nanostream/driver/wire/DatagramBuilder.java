package io.nanostream.driver.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;

/** Builds datagrams for tests: well-formed ones, and fuzzed ones that are mostly well-formed. */
public final class DatagramBuilder
{
    private static final int[] TYPES = {
        FrameType.PAD, FrameType.DATA, FrameType.NAK, FrameType.SM, FrameType.ERR, FrameType.SETUP,
        FrameType.RTTM, FrameType.RSP_SETUP, 0x7, 0xFFFF};

    private DatagramBuilder()
    {
    }

    /** Writes one data frame with a payload of one repeated byte; returns the datagram length. */
    public static int data(
        final AtomicBuffer buffer, final int offset, final int sessionId, final int streamId, final int termId,
        final int termOffset, final int payloadLength, final byte fill)
    {
        final int frameLength = WireFrame.DATA_HEADER_LENGTH + payloadLength;
        WireFrame.putHeader(buffer, offset, frameLength, (FrameHeader.UNFRAGMENTED & 0xFF), FrameType.DATA);
        buffer.putInt(offset + FrameHeader.TERM_OFFSET_OFFSET, termOffset);
        buffer.putInt(offset + FrameHeader.SESSION_ID_OFFSET, sessionId);
        buffer.putInt(offset + FrameHeader.STREAM_ID_OFFSET, streamId);
        buffer.putInt(offset + FrameHeader.TERM_ID_OFFSET, termId);
        buffer.putLong(offset + FrameHeader.RESERVED_VALUE_OFFSET, 0);
        buffer.setMemory(offset + WireFrame.DATA_HEADER_LENGTH, payloadLength, fill);
        return frameLength;
    }

    /**
     * Writes a datagram from fuzz input: raw bytes, or a frame of a chosen type whose fields are near
     * the values a real peer would send or anywhere in the int range (term ids, term offsets, lengths,
     * SETUP fields), with lies about lengths now and then.
     *
     * @return the datagram length.
     */
    public static int fuzzed(
        final AtomicBuffer buffer, final FuzzedDataProvider data, final int knownSessionId, final int knownStreamId,
        final int initialTermId)
    {
        final int capacity = 4096;
        if (data.consumeBoolean())
        {
            final byte[] raw = data.consumeBytes(data.consumeInt(0, capacity));
            buffer.putBytes(0, raw, 0, raw.length);
            return raw.length;
        }
        final int type = data.pickValue(TYPES);
        final int sessionId = data.consumeBoolean() ? knownSessionId : data.consumeInt();
        final int streamId = data.consumeBoolean() ? knownStreamId : data.consumeInt();
        final int termId = data.consumeBoolean() ? initialTermId + data.consumeInt(-2, 4) : data.consumeInt();
        final int termOffset = data.consumeBoolean() ? data.consumeInt(0, 2100) * 32 : data.consumeInt();
        int length;
        if (type == FrameType.DATA || type == FrameType.PAD)
        {
            final int frames = data.consumeInt(1, 4);
            length = 0;
            for (int i = 0; i < frames && length < capacity - 512; i++)
            {
                final int payload = data.consumeInt(0, 400);
                final int frameLength = switch (data.consumeInt(0, 9))
                {
                    case 0 -> data.consumeInt();
                    case 1 -> Integer.MAX_VALUE - data.consumeInt(0, 64); // lengths that overflow when aligned
                    default -> WireFrame.DATA_HEADER_LENGTH + payload;
                };
                data(buffer, length, sessionId, streamId, termId, termOffset + length, payload, data.consumeByte());
                buffer.putInt(length, frameLength);
                buffer.putShort(length + WireFrame.TYPE_OFFSET, (short)(i == frames - 1 ? type : FrameType.DATA));
                buffer.putByte(length + WireFrame.FLAGS_OFFSET, data.consumeByte());
                length += (WireFrame.DATA_HEADER_LENGTH + payload + 31) & ~31;
            }
            if (data.consumeBoolean())
            {
                length = Math.max(0, length - data.consumeInt(0, 64));
            }
        }
        else
        {
            length = switch (type)
            {
                case FrameType.SETUP -> Setup.LENGTH;
                case FrameType.SM -> StatusMessage.LENGTH;
                case FrameType.NAK -> Nak.LENGTH;
                case FrameType.RTTM -> RttMeasurement.LENGTH;
                default -> ErrorFrame.HEADER_LENGTH + data.consumeInt(0, 64);
            };
            for (int i = 0; i < length; i += 4)
            {
                buffer.putInt(i, data.consumeInt());
            }
            WireFrame.putHeader(buffer, 0, data.consumeInt(0, 9) == 0 ? data.consumeInt() : length, data.consumeByte(),
                type);
            if (type == FrameType.SETUP)
            {
                Setup.put(buffer, termOffset, sessionId, streamId, data.consumeBoolean() ?
                    initialTermId : data.consumeInt(), termId, data.consumeBoolean() ? 1 << data.consumeInt(14,
                    31) : data.consumeInt(), data.consumeBoolean() ? data.consumeInt(0, 3000) & ~31 : data.consumeInt(),
                    data.consumeInt());
            }
            length = Math.max(0, length + (data.consumeInt(0, 9) == 0 ? data.consumeInt(-40, 40) : 0));
        }
        if (data.consumeInt(0, 19) == 0)
        {
            buffer.putByte(WireFrame.VERSION_OFFSET, data.consumeByte());
        }
        return Math.min(length, capacity);
    }
}
