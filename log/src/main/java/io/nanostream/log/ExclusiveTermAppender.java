package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Appends frames to one term for a single writer, which tracks the term offset itself: no atomic
 * claim, and the tail counter is only release-stored after each frame for observers.
 */
public final class ExclusiveTermAppender
{
    /** Returned when the term had no room: the writer pads, moves to the next term, and retries. */
    public static final int TERM_FULL = -2;

    private final AtomicBuffer term;
    private final AtomicBuffer metadata;
    private final int tailOffset;
    private final int termLength;

    /**
     * Creates an appender for one partition.
     *
     * @param term      the term.
     * @param metadata  the log's metadata section.
     * @param partition which partition, 0 to 2.
     */
    public ExclusiveTermAppender(final AtomicBuffer term, final AtomicBuffer metadata, final int partition)
    {
        this.term = term;
        this.metadata = metadata;
        this.tailOffset = LogLayout.tailCounterOffset(partition);
        this.termLength = (int)term.capacity();
    }

    /**
     * Appends a message that fits in one frame at the writer's term offset.
     *
     * @param termId     the term id.
     * @param termOffset where the writer is in the term.
     * @param sessionId  the session id.
     * @param streamId   the stream id.
     * @param source     the payload's buffer.
     * @param offset     the payload's offset.
     * @param length     the payload's length, at most MTU - 32.
     * @param supplier   the reserved value supplier, or null.
     * @return the term offset after the frame, or {@link #TERM_FULL} (the term is then padded to its end).
     */
    public int appendUnfragmented(
        final int termId, final int termOffset, final int sessionId, final int streamId,
        final AtomicBuffer source, final long offset, final int length, final ReservedValueSupplier supplier)
    {
        final int frameLength = length + FrameHeader.LENGTH;
        final int alignedLength = FrameHeader.align(frameLength);
        final int resultingOffset = termOffset + alignedLength;
        if (resultingOffset > termLength)
        {
            return padToEnd(termId, termOffset, sessionId, streamId);
        }
        term.putLong(termOffset + FrameHeader.TERM_OFFSET_OFFSET, ((long)sessionId << 32) | (termOffset & 0xFFFF_FFFFL));
        term.putLong(termOffset + FrameHeader.STREAM_ID_OFFSET, ((long)termId << 32) | (streamId & 0xFFFF_FFFFL));
        term.putBytes(termOffset + FrameHeader.LENGTH, source, offset, length);
        if (supplier != null) // the term was zeroed before reuse: the reserved value is already 0 otherwise
        {
            term.putLong(termOffset + FrameHeader.RESERVED_VALUE_OFFSET, supplier.get(term, termOffset, frameLength));
        }
        term.putLongRelease(termOffset, FrameHeader.firstWord(frameLength, FrameHeader.UNFRAGMENTED, FrameHeader.TYPE_DATA)); // release: header and payload before the length
        metadata.putLongRelease(tailOffset, LogLayout.packTail(termId, resultingOffset)); // release: for observers of the tail
        return resultingOffset;
    }

