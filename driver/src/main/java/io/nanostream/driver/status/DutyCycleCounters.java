package io.nanostream.driver.status;

import io.nanostream.buffer.Counter;
import io.nanostream.concurrent.DutyCycleTracker;

/**
 * One agent's duty cycles in the driver's counters: {@code <role> longest cycle ns} (a gauge of the longest cycle over
 * the threshold so far) and {@code <role> cycles over <threshold>}. A cycle over the threshold held back everything
 * that agent does meanwhile: commands for the conductor, datagrams for the sender and the receiver. Written by the
 * agent's thread; read by {@code stat}.
 */
public final class DutyCycleCounters implements DutyCycleTracker
{
    private final Counter longest;
    private final Counter overThreshold;
    private final long thresholdNanos;

    DutyCycleCounters(final Counter longest, final Counter overThreshold, final long thresholdNanos)
    {
        this.longest = longest;
        this.overThreshold = overThreshold;
        this.thresholdNanos = thresholdNanos;
    }

    @Override
    public void cycleTook(final long cycleNanos)
    {
        if (cycleNanos > thresholdNanos)
        {
            overThreshold.add(1);
            if (cycleNanos > longest.get())
            {
                longest.set(cycleNanos);
            }
        }
    }

    /** {@return the cycles over the threshold so far} */
    public long cyclesOverThreshold()
    {
        return overThreshold.get();
    }
}
