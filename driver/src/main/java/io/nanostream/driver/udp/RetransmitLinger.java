package io.nanostream.driver.udp;

/**
 * Which recent resends a sender still remembers: a NAK for a range resent within the linger is ignored
 * (the resend is probably still on its way, and several receivers may NAK one gap), and at most a fixed
 * number of resends are in flight. Sender thread only; no allocation; the clock is passed in.
 */
final class RetransmitLinger
{
    /** How long a resend is remembered. */
    static final long LINGER_NANOS = 2_000_000L;
    /** Resends in flight at most, unless the channel's {@code max-resend=} says: Aeron's default. */
    static final int DEFAULT_MAX_RESENDS = 16;

    private final int[] termIds;
    private final int[] termOffsets;
    private final long[] expiries;

    /** Remembers up to {@link #DEFAULT_MAX_RESENDS} resends. */
    RetransmitLinger()
    {
        this(DEFAULT_MAX_RESENDS);
    }

    /**
     * Remembers up to a number of resends in flight ({@code max-resend=}).
     *
     * @param maxResends how many.
     */
    RetransmitLinger(final int maxResends)
    {
        termIds = new int[maxResends];
        termOffsets = new int[maxResends];
        expiries = new long[maxResends];
    }

    /**
     * Decides whether to resend a NAKed range, and if so remembers it.
     *
     * @param termId     the range's term.
     * @param termOffset where the range starts.
     * @param nowNanos   the time.
     * @return true to resend now.
     */
    boolean admit(final int termId, final int termOffset, final long nowNanos)
    {
        int free = -1;
        for (int i = 0; i < expiries.length; i++)
        {
            if (nowNanos - expiries[i] < 0)
            {
                if (termIds[i] == termId && termOffsets[i] == termOffset)
                {
                    return false;
                }
            }
            else if (free < 0)
            {
                free = i;
            }
        }
        if (free < 0)
        {
            return false; // too many resends in flight; the receiver will ask again
        }
        termIds[free] = termId;
        termOffsets[free] = termOffset;
        expiries[free] = nowNanos + LINGER_NANOS;
        return true;
    }
}
