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
 * @param clientsTimedOut clients forgotten because they stopped heartbeating (each is also in the distinct-error log).
 */
public record SystemCounters(
    Counter clients, Counter publications, Counter subscriptions, Counter errors, Counter unblockedFrames,
    Counter clientsTimedOut)
{
}