    /**
     * Appends a message as BEGIN ... END fragments at the writer's term offset.
     *
     * @param termId           the term id.
     * @param termOffset       where the writer is in the term.
     * @param sessionId        the session id.
     * @param streamId         the stream id.
     * @param source           the payload's buffer.
     * @param offset           the payload's offset.
     * @param length           the payload's length.
     * @param maxPayloadLength MTU - 32.
     * @param supplier         the reserved value supplier, or null.
     * @return the term offset after the last fragment, or {@link #TERM_FULL}.
     */
    public int appendFragmented(
        final int termId, final int termOffset, final int sessionId, final int streamId, final AtomicBuffer source,
        final long offset, final int length, final int maxPayloadLength, final ReservedValueSupplier supplier)
    {
        final int fullFrames = length / maxPayloadLength;
        final int remainder = length % maxPayloadLength;
        final int requiredLength = fullFrames * (maxPayloadLength + FrameHeader.LENGTH) +
            (remainder > 0 ? FrameHeader.align(remainder + FrameHeader.LENGTH) : 0);
        final int resultingOffset = termOffset + requiredLength;
        if (resultingOffset > termLength)
        {
            return padToEnd(termId, termOffset, sessionId, streamId);
        }
        int frameOffset = termOffset;
        byte flags = FrameHeader.BEGIN_FLAG;
        int remaining = length;
        long sourceOffset = offset;
        do
        {
            final int bytes = Math.min(remaining, maxPayloadLength);
            final int frameLength = bytes + FrameHeader.LENGTH;
            if (remaining <= maxPayloadLength)
            {
                flags |= FrameHeader.END_FLAG;
            }
            writeHeader(frameOffset, frameLength, flags, FrameHeader.TYPE_DATA, sessionId, streamId, termId);
            term.putBytes(frameOffset + FrameHeader.LENGTH, source, sourceOffset, bytes);
            if (supplier != null)
            {
                term.putLong(frameOffset + FrameHeader.RESERVED_VALUE_OFFSET, supplier.get(term, frameOffset, frameLength));
            }
            FrameHeader.frameLengthOrdered(term, frameOffset, frameLength);
            flags = 0;
            frameOffset += FrameHeader.align(frameLength);
            sourceOffset += bytes;
            remaining -= bytes;
        }
        while (remaining > 0);
        metadata.putLongRelease(tailOffset, LogLayout.packTail(termId, resultingOffset)); // release: for observers of the tail
        return resultingOffset;
    }

    /**
     * Claims one frame for zero-copy writing at the writer's term offset.
     *
     * @param termId     the term id.
     * @param termOffset where the writer is in the term.
     * @param sessionId  the session id.
     * @param streamId   the stream id.
     * @param length     the payload length.
     * @param claim      the claim to point at the frame.
     * @return the term offset after the frame, or {@link #TERM_FULL}.
     */
    public int claim(
        final int termId, final int termOffset, final int sessionId, final int streamId, final int length, final BufferClaim claim)
    {
        final int frameLength = length + FrameHeader.LENGTH;
        final int resultingOffset = termOffset + FrameHeader.align(frameLength);
        if (resultingOffset > termLength)
        {
            return padToEnd(termId, termOffset, sessionId, streamId);
        }
        writeHeader(termOffset, frameLength, FrameHeader.UNFRAGMENTED, FrameHeader.TYPE_DATA, sessionId, streamId, termId);
        claim.wrap(term, termOffset, frameLength);
        metadata.putLongRelease(tailOffset, LogLayout.packTail(termId, resultingOffset)); // release: for observers of the tail
        return resultingOffset;
    }

    private void writeHeader(
        final int frameOffset, final int frameLength, final byte flags, final short type,
        final int sessionId, final int streamId, final int termId)
    {
        term.putLongOpaque(frameOffset, FrameHeader.firstWord(-frameLength, flags, type)); // opaque: a negative length marks the frame unfinished
        term.putLong(frameOffset + FrameHeader.TERM_OFFSET_OFFSET, ((long)sessionId << 32) | (frameOffset & 0xFFFF_FFFFL));
        term.putLong(frameOffset + FrameHeader.STREAM_ID_OFFSET, ((long)termId << 32) | (streamId & 0xFFFF_FFFFL));
    }

    private int padToEnd(final int termId, final int termOffset, final int sessionId, final int streamId)
    {
        if (termOffset < termLength)
        {
            final int paddingLength = termLength - termOffset;
            writeHeader(termOffset, paddingLength, FrameHeader.UNFRAGMENTED, FrameHeader.TYPE_PAD, sessionId, streamId, termId);
            FrameHeader.frameLengthOrdered(term, termOffset, paddingLength);
        }
        metadata.putLongRelease(tailOffset, LogLayout.packTail(termId, termLength)); // release: for observers of the tail
        return TERM_FULL;
    }
}
