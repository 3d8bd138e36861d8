package io.nanostream.driver.udp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When to NAK the first gap of an image: a short delay after a gap appears (time for a reordered frame),
 * a random one for multicast (so that the resend one receiver's NAK causes fills the others' gaps before
 * they NAK), then a retry while the gap stays open. Receiver thread only; the clock is passed in.
 */
final class LossDetector
{
    /** Delay before the first NAK for a unicast gap. */
    static final long NAK_DELAY_NANOS = 100_000L;
    /** The longest random delay before a multicast receiver NAKs a new gap. */
    static final long NAK_MULTICAST_MAX_BACKOFF_NANOS = 10_000_000L;
    /** Delay between NAKs for a gap that is still open; longer than the sender's resend linger. */
    static final long NAK_RETRY_NANOS = 5_000_000L;

    private final boolean multicast;
    private long gapPosition = -1;
    private long deadlineNanos;
    private boolean naked;

    LossDetector(final boolean multicast)
    {
        this.multicast = multicast;
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
            deadlineNanos = nowNanos + (multicast ? ThreadLocalRandom.current().nextLong(NAK_MULTICAST_MAX_BACKOFF_NANOS) : NAK_DELAY_NANOS);
            return false;
        }
        return nowNanos - deadlineNanos >= 0;
    }

    /**
     * Records that the due NAK was sent.
     *
     * @param nowNanos the time.
     * @return true if it was the gap's first NAK (a new loss, not a retry).
     */
    boolean onNakSent(final long nowNanos)
    {
        deadlineNanos = nowNanos + NAK_RETRY_NANOS;
        final boolean first = !naked;
        naked = true;
        return first;
    }
}
