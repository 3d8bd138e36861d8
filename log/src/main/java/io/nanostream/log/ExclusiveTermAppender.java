package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Appends frames to one term for a single writer, which tracks the term offset itself: no atomic
 * claim, and the tail counter is release-stored after each frame for observers. The header words that
 * stay the same for a whole term (session, stream, term id) are computed once per term, so an append
 * is two plain stores, the payload copy, and two release stores: the frame's first word (length,
 * flags and type together) and the tail.
 *
 * <p>Owned by the publication's one writer thread.
 */
public final class ExclusiveTermAppender
{
    /** Returned when the term had no room: the writer pads, moves to the next term, and retries. */
    public static final int TERM_FULL = -2;

    private final AtomicBuffer term;
    private final AtomicBuffer metadata;
    private final int tailOffset;
    private final int termLength;
    private final long sessionWord;
    private final int streamId;
    private int termId;
    private long streamWord;
    private long tailBase;

    /**
     * Creates an appender for one partition.
     *
     * @param term      the term.
     * @param metadata  the log's metadata section.
     * @param partition which partition, 0 to 2.
     * @param sessionId the session id every frame carries.
     * @param streamId  the stream id every frame carries.
     */
    public ExclusiveTermAppender(
        final AtomicBuffer term, final AtomicBuffer metadata, final int partition, final int sessionId,
        final int streamId)
    {
        this.term = term;
        this.metadata = metadata;
        this.tailOffset = LogLayout.tailCounterOffset(partition);
        this.termLength = (int)term.capacity();
        this.sessionWord = (long)sessionId << 32;
        this.streamId = streamId;
    }

    /**
     * Sets the id of the term this partition holds now: the writer calls it when it moves onto the partition.
     *
     * @param termId the term id.
     * @return this appender.
     */
    public ExclusiveTermAppender termId(final int termId)
    {
        this.termId = termId;
        this.streamWord = ((long)termId << 32) | (streamId & 0xFFFF_FFFFL);
        this.tailBase = (long)termId << 32;
        return this;
    }

    /**
     * The id of the term this partition holds.
     *
     * @return the term id.
     */
    public int termId()
    {
        return termId;
    }

    /**
     * Appends a message that fits in one frame at the writer's term offset.
     *
     * @param termOffset where the writer is in the term.
     * @param source     the payload's buffer.
     * @param offset     the payload's offset.
     * @param length     the payload's length, at most MTU - 32.
     * @param supplier   the reserved value supplier, or null.
     * @return the term offset after the frame, or {@link #TERM_FULL} (the term is then padded to its end).
     */
    public int appendUnfragmented(
        final int termOffset, final AtomicBuffer source, final long offset, final int length,
        final ReservedValueSupplier supplier)
    {
        final int frameLength = length + FrameHeader.LENGTH;
        final int resultingOffset = termOffset + FrameHeader.align(frameLength);
        if (resultingOffset > termLength)
        {
            return padToEnd(termOffset);
        }
        final AtomicBuffer term = this.term;
        writeFrame(term, termOffset, frameLength, FrameHeader.UNFRAGMENTED, source, offset, length, supplier);
        metadata.putLongRelease(tailOffset,
            tailBase | resultingOffset); // release: the frame is complete before observers see the tail pass it
        return resultingOffset;
    }

    /**
     * Appends a message as BEGIN ... END fragments at the writer's term offset.
     *
     * @param termOffset       where the writer is in the term.
     * @param source           the payload's buffer.
     * @param offset           the payload's offset.
     * @param length           the payload's length.
     * @param maxPayloadLength MTU - 32.
     * @param supplier         the reserved value supplier, or null.
     * @return the term offset after the last fragment, or {@link #TERM_FULL}.
     */
    public int appendFragmented(
        final int termOffset, final AtomicBuffer source, final long offset, final int length,
        final int maxPayloadLength, final ReservedValueSupplier supplier)
    {
        final int fullFrames = length / maxPayloadLength;
        final int remainder = length % maxPayloadLength;
        final int requiredLength = fullFrames * (maxPayloadLength + FrameHeader.LENGTH) +
            (remainder > 0 ? FrameHeader.align(remainder + FrameHeader.LENGTH) : 0);
        final int resultingOffset = termOffset + requiredLength;
        if (resultingOffset > termLength)
        {
            return padToEnd(termOffset);
        }
        int frameOffset = termOffset;
        byte flags = FrameHeader.BEGIN_FLAG;
        int remaining = length;
        long sourceOffset = offset;
        do
        {
            final int bytes = Math.min(remaining, maxPayloadLength);
            if (remaining <= maxPayloadLength)
            {
                flags |= FrameHeader.END_FLAG;
            }
            writeFrame(term, frameOffset, bytes + FrameHeader.LENGTH, flags, source, sourceOffset, bytes, supplier);
            flags = 0;
            frameOffset += FrameHeader.align(bytes + FrameHeader.LENGTH);
            sourceOffset += bytes;
            remaining -= bytes;
        }
        while (remaining > 0);
        metadata.putLongRelease(tailOffset,
            tailBase | resultingOffset); // release: the fragments are complete before observers see the tail pass them
        return resultingOffset;
    }

    /**
     * Claims one frame for zero-copy writing at the writer's term offset. The frame carries a negative
     * length until the claim is committed, so readers wait for it and the driver can pad over it if the
     * writer dies.
     *
     * @param termOffset where the writer is in the term.
     * @param length     the payload length.
     * @param claim      the claim to point at the frame.
     * @return the term offset after the frame, or {@link #TERM_FULL}.
     */
    public int claim(final int termOffset, final int length, final BufferClaim claim)
    {
        final int frameLength = length + FrameHeader.LENGTH;
        final int resultingOffset = termOffset + FrameHeader.align(frameLength);
        if (resultingOffset > termLength)
        {
            return padToEnd(termOffset);
        }
        writeHeaderInProgress(termOffset, frameLength, FrameHeader.UNFRAGMENTED);
        claim.wrap(term, termOffset, frameLength);
        metadata.putLongRelease(tailOffset,
            tailBase | resultingOffset); // release: the claimed header is in place before observers see the tail
        return resultingOffset;
    }

