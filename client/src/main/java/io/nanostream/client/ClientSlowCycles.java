package io.nanostream.client;

import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.CountersReader;
import io.nanostream.client.protocol.CounterTypes;
import io.nanostream.concurrent.DutyCycleTracker;

/**
 * Counts this client's conductor duty cycles that took longer than {@link ClientContext#dutyCycleThreshold()}, into the
 * {@code client-cycles} counter the driver made for the client (found by the client's id when the first slow cycle
 * comes, and again whenever it is not found or no longer the client's), so that {@code stat} shows them beside the
 * driver's own agents. A slow cycle here delays the client's keepalives, image handlers and answers. Owned by the thread
 * that runs the client's conductor.
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
        if (counterId < 0 || !isMine(counterId))
        {
            counterId = find();
        }
        if (counterId >= 0)
        {
            counters.values().putLongRelease(CountersDescriptor.valueOffset(counterId), slowCycles); // release: a count, orders nothing else
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

    private boolean isMine(final int id)
    {
        return counters.state(id) == CountersDescriptor.STATE_ALLOCATED && counters.typeId(id) == CounterTypes.CLIENT_SLOW_CYCLES &&
            counters.registrationId(id) == clientId;
    }

    private int find()
    {
        for (int id = 0, max = counters.maxCounterId(); id <= max; id++)
        {
            if (counters.state(id) == CountersDescriptor.STATE_UNUSED)
            {
                break; // counters are allocated from the lowest id: none beyond the first never used
            }
            if (isMine(id))
            {
                return id;
            }
        }
        return -1;
    }
}
