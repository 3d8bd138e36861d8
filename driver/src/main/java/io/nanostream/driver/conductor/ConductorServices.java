package io.nanostream.driver.conductor;

import io.nanostream.concurrent.Clock;
import io.nanostream.driver.status.DriverCounters;

import java.util.function.LongSupplier;

/**
 * What every part of the conductor works with: its settings, the maker of logs, the counters, the way back to the
 * clients, the error log, session and correlation ids, and its clock. Made once by {@link DriverConductor} and handed
 * to {@code IpcPublications}, {@code NetworkConductor}, {@code NetworkPublications} and {@code NetworkSubscriptions},
 * which all run on the conductor thread.
 *
 * @param settings       the driver's settings, as the conductor uses them.
 * @param logs           makes and places log files.
 * @param counters       makes and frees counters.
 * @param clientProxy    answers and tells the clients.
 * @param errors         the distinct-error log.
 * @param sessionIds     hands out session ids.
 * @param correlationIds hands out registration and correlation ids.
 * @param clock          the conductor's clock, read once per duty cycle.
 */
record ConductorServices(
    ConductorSettings settings, LogFactory logs, DriverCounters counters, ClientProxy clientProxy, ErrorRecorder errors,
    SessionIds sessionIds, LongSupplier correlationIds, Clock clock)
{
}
