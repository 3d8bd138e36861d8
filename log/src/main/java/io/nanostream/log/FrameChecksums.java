package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The CRC32C of each data frame's payload, kept in the frame's reserved value: the archive stamps it into a block of
 * whole frames before writing it to a segment and checks it when reading the block back; a UDP publication on a
 * {@code crc=crc32c} channel stamps each datagram before sending it, and the receiver checks it before the frames reach
 * the image. Padding frames and heartbeats carry none. Allocates nothing per block once it has seen the (up to four)
 * buffers it is given. Owned by one thread.
 */
public final class FrameChecksums
{
    private static final int VIEWS = 4;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer[] blocks = new ByteBuffer[VIEWS];
    private final ByteBuffer[] views = new ByteBuffer[VIEWS];
    private int nextView;
    private byte[] payload = new byte[0];

    /** Creates the checksummer for one thread. */
    public FrameChecksums()
    {
    }

    /**
     * Stamps every data frame of a block that starts at index 0.
     *
     * @param frames a buffer holding whole frames (any byte order; frames are little-endian).
     * @param length the block's length.
     */
    public void stamp(final ByteBuffer frames, final int length)
    {
        stamp(frames, 0, length);
    }

    /**
     * Stamps every data frame of a block of whole frames. The block may end with a padding frame's header alone, as a
     * datagram does.
     *
     * @param frames a buffer holding the block (any byte order; frames are little-endian); its position and limit stay.
     * @param offset where the block starts.
     * @param length the block's length.
     */
    public void stamp(final ByteBuffer frames, final int offset, final int length)
    {
        final ByteBuffer view = viewOf(frames);
        final int end = offset + length;
        int frameLength;
        for (int at = offset; at + FrameHeader.LENGTH <= end &&
            (frameLength = view.clear().getInt(at)) >= FrameHeader.LENGTH && at +
            frameLength <= end; at += FrameHeader.align(frameLength))
        {
            if (isData(view, at))
            {
                view.clear().putLong(at + FrameHeader.RESERVED_VALUE_OFFSET, checksum(view, at, frameLength));
            }
        }
    }

    /**
     * Finds the first data frame of a block (from index 0) whose payload does not match its checksum.
     *
     * @param frames a buffer holding whole frames (any byte order; frames are little-endian).
     * @param length the block's length.
     * @return its offset in the block, or -1 if every frame matches.
     */
    public int firstMismatch(final ByteBuffer frames, final int length)
    {
        final ByteBuffer view = viewOf(frames);
        for (int at = 0; at < length; )
        {
            final int frameLength = view.clear().getInt(at);
            if (frameLength < FrameHeader.LENGTH || at + frameLength > length)
            {
                return at;
            }
            if (isData(view, at) && view.clear().getLong(at + FrameHeader.RESERVED_VALUE_OFFSET) != checksum(view, at,
                frameLength))
            {
                return at;
            }
            at += FrameHeader.align(frameLength);
        }
        return -1;
    }

    /**
     * Finds the first data frame of a datagram whose payload does not match its checksum. A heartbeat, or a padding
     * frame's header, ends the check: they carry no payload.
     *
     * @param datagram the datagram, from offset 0.
     * @param length   its length.
     * @return the offset of the first frame that fails (or is cut short), or -1 if every data frame matches.
     */
    public int firstMismatch(final AtomicBuffer datagram, final int length)
    {
        for (int at = 0; at + FrameHeader.LENGTH <= length; )
        {
            final int frameLength = datagram.getInt(at);
            if ((datagram.getShort(at + FrameHeader.TYPE_OFFSET) & 0xFFFF) != FrameType.DATA || frameLength == 0)
            {
                return -1;
            }
            if (frameLength < FrameHeader.LENGTH || frameLength > length - at)
            {
                return at;
            }
            final int payloadLength = frameLength - FrameHeader.LENGTH;
            if (payload.length < payloadLength)
            {
                payload = new byte[Math.max(payloadLength, 2048)]; // grows to the largest datagram once
            }
            datagram.getBytes(at + FrameHeader.LENGTH, payload, 0, payloadLength);
            crc.reset();
            crc.update(payload, 0, payloadLength);
            if (datagram.getLong(at + FrameHeader.RESERVED_VALUE_OFFSET) != crc.getValue())
            {
                return at;
            }
            at += FrameHeader.align(frameLength);
        }
        return -1;
    }

    private static boolean isData(final ByteBuffer view, final int at)
    {
        return (view.clear().getShort(at + FrameHeader.TYPE_OFFSET) & 0xFFFF) == FrameType.DATA;
    }

    private long checksum(final ByteBuffer view, final int at, final int frameLength)
    {
        crc.reset();
        view.clear().limit(at + frameLength).position(at + FrameHeader.LENGTH);
        crc.update(view);
        return crc.getValue();
    }

    /**
     * A little-endian view of a buffer, made once per buffer (for the last four): limits and
     * order change on the view only.
     */
    private ByteBuffer viewOf(final ByteBuffer frames)
    {
        for (int i = 0; i < VIEWS; i++)
        {
            if (blocks[i] == frames)
            {
                return views[i];
            }
        }
        final int slot = nextView;
        nextView = (nextView + 1) % VIEWS;
        blocks[slot] = frames;
        views[slot] = frames.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return views[slot];
    }
}
