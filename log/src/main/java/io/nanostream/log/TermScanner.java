package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Finds how many complete frames at an offset fit in one datagram, for whoever sends a term over a
 * network: whole frames only, up to a limit, and a padding frame always alone (it is sent as its header;
 * the receiver pads the rest of the term itself).
 */
public final class TermScanner
{
    private TermScanner()
    {
    }

    /**
     * Scans the complete frames from an offset.
     *
     * @param term       the term.
     * @param termOffset where to start: a frame boundary.
     * @param maxLength  the most bytes to take, e.g. the MTU or what flow control allows.
     * @return the bytes of whole frames in the low 32 bits (0 if the first frame is incomplete or too long); for a
     *         padding frame at the offset, its whole aligned length with the result negative ({@link #isPadding}).
     */
    public static long scan(final AtomicBuffer term, final int termOffset, final int maxLength)
    {
        final int termLength = (int)term.capacity();
        int length = 0;
        while (length < maxLength && termOffset + length < termLength)
        {
            final int frameOffset = termOffset + length;
            final int frameLength = FrameHeader.frameLengthAcquire(term,
                frameOffset); // acquire: the frame's bytes are complete
            if (frameLength <= 0 || frameLength > termLength - frameOffset)
            {
                break; // incomplete, or a length no appender writes (the log is shared memory): bounded before aligning
            }
            final int aligned = FrameHeader.align(frameLength);
            if (FrameHeader.isPadding(term, frameOffset))
            {
                return length == 0 ? (0xFFFF_FFFF_0000_0000L | aligned) : length;
            }
            if (length + aligned > maxLength)
            {
                break;
            }
            length += aligned;
        }
        return length;
    }

    /**
     * Whether a scan found a padding frame.
     *
     * @param scan what {@link #scan} returned.
     * @return true for padding.
     */
    public static boolean isPadding(final long scan)
    {
        return scan < 0;
    }

    /**
     * The bytes a scan covered.
     *
     * @param scan what {@link #scan} returned.
     * @return bytes.
     */
    public static int length(final long scan)
    {
        return (int)scan;
    }
}
