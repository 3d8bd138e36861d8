package io.nanostream.driver.status;

import io.nanostream.buffer.Counter;

/**
 * The counters the driver makes for a client when it first hears from it, and which the client finds by its id and
 * writes: {@code client-hb}, a rising timestamp that proves it lives, and {@code client-cycles}, its conductor's duty
 * cycles over the client's threshold. Made and freed by the conductor thread; written by the client.
 *
 * @param heartbeat  the heartbeat counter.
 * @param slowCycles the slow duty cycle counter.
 */
public record ClientCounters(Counter heartbeat, Counter slowCycles)
{
    /**
     * Frees both.
     *
     * @param nowMillis the time, from which the slots wait before reuse.
     */
    public void free(final long nowMillis)
    {
        heartbeat.free(nowMillis);
        slowCycles.free(nowMillis);
    }
}
