package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameHeader;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When to NAK the first gap of an image: a short delay after a gap appears (time for a reordered frame),
 * a random one for multicast (so that the resend one receiver's NAK causes fills the others' gaps before
 * they NAK), then retries while the gap stays open: {@link #FIXED_RETRIES} at {@link #NAK_RETRY_NANOS} (a lossy
 * path often needs several: the NAK and the resend may each be lost), then each twice as long after the last (up
 * to a second), and never two NAKs closer than {@link #NAK_MIN_INTERVAL_NANOS}: a gap that nobody fills (a
 * forged one, or a sender that no longer holds the data) costs a few NAKs, not hundreds a second. Receiver
 * thread only; the clock is passed in.
 */
final class LossDetector
{
    /** Delay before the first NAK for a unicast gap, unless the channel sets {@code nak-delay=}. */
    static final long NAK_DELAY_NANOS = 100_000L;
    /**
     * The longest random delay before a multicast receiver NAKs a new gap, unless the channel sets {@code nak-delay=}.
     */
    static final long NAK_MULTICAST_MAX_BACKOFF_NANOS = 10_000_000L;
    /** Delay before the first retry of a NAK for a gap that is still open; longer than the sender's resend linger. */
    static final long NAK_RETRY_NANOS = 5_000_000L;
    /**
     * Retries at {@link #NAK_RETRY_NANOS} before they start to double. Doubling from the first retry made repair
     * crawl on a path losing 20% each way: a retry then fails about half the time, and 5 ms doubling on
     * half-failures has an expected wait near a second (UdpLossTest: 1,693 of 20,000 messages in 20 s); eight
     * fail together once in 300 gaps.
     */
    static final int FIXED_RETRIES = 8;
    /** The longest delay between retries, which double from {@link #NAK_RETRY_NANOS} after {@link #FIXED_RETRIES}. */
    static final long NAK_MAX_RETRY_NANOS = 1_000_000_000L;
    /** The least time between two NAKs of one image: at most 10,000 a second. */
    static final long NAK_MIN_INTERVAL_NANOS = 100_000L;

    private final boolean multicast;
    /** The unicast delay before a gap's first NAK, or for multicast the longest random one ({@code nak-delay=}). */
    private final long nakDelayNanos;
    private long gapPosition = -1;
    private long deadlineNanos;
    private boolean naked;
    private long retryNanos = NAK_RETRY_NANOS;
    private int retries;
    private long lastNakNanos;
    private boolean anyNak;

    LossDetector(final boolean multicast, final long nakDelayNanos)
    {
        this.multicast = multicast;
        this.nakDelayNanos = nakDelayNanos;
    }

    /**
     * Looks at the image's positions.
     *
     * @param rebuildPosition where the image stops being contiguous.
     * @param hwmPosition     the highest position seen.
     * @param nowNanos        the time.
     * @return true if a NAK for the gap at {@code rebuildPosition} is due now.
     */
    boolean isNakDue(final long rebuildPosition, final long hwmPosition, final long nowNanos)
    {
        if (rebuildPosition >= hwmPosition)
        {
            gapPosition = -1;
            return false;
        }
        if (gapPosition != rebuildPosition)
        {
            gapPosition = rebuildPosition;
            naked = false;
            retryNanos = NAK_RETRY_NANOS;
            retries = 0;
            deadlineNanos = nowNanos + (multicast && nakDelayNanos > 0 ?
                ThreadLocalRandom.current().nextLong(nakDelayNanos) : nakDelayNanos);
            return false;
        }
        return nowNanos - deadlineNanos >= 0 && (!anyNak || nowNanos - lastNakNanos >= NAK_MIN_INTERVAL_NANOS);
    }

    /**
     * Records that the due NAK was sent.
     *
     * @param nowNanos the time.
     * @return true if it was the gap's first NAK (a new loss, not a retry).
     */
    boolean onNakSent(final long nowNanos)
    {
        if (naked && ++retries > FIXED_RETRIES)
        {
            retryNanos = Math.min(retryNanos * 2, NAK_MAX_RETRY_NANOS);
        }
        deadlineNanos = nowNanos + retryNanos;
        lastNakNanos = nowNanos;
        anyNak = true;
        final boolean first = !naked;
        naked = true;
        return first;
    }

    /**
     * Where a gap ends: the first frame received after it, or the limit.
     *
     * @param term       the term.
     * @param termOffset where the gap starts.
     * @param limit      the most the gap may cover (the highest position seen, or the term's end).
     * @return the offset after the gap.
     */
    static int gapEnd(final AtomicBuffer term, final int termOffset, final int limit)
    {
        int end = termOffset + FrameHeader.ALIGNMENT;
        while (end < limit && term.getInt(end) == 0)
        {
            end += FrameHeader.ALIGNMENT;
        }
        return end;
    }
}
