package io.nanostream.archive.service;

import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The CRC32C of each data frame's payload, kept in the frame's reserved value: stamped into a block of whole frames
 * before it is written to a segment, and checked when it is read back. Padding frames carry none. Allocates nothing per
 * block. Owned by one thread (a recording's, a replay's, or a verify's).
 */
final class FrameChecksums
{
    private final CRC32C crc = new CRC32C();
    private ByteBuffer block;
    private ByteBuffer view;

    /**
     * Stamps every data frame of a block.
     *
     * @param frames a buffer holding whole frames from index 0 (any byte order; frames are little-endian).
     * @param length the block's length.
     */
    void stamp(final ByteBuffer frames, final int length)
    {
        viewOf(frames);
        int frameLength;
        for (int at = 0; at < length && (frameLength = view.clear().getInt(at)) >= FrameHeader.LENGTH; at += FrameHeader.align(frameLength))
        {
            if (isData(at))
            {
                final long checksum = checksum(at, frameLength);
                view.clear().putLong(at + FrameHeader.RESERVED_VALUE_OFFSET, checksum);
            }
        }
    }

    /**
     * Finds the first data frame of a block whose payload does not match its checksum.
     *
     * @param frames a buffer holding whole frames from index 0 (any byte order; frames are little-endian).
     * @param length the block's length.
     * @return its offset in the block, or -1 if every frame matches.
     */
    int firstMismatch(final ByteBuffer frames, final int length)
    {
        viewOf(frames);
        for (int at = 0; at < length; )
        {
            final int frameLength = view.clear().getInt(at);
            if (frameLength < FrameHeader.LENGTH || at + frameLength > length)
            {
                return at;
            }
            if (isData(at))
            {
                final long stamped = view.clear().getLong(at + FrameHeader.RESERVED_VALUE_OFFSET);
                if (stamped != checksum(at, frameLength))
                {
                    return at;
                }
            }
            at += FrameHeader.align(frameLength);
        }
        return -1;
    }

    private boolean isData(final int at)
    {
        return (view.clear().getShort(at + FrameHeader.TYPE_OFFSET) & 0xFFFF) == FrameType.DATA;
    }

    private long checksum(final int at, final int frameLength)
    {
        crc.reset();
        view.clear().limit(at + frameLength).position(at + FrameHeader.LENGTH);
        crc.update(view);
        return crc.getValue();
    }

    private void viewOf(final ByteBuffer frames)
    {
        if (block != frames)
        {
            block = frames;
            view = frames.duplicate().order(ByteOrder.LITTLE_ENDIAN); // once per buffer: limits and order change on the view only
        }
    }
}
