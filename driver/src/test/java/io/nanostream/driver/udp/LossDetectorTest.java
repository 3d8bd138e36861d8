package io.nanostream.driver.udp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a gap is NAKed: after a fixed short delay on unicast, after a random one spread over the backoff on multicast.
 */
class LossDetectorTest
{
    /** The first time at which a NAK for a gap just seen at time 0 is due, probed in 10 µs steps. */
    private static long firstDue(final LossDetector detector, final long gapPosition)
    {
        assertThat(detector.isNakDue(gapPosition, gapPosition + 64, 0)).as("never at once").isFalse();
        for (long now = 0; now <= 2 * LossDetector.NAK_MULTICAST_MAX_BACKOFF_NANOS; now += 10_000)
        {
            if (detector.isNakDue(gapPosition, gapPosition + 64, now))
            {
                return now;
            }
        }
        throw new AssertionError("no NAK due for the gap at " + gapPosition);
    }

    @Test
    void aUnicastGapIsDueAfterTheFixedDelay()
    {
        final LossDetector detector = new LossDetector(false, LossDetector.NAK_DELAY_NANOS);
        assertThat(firstDue(detector, 64)).isBetween(LossDetector.NAK_DELAY_NANOS, LossDetector.NAK_DELAY_NANOS +
            10_000);
    }

    /**
     * Receivers of one group that wait different times let the first NAK's resend fill everyone's gap. The delays of
     * 1000 gaps stay within the backoff and spread over it: with uniform delays, fewer than half over a tenth of the
     * backoff has a probability below 1e-200.
     */
    @Test
    void multicastGapsWaitRandomDelaysSpreadOverTheBackoff()
    {
        final LossDetector detector = new LossDetector(true, LossDetector.NAK_MULTICAST_MAX_BACKOFF_NANOS);
        int overATenth = 0;
        long earliest = Long.MAX_VALUE;
        long latest = 0;
        for (int gap = 1; gap <= 1000; gap++)
        {
            final long due = firstDue(detector, gap * 64L);
            earliest = Math.min(earliest, due);
            latest = Math.max(latest, due);
            overATenth += due > LossDetector.NAK_MULTICAST_MAX_BACKOFF_NANOS / 10 ? 1 : 0;
        }
        assertThat(latest).isLessThanOrEqualTo(LossDetector.NAK_MULTICAST_MAX_BACKOFF_NANOS);
        assertThat(overATenth).as("gaps whose NAK waited over a tenth of the backoff").isGreaterThan(500);
        assertThat(latest - earliest).as("spread").isGreaterThan(LossDetector.NAK_MULTICAST_MAX_BACKOFF_NANOS / 2);
    }
}
