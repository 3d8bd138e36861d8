package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * The header of the frame being handed to a {@link FragmentHandler}: a reused view, valid only
 * during the call.
 */
public final class Header
{
    private final int initialTermId;
    private final int positionBitsToShift;
    private AtomicBuffer term;
    private int frameOffset;

    /**
     * Creates a header view for a log.
     *
     * @param initialTermId       the log's initial term id.
     * @param positionBitsToShift log2 of its term length.
     */
    public Header(final int initialTermId, final int positionBitsToShift)
    {
        this.initialTermId = initialTermId;
        this.positionBitsToShift = positionBitsToShift;
    }

    /**
     * Points the view at a frame.
     *
     * @param term        the term.
     * @param frameOffset the frame's offset.
     */
    public void wrap(final AtomicBuffer term, final int frameOffset)
    {
        buffer(term);
        this.frameOffset = frameOffset;
    }

    /**
     * Points the view at a term, before {@link #offset} points it at frames in that term one by one: a
     * reader sets the term once per poll and stores only an int per fragment (no reference store, so no
     * garbage-collector barrier on the read path).
     *
     * @param term the term.
     */
    public void buffer(final AtomicBuffer term)
    {
        if (this.term != term)
        {
            this.term = term;
        }
    }

    /**
     * Points the view at the frame at an offset of the term set by {@link #buffer}.
     *
     * @param frameOffset the frame's offset.
     */
    public void offset(final int frameOffset)
    {
        this.frameOffset = frameOffset;
    }

    /**
     * The frame length, header included.
     *
     * @return the length.
     */
    public int frameLength()
    {
        return term.getInt(frameOffset);
    }

    /**
     * The flags: {@link FrameHeader#BEGIN_FLAG}, {@link FrameHeader#END_FLAG}, {@link FrameHeader#EOS_FLAG}.
     *
     * @return the flags byte.
     */
    public byte flags()
    {
        return term.getByte(frameOffset + FrameHeader.FLAGS_OFFSET);
    }

    /**
     * The frame type.
     *
     * @return the type.
     */
    public int type()
    {
        return term.getShort(frameOffset + FrameHeader.TYPE_OFFSET) & 0xFFFF;
    }

    /**
     * The frame's offset in its term.
     *
     * @return the term offset.
     */
    public int termOffset()
    {
        return frameOffset;
    }

    /**
     * The publisher's session id.
     *
     * @return the session id.
     */
    public int sessionId()
    {
        return term.getInt(frameOffset + FrameHeader.SESSION_ID_OFFSET);
    }

    /**
     * The stream id.
     *
     * @return the stream id.
     */
    public int streamId()
    {
        return term.getInt(frameOffset + FrameHeader.STREAM_ID_OFFSET);
    }

    /**
     * The term id.
     *
     * @return the term id.
     */
    public int termId()
    {
        return term.getInt(frameOffset + FrameHeader.TERM_ID_OFFSET);
    }

    /**
     * The reserved value the publisher set.
     *
     * @return the value.
     */
    public long reservedValue()
    {
        return term.getLong(frameOffset + FrameHeader.RESERVED_VALUE_OFFSET);
    }

    /**
     * The log's initial term id.
     *
     * @return the initial term id.
     */
    public int initialTermId()
    {
        return initialTermId;
    }

    /**
     * The position just after this frame: where the stream is once this fragment is consumed.
     *
     * @return the position.
     */
    public long position()
    {
        return LogLayout.position(termId(), frameOffset + FrameHeader.align(frameLength()), positionBitsToShift,
            initialTermId);
    }
}
