package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Appends frames to one term for any number of writers, in any number of processes: each append
 * claims its space with one atomic add to the term's tail counter, writes the header with a negative
 * length, copies the payload, then release-stores the positive length. A message too long for the
 * rest of the term makes the first writer to overshoot pad the term to its end; every overshooting
 * writer gets {@link #TERM_FULL} and should rotate the log and retry.
 */
public final class TermAppender
{
    /** Returned when the term had no room: rotate the log and try again. */
    public static final int TERM_FULL = -2;

    private final AtomicBuffer term;
    private final AtomicBuffer metadata;
    private final int tailOffset;
    private final int termLength;

    /**
     * Creates an appender for one partition.
     *
     * @param term      the term.
     * @param metadata  the log's metadata section (holding the tail counter).
     * @param partition which partition, 0 to 2.
     */
    public TermAppender(final AtomicBuffer term, final AtomicBuffer metadata, final int partition)
    {
        this.term = term;
        this.metadata = metadata;
        this.tailOffset = LogLayout.tailCounterOffset(partition);
        this.termLength = (int)term.capacity();
    }

    /**
     * The tail counter, read with volatile semantics.
     *
     * @return {@code termId << 32 | termOffset}, the offset possibly beyond the term length.
     */
    public long rawTailVolatile()
    {
        return metadata.getLongVolatile(tailOffset);
    }

    /**
     * Appends a message that fits in one frame.
     *
     * @param sessionId the session id.
     * @param streamId  the stream id.
     * @param source    the payload's buffer.
     * @param offset    the payload's offset.
     * @param length    the payload's length, at most MTU - 32.
     * @param supplier  the reserved value supplier, or null.
     * @return the term offset after the frame, or {@link #TERM_FULL}.
     */
    public int appendUnfragmented(
        final int sessionId, final int streamId, final AtomicBuffer source, final long offset, final int length,
        final ReservedValueSupplier supplier)
    {
        final int frameLength = length + FrameHeader.LENGTH;
        final int alignedLength = FrameHeader.align(frameLength);
        final long rawTail = metadata.getAndAddLong(tailOffset, alignedLength);
        final int termId = LogLayout.termId(rawTail);
        final long termOffset = rawTail & 0xFFFF_FFFFL;
        final long resultingOffset = termOffset + alignedLength;
        if (resultingOffset > termLength)
        {
            return padToEnd(termOffset, sessionId, streamId, termId);
        }
        final int frameOffset = (int)termOffset;
        FrameHeader.writeInProgressWords(term, frameOffset, frameLength, FrameHeader.UNFRAGMENTED, FrameType.DATA,
            sessionId, streamId, termId);
        term.putBytes(frameOffset + FrameHeader.LENGTH, source, offset, length);
        if (supplier != null)
        {
            term.putLong(frameOffset + FrameHeader.RESERVED_VALUE_OFFSET, supplier.get(term, frameOffset, frameLength));
        }
        FrameHeader.frameLengthRelease(term, frameOffset, frameLength);
        return (int)resultingOffset;
    }

    /**
     * Appends a message as BEGIN ... END fragments of at most {@code maxPayloadLength} bytes each, all
     * reserved with one claim so that no other writer's frames come between them.
     *
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
        final int sessionId, final int streamId, final AtomicBuffer source, final long offset, final int length,
        final int maxPayloadLength, final ReservedValueSupplier supplier)
    {
        final int fullFrames = length / maxPayloadLength;
        final int remainder = length % maxPayloadLength;
        final int requiredLength = fullFrames * (maxPayloadLength + FrameHeader.LENGTH) +
            (remainder > 0 ? FrameHeader.align(remainder + FrameHeader.LENGTH) : 0);
        final long rawTail = metadata.getAndAddLong(tailOffset, requiredLength);
        final int termId = LogLayout.termId(rawTail);
        final long termOffset = rawTail & 0xFFFF_FFFFL;
        final long resultingOffset = termOffset + requiredLength;
        if (resultingOffset > termLength)
        {
            return padToEnd(termOffset, sessionId, streamId, termId);
        }
        int frameOffset = (int)termOffset;
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
            FrameHeader.writeInProgressWords(term, frameOffset, frameLength, flags, FrameType.DATA, sessionId, streamId,
                termId);
            term.putBytes(frameOffset + FrameHeader.LENGTH, source, sourceOffset, bytes);
            if (supplier != null)
            {
                term.putLong(frameOffset + FrameHeader.RESERVED_VALUE_OFFSET, supplier.get(term, frameOffset,
                    frameLength));
            }
            FrameHeader.frameLengthRelease(term, frameOffset, frameLength);
            flags = 0;
            frameOffset += FrameHeader.align(frameLength);
            sourceOffset += bytes;
            remaining -= bytes;
        }
        while (remaining > 0);
        return (int)resultingOffset;
    }

    /**
     * Claims one frame for zero-copy writing; the caller commits or aborts it through the claim.
     *
     * @param sessionId the session id.
     * @param streamId  the stream id.
     * @param length    the payload length, at most MTU - 32.
     * @param claim     the claim to point at the frame.
     * @return the term offset after the frame, or {@link #TERM_FULL}.
     */
    public int claim(final int sessionId, final int streamId, final int length, final BufferClaim claim)
    {
        final int frameLength = length + FrameHeader.LENGTH;
        final int alignedLength = FrameHeader.align(frameLength);
        final long rawTail = metadata.getAndAddLong(tailOffset, alignedLength);
        final int termId = LogLayout.termId(rawTail);
        final long termOffset = rawTail & 0xFFFF_FFFFL;
        final long resultingOffset = termOffset + alignedLength;
        if (resultingOffset > termLength)
        {
            return padToEnd(termOffset, sessionId, streamId, termId);
        }
        final int frameOffset = (int)termOffset;
        FrameHeader.writeInProgressWords(term, frameOffset, frameLength, FrameHeader.UNFRAGMENTED, FrameType.DATA,
            sessionId, streamId, termId);
        claim.wrap(term, frameOffset, frameLength);
        return (int)resultingOffset;
    }

    private int padToEnd(final long termOffset, final int sessionId, final int streamId, final int termId)
    {
        if (termOffset < termLength)
        {
            final int frameOffset = (int)termOffset;
            final int paddingLength = termLength - frameOffset;
            FrameHeader.writeInProgress(term, frameOffset, paddingLength, FrameHeader.UNFRAGMENTED, FrameType.PAD,
                sessionId, streamId, termId);
            FrameHeader.frameLengthRelease(term, frameOffset, paddingLength);
        }
        return TERM_FULL;
    }
}