    /**
     * Appends a block of whole frames taken from another log at the same term offset (a recording being replayed),
     * giving each frame this log's session id, stream id, term id and its term offset. The first frame's length is
     * written last, so a reader sees the block whole or not at all.
     *
     * @param termOffset where the writer is in the term; the block goes there.
     * @param source     the block's buffer.
     * @param offset     the block's first frame.
     * @param length     the block's length: whole aligned frames, ending at or before the term's end.
     * @return the term offset after the block.
     * @throws IllegalArgumentException if the block does not fit the term or is not a run of whole frames.
     */
    public int appendBlock(final int termOffset, final AtomicBuffer source, final long offset, final int length)
    {
        if (length <= 0 || length > termLength - termOffset || (length & (FrameHeader.ALIGNMENT - 1)) != 0)
        {
            throw new IllegalArgumentException("a block of " + length + " bytes at term offset " + termOffset +
                " does not fit a term of " + termLength + " in whole frames");
        }
        final int firstFrameLength = checkFrames(source, offset, length);
        // all but the first frame's length (0 in a clean term): readers stop there until the release below
        term.putBytes(termOffset + FrameHeader.VERSION_OFFSET, source, offset + FrameHeader.VERSION_OFFSET,
            length - FrameHeader.VERSION_OFFSET);
        for (int frameOffset = termOffset; frameOffset < termOffset + length; )
        {
            final int frameLength = frameOffset == termOffset ? firstFrameLength : term.getInt(frameOffset);
            term.putLong(frameOffset + FrameHeader.TERM_OFFSET_OFFSET, sessionWord | (frameOffset & 0xFFFF_FFFFL));
            term.putLong(frameOffset + FrameHeader.STREAM_ID_OFFSET, streamWord);
            frameOffset += FrameHeader.align(frameLength);
        }
        term.putIntRelease(termOffset, firstFrameLength); // release: the whole block before its first length
        final int resultingOffset = termOffset + length;
        metadata.putLongRelease(tailOffset,
            tailBase | resultingOffset); // release: the block is complete before observers see the tail pass it
        return resultingOffset;
    }

    /**
     * The first frame's length, having checked that the block is a run of frames whose aligned lengths fill it exactly.
     */
    private static int checkFrames(final AtomicBuffer source, final long offset, final int length)
    {
        long frameOffset = offset;
        final long end = offset + length;
        while (frameOffset < end)
        {
            final int frameLength = source.getInt(frameOffset);
            if (frameLength < FrameHeader.LENGTH || FrameHeader.align(frameLength) > end - frameOffset)
            {
                throw new IllegalArgumentException("the block holds a frame of length " + frameLength + " at " +
                    (frameOffset - offset) + ": not a run of whole frames");
            }
            frameOffset += FrameHeader.align(frameLength);
        }
        return source.getInt(offset);
    }

    private void writeFrame(
        final AtomicBuffer term, final int frameOffset, final int frameLength, final byte flags,
        final AtomicBuffer source, final long offset, final int length, final ReservedValueSupplier supplier)
    {
        term.putLong(frameOffset + FrameHeader.TERM_OFFSET_OFFSET, sessionWord | (frameOffset & 0xFFFF_FFFFL));
        term.putLong(frameOffset + FrameHeader.STREAM_ID_OFFSET, streamWord);
        term.putBytes(frameOffset + FrameHeader.LENGTH, source, offset, length);
        if (supplier != null) // the term was zeroed before reuse: the reserved value is already 0 otherwise
        {
            // the supplier may read the header: give it one, still marked unfinished
            term.putLongOpaque(frameOffset, FrameHeader.firstWord(-frameLength, flags,
                FrameType.DATA)); // opaque: not yet a frame to readers
            term.putLong(frameOffset + FrameHeader.RESERVED_VALUE_OFFSET, supplier.get(term, frameOffset, frameLength));
        }
        term.putLongRelease(frameOffset, FrameHeader.firstWord(frameLength, flags,
            FrameType.DATA)); // release: header and payload before the length that completes them
    }

    private void writeHeaderInProgress(final int frameOffset, final int frameLength, final byte flags)
    {
        term.putLongOpaque(frameOffset, FrameHeader.firstWord(-frameLength, flags,
            FrameType.DATA)); // opaque: a negative length marks the frame unfinished
        term.putLong(frameOffset + FrameHeader.TERM_OFFSET_OFFSET, sessionWord | (frameOffset & 0xFFFF_FFFFL));
        term.putLong(frameOffset + FrameHeader.STREAM_ID_OFFSET, streamWord);
    }

    private int padToEnd(final int termOffset)
    {
        if (termOffset < termLength)
        {
            final int paddingLength = termLength - termOffset;
            term.putLong(termOffset + FrameHeader.TERM_OFFSET_OFFSET, sessionWord | (termOffset & 0xFFFF_FFFFL));
            term.putLong(termOffset + FrameHeader.STREAM_ID_OFFSET, streamWord);
            term.putLongRelease(termOffset, FrameHeader.firstWord(paddingLength, FrameHeader.UNFRAGMENTED,
                FrameType.PAD)); // release: a whole padding frame or none
        }
        metadata.putLongRelease(tailOffset, tailBase | termLength); // release: for observers of the tail
        return TERM_FULL;
    }
}
