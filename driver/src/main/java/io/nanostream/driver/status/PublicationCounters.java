package io.nanostream.driver.status;

import io.nanostream.buffer.Counter;

/**
 * The counters every publication has, IPC or UDP: how far its publishers may go, where they are, and how
 * often they were held back. Set on the conductor thread; back pressure is added to by publishers.
 *
 * @param limit        the publisher limit (clients read it before each offer that reaches their cached view).
 * @param position     the producer position, for monitoring.
 * @param backPressure how many offers found the limit reached.
 */
public record PublicationCounters(Counter limit, Counter position, Counter backPressure)
{
    /**
     * Frees all three.
     *
     * @param nowMillis the wall-clock time.
     */
    public void free(final long nowMillis)
    {
        limit.free(nowMillis);
        position.free(nowMillis);
        backPressure.free(nowMillis);
    }
}
