package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * A frame claimed in a term for zero-copy writing: fill {@link #buffer()} from {@link #offset()} for
 * {@link #length()} bytes, then {@link #commit()} to publish it or {@link #abort()} to turn it into
 * padding that readers skip. One of the two must follow every successful claim, or readers stop there.
 */
public final class BufferClaim
{
    private AtomicBuffer term;
    private int frameOffset;
    private int frameLength;

    /**
     * Creates a claim that refers to nothing until a {@code tryClaim} fills it; keep one per
     * publishing thread and reuse it.
     */
    public BufferClaim()
    {
    }

    /**
     * Points the claim at a frame in progress.
     *
     * @param term        the term.
     * @param frameOffset the frame's offset.
     * @param frameLength the frame's length, header included.
     */
    public void wrap(final AtomicBuffer term, final int frameOffset, final int frameLength)
    {
        this.term = term;
        this.frameOffset = frameOffset;
        this.frameLength = frameLength;
    }

    /**
     * The buffer to write the payload into.
     *
     * @return the term.
     */
    public AtomicBuffer buffer()
    {
        return term;
    }

    /**
     * Where the payload starts in {@link #buffer()}.
     *
     * @return the offset.
     */
    public int offset()
    {
        return frameOffset + FrameHeader.LENGTH;
    }

    /**
     * The payload length claimed.
     *
     * @return the length.
     */
    public int length()
    {
        return frameLength - FrameHeader.LENGTH;
    }

    /**
     * Sets the frame's reserved value.
     *
     * @param value the value.
     * @return this claim.
     */
    public BufferClaim reservedValue(final long value)
    {
        term.putLong(frameOffset + FrameHeader.RESERVED_VALUE_OFFSET, value);
        return this;
    }

    /** Publishes the frame. */
    public void commit()
    {
        FrameHeader.frameLengthRelease(term, frameOffset, frameLength);
    }

    /** Turns the frame into padding that readers skip. */
    public void abort()
    {
        term.putShort(frameOffset + FrameHeader.TYPE_OFFSET, (short)FrameType.PAD);
        FrameHeader.frameLengthRelease(term, frameOffset, frameLength);
    }
}
