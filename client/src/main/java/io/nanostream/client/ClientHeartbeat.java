package io.nanostream.client;

import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.CountersReader;
import io.nanostream.client.protocol.CounterTypes;

/**
 * This client's heartbeat counter, which the driver makes when it first hears from the client: the client writes a
 * rising timestamp into it every keepalive interval, and the driver counts the client alive while the value moves. A
 * counter, unlike a keepalive command, needs no room in the command ring and no reading by the driver's conductor, so a
 * busy conductor or a full ring cannot make a live client look silent. Until the counter exists (or if the driver took
 * it back) the client falls back to a keepalive command. Owned by the client conductor's duty cycle.
 */
final class ClientHeartbeat
{
    private final CountersReader counters;
    private final long clientId;
    private int counterId = -1;
    private long lastValue;

    ClientHeartbeat(final CountersReader counters, final long clientId)
    {
        this.counters = counters;
        this.clientId = clientId;
    }

    /**
     * Writes the time into the heartbeat counter, always higher than the last value written.
     *
     * @param epochMillis the time.
     * @return false if the driver has no heartbeat counter for this client: send a keepalive command instead.
     */
    boolean beat(final long epochMillis)
    {
        if (counterId < 0 || !ClientCounterLookup.isOwn(counters, counterId, CounterTypes.CLIENT_HEARTBEAT, clientId))
        {
            counterId = ClientCounterLookup.find(counters, CounterTypes.CLIENT_HEARTBEAT, clientId);
            if (counterId < 0)
            {
                return false;
            }
        }
        lastValue = Math.max(epochMillis, lastValue + 1);
        counters.values().putLongRelease(CountersDescriptor.valueOffset(counterId),
            lastValue); // release: a fresh timestamp, orders nothing else
        return true;
    }

    /** {@return the counter's id, or -1 if none was found yet} */
    int counterId()
    {
        return counterId;
    }
}
