package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Turns a frame that a dead publisher claimed but never completed into padding, so that subscribers
 * stuck before it, and the publishers behind them, can go on. Call only after the log has been stuck at
 * the same place for longer than any live publisher takes to complete a frame.
 */
public final class TermUnblocker
{
    private TermUnblocker()
    {
    }

    /**
     * Unblocks the log at a position where readers are stuck.
     *
     * @param log              the log.
     * @param blockedPosition  where the slowest reader is stuck.
     * @param producerPosition how far publishers have claimed.
     * @return true if a frame was turned into padding.
     */
    public static boolean unblock(final LogBuffers log, final long blockedPosition, final long producerPosition)
    {
        if (producerPosition <= blockedPosition)
        {
            return false;
        }
        final int termLength = log.termLength();
        final int shift = LogLayout.positionBitsToShift(termLength);
        final AtomicBuffer term = log.term(LogLayout.indexByPosition(blockedPosition, shift));
        final int termOffset = (int)blockedPosition & (termLength - 1);
        final int frameLength = FrameHeader.frameLengthAcquire(term, termOffset);
        final int termId = (int)(blockedPosition >>> shift) + log.initialTermId();
        if (frameLength > 0)
        {
            return false;
        }
        final boolean sameTerm = (producerPosition >>> shift) == (blockedPosition >>> shift);
        final int limit = sameTerm ? (int)producerPosition & (termLength - 1) : termLength;
        // a claimed frame says its length (negated); a length that a dead writer left torn, or that runs past
        // what was claimed, is not trusted: the scan below pads up to the next frame instead
        if (frameLength < 0 && frameLength >= -(limit - termOffset))
        {
            pad(term, termOffset, Math.min(FrameHeader.align(-frameLength), limit - termOffset), termId, log);
            return true;
        }
        int offset = termOffset + FrameHeader.ALIGNMENT;
        while (offset < limit && FrameHeader.frameLengthAcquire(term, offset) == 0)
        {
            offset += FrameHeader.ALIGNMENT;
        }
        pad(term, termOffset, offset - termOffset, termId, log);
        return true;
    }

    private static void pad(final AtomicBuffer term, final int termOffset, final int length, final int termId,
        final LogBuffers log)
    {
        FrameHeader.writeInProgress(term, termOffset, length, FrameHeader.UNFRAGMENTED, FrameType.PAD,
            log.sessionId(), log.streamId(), termId);
        FrameHeader.frameLengthRelease(term, termOffset, length);
    }
}
