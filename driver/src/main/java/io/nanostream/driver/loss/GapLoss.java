package io.nanostream.driver.loss;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameType;

/**
 * Drops the first transmission of each data datagram that holds one of the given term offsets in
 * one term: fixed gaps that the receiver must detect and repair. Retransmissions pass.
 */
public final class GapLoss implements LossGenerator
{
    private static final int TERM_OFFSET_OFFSET = 8;
    private static final int TERM_ID_OFFSET = 20;

    /** Stands for "the first term a data datagram is seen in". */
    private static final int FIRST_TERM = Integer.MIN_VALUE;

    private int termId;
    private final int[] termOffsets;
    private final boolean[] done;

    /**
     * Creates a generator for gaps in the first term that data is seen in (term ids start at random).
     *
     * @param termOffsets term offsets whose datagrams to drop once.
     * @return the generator.
     */
    public static GapLoss inFirstTerm(final int... termOffsets)
    {
        return new GapLoss(FIRST_TERM, termOffsets);
    }

    /**
     * Creates a generator.
     *
     * @param termId      the term the gaps are in.
     * @param termOffsets term offsets whose datagrams to drop once.
     */
    public GapLoss(final int termId, final int... termOffsets)
    {
        this.termId = termId;
        this.termOffsets = termOffsets.clone();
        this.done = new boolean[termOffsets.length];
    }

    @Override
    public boolean drop(final int type, final AtomicBuffer buffer, final int offset, final int length)
    {
        if (type != FrameType.DATA || length <= 32)
        {
            return false;
        }
        if (termId == FIRST_TERM)
        {
            termId = buffer.getInt(offset + TERM_ID_OFFSET);
        }
        if (buffer.getInt(offset + TERM_ID_OFFSET) != termId)
        {
            return false;
        }
        final int termOffset = buffer.getInt(offset + TERM_OFFSET_OFFSET);
        for (int i = 0; i < termOffsets.length; i++)
        {
            if (!done[i] && termOffset <= termOffsets[i] && termOffsets[i] < termOffset + length)
            {
                done[i] = true;
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every gap was made.
     *
     * @return true once each listed offset was dropped once.
     */
    public boolean allDropped()
    {
        for (final boolean d : done)
        {
            if (!d)
            {
                return false;
            }
        }
        return true;
    }
}
