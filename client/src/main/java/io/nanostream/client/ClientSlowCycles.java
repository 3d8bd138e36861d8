package io.nanostream.client;

import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.CountersReader;
import io.nanostream.client.protocol.CounterTypes;
import io.nanostream.concurrent.DutyCycleTracker;

/**
 * Counts this client's conductor duty cycles that took longer than {@link ClientContext#dutyCycleThreshold()}, into the
 * {@code client-cycles} counter the driver made for the client (found by the client's id when the first slow cycle
 * comes, and again whenever it is not found or no longer the client's), so that {@code stat} shows them beside the
 * driver's own agents. A slow cycle here delays the client's keepalives, image handlers and answers. Owned by the
 * thread that runs the client's conductor.
 */
final class ClientSlowCycles implements DutyCycleTracker
{
    private final CountersReader counters;
    private final long clientId;
    private final long thresholdNanos;
    private int counterId = -1;
    private long slowCycles;
    private volatile boolean stopped;

    ClientSlowCycles(final CountersReader counters, final long clientId, final long thresholdNanos)
    {
        this.counters = counters;
        this.clientId = clientId;
        this.thresholdNanos = thresholdNanos;
    }

    @Override
    public void cycleTook(final long cycleNanos)
    {
        if (cycleNanos <= thresholdNanos || stopped)
        {
            return;
        }
        slowCycles++;
        if (counterId < 0 || !ClientCounterLookup.isOwn(counters, counterId, CounterTypes.CLIENT_SLOW_CYCLES, clientId))
        {
            counterId = ClientCounterLookup.find(counters, CounterTypes.CLIENT_SLOW_CYCLES, clientId);
        }
        if (counterId >= 0)
        {
            counters.values().putLongRelease(CountersDescriptor.valueOffset(counterId),
                slowCycles); // release: a count, orders nothing else
        }
    }

    /** Stops writing the counter, before the client unmaps the driver's control file (from any thread). */
    void stop()
    {
        stopped = true; // volatile: an invoker's later cycle on another thread sees it
    }

    /** {@return the slow cycles so far} */
    long slowCycles()
    {
        return slowCycles;
    }
}
