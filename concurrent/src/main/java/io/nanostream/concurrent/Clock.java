package io.nanostream.concurrent;

/**
 * Where agents read the time: a monotonic clock for intervals and timeouts, and the wall clock for what
 * other processes compare (heartbeats, reuse deadlines). Conductors take one so that tests can move
 * time by hand ({@link ManualClock}) instead of sleeping.
 */
public interface Clock
{
    /**
     * Monotonic time, for intervals.
     *
     * @return nanoseconds from an arbitrary origin.
     */
    long nanoTime();

    /**
     * Wall-clock time, for values other processes read.
     *
     * @return milliseconds since the epoch.
     */
    long epochMillis();
}
