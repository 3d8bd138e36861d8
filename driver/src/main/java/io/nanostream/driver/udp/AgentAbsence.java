package io.nanostream.driver.udp;

/**
 * How long an agent's thread was away between two of its duty cycles, beyond what idling explains: descheduled on a
 * busy machine, stopped by a GC pause, or held by a long conductor cycle in the shared threading mode. A timeout that
 * judges a peer by what this thread saw (an image's silence, a receiver's status messages) is moved on by that time,
 * so a peer is never taken for gone because this thread could not look. Owned by one agent thread.
 */
final class AgentAbsence
{
    /** A gap between two duty cycles up to this long is the agent's own idling, and counts as watching. */
    static final long EXPECTED_GAP_NANOS = 100_000_000L;

    private long lastCycleNanos;
    private boolean started;

    /**
     * Notes a duty cycle.
     *
     * @param nowNanos the cycle's time.
     * @return how long the thread was away since the last cycle beyond {@link #EXPECTED_GAP_NANOS}; usually 0.
     */
    long since(final long nowNanos)
    {
        final long gap = started ? nowNanos - lastCycleNanos : 0;
        lastCycleNanos = nowNanos;
        started = true;
        return Math.max(0, gap - EXPECTED_GAP_NANOS);
    }
}
