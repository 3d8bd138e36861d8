package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Reads complete frames from a term, from a term offset on, skipping padding, until a frame is not
 * yet complete, the term ends or the fragment limit is reached.
 */
public final class TermReader
{
    private TermReader()
    {
    }

    /**
     * Reads frames and hands their payloads to the handler.
     *
     * @param term           the term.
     * @param termOffset     where to start, frame-aligned.
     * @param handler        receives each data fragment.
     * @param fragmentsLimit the most data fragments to hand over.
     * @param header         the reused header view.
     * @return the offset after the last frame read in the upper 32 bits, the number of fragments in the lower.
     */
    public static long read(
        final AtomicBuffer term, final int termOffset, final FragmentHandler handler, final int fragmentsLimit,
        final Header header)
    {
        final int capacity = (int)term.capacity();
        header.buffer(term);
        int offset = termOffset;
        int fragments = 0;
        while (fragments < fragmentsLimit && offset < capacity)
        {
            // acquire: one load gives the length and the type, and a positive length means the frame is whole
            final long firstWord = term.getLongAcquire(offset);
            final int frameLength = FrameHeader.frameLength(firstWord);
            if (frameLength <= 0)
            {
                break;
            }
            if (frameLength < FrameHeader.LENGTH || frameLength > capacity - offset)
            {
                break; // not a frame any appender writes (the log is shared memory): stop here rather than read past it
            }
            final int frameOffset = offset;
            offset += FrameHeader.align(frameLength);
            if (FrameHeader.type(firstWord) != FrameType.PAD)
            {
                header.offset(frameOffset);
                handler.onFragment(term, frameOffset + FrameHeader.LENGTH, frameLength - FrameHeader.LENGTH, header);
                fragments++;
            }
        }
        return ((long)offset << 32) | fragments;
    }

    /**
     * The term offset packed by {@link #read}.
     *
     * @param outcome the packed result.
     * @return the offset.
     */
    public static int offset(final long outcome)
    {
        return (int)(outcome >>> 32);
    }

    /**
     * The fragment count packed by {@link #read}.
     *
     * @param outcome the packed result.
     * @return the count.
     */
    public static int fragments(final long outcome)
    {
        return (int)outcome;
    }
}
