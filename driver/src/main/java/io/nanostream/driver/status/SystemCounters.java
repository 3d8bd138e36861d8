package io.nanostream.driver.status;

import io.nanostream.buffer.Counter;

/**
 * The driver-wide counters of the conductor: gauges of what it holds, and totals of what went wrong.
 * Written on the conductor thread.
 *
 * @param clients         live clients (a gauge).
 * @param publications    publications, IPC and UDP (a gauge).
 * @param subscriptions   subscriptions, IPC and UDP (a gauge).
 * @param errors          errors recorded in the distinct-error log.
 * @param unblockedFrames frames padded over because their publisher died mid-claim.
 * @param maxCycleNanos   the conductor's longest duty cycle so far, in nanoseconds (a gauge).
 * @param longCycles      conductor duty cycles longer than {@link #LONG_CYCLE_NANOS}.
 * @param clientsTimedOut clients forgotten because they stopped heartbeating (each is also in the distinct-error log).
 */
public record SystemCounters(
    Counter clients, Counter publications, Counter subscriptions, Counter errors, Counter unblockedFrames, Counter maxCycleNanos,
    Counter longCycles, Counter clientsTimedOut)
{
    /** A conductor duty cycle longer than this is counted: it held back every client's commands meanwhile. */
    public static final long LONG_CYCLE_NANOS = 1_000_000L;

    /**
     * Notes how long a conductor duty cycle took.
     *
     * @param cycleNanos the cycle's length.
     */
    public void cycleTook(final long cycleNanos)
    {
        if (cycleNanos > LONG_CYCLE_NANOS)
        {
            longCycles.add(1);
            if (cycleNanos > maxCycleNanos.get())
            {
                maxCycleNanos.set(cycleNanos);
            }
        }
    }
}
