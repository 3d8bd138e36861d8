package io.nanostream.driver.conductor;

import io.nanostream.driver.status.ClientCounters;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The clients the driver knows, and the proof that each lives. A client is heard from when a command of its is read
 * (every command counts as a keepalive) and whenever the value of its heartbeat counter has moved since the last look:
 * the driver makes that counter when it first hears from the client, and the client writes a rising timestamp into
 * it. The counter is the client's own word, so a conductor that was busy or a command ring that was full never makes a
 * live client look silent; a client is timed out only after its counter has stood still for the whole timeout. Owned
 * by the conductor thread.
 */
final class ClientRegistry
{
    /** Of the driver's counters, at most this share goes to clients (two each), so that forged ids cannot fill them. */
    static final int COUNTERS_PER_CLIENT_SHARE = 8;

    private final LongFunction<ClientCounters> newHeartbeatCounter;
    /** Clients with counters at most: clients beyond are heard through their commands alone. */
    private final int maxClientsWithCounters;
    private final Map<Long, Client> clients = new HashMap<>();
    private int heartbeatCounters;

    /**
     * Creates the registry.
     *
     * @param newHeartbeatCounter makes a client's counters (heartbeat, slow cycles), by client id;
     * may throw if no counter is free.
     * @param counterCount        how many counters the driver has: an eighth of them, at most, go to clients.
     */
    ClientRegistry(final LongFunction<ClientCounters> newHeartbeatCounter, final int counterCount)
    {
        this.newHeartbeatCounter = newHeartbeatCounter;
        this.maxClientsWithCounters = Math.max(1, counterCount / COUNTERS_PER_CLIENT_SHARE / 2);
    }

    /** Notes that a client spoke; a client heard from the first time gets its heartbeat counter, if one is free. */
    void heardFrom(final long clientId, final long nowNanos)
    {
        Client client = clients.get(clientId);
        if (client == null)
        {
            client = new Client(heartbeatCounter(clientId));
            clients.put(clientId, client);
        }
        client.lastHeardNanos = nowNanos;
    }

    /** Notes that every known client may have spoken (their commands are held up). */
    void heardFromAll(final long nowNanos)
    {
        clients.values().forEach(client -> client.lastHeardNanos = nowNanos);
    }

    /** Forgets a client that closed, and frees its counter; true if it was known. */
    boolean remove(final long clientId, final long nowMillis)
    {
        final Client client = clients.remove(clientId);
        if (client == null)
        {
            return false;
        }
        free(client, nowMillis);
        return true;
    }

    /** What the conductor does with a client it timed out. */
    @FunctionalInterface
    interface TimeoutHandler
    {
        /**
         * A client was forgotten.
         *
         * @param clientId    the client.
         * @param silentNanos how long it had been silent.
         */
        void onTimeout(long clientId, long silentNanos);
    }

    /**
     * Notes every client whose heartbeat counter moved since the last look, then forgets every client silent for longer
     * than the timeout and tells the handler of each.
     *
     * @return how many were timed out.
     */
    int timeOut(final long nowNanos, final long nowMillis, final long timeoutNanos, final TimeoutHandler onTimeout)
    {
        int timedOut = 0;
        final Iterator<Map.Entry<Long, Client>> iterator = clients.entrySet().iterator();
        while (iterator.hasNext())
        {
            final Map.Entry<Long, Client> entry = iterator.next();
            final Client client = entry.getValue();
            if (client.counters != null)
            {
                final long value = client.counters.heartbeat().get(); // acquire (in get): written by the client; any change is a sign of life
                if (value != client.lastHeartbeatValue)
                {
                    client.lastHeartbeatValue = value;
                    client.lastHeardNanos = nowNanos;
                }
            }
            if (nowNanos - client.lastHeardNanos > timeoutNanos)
            {
                iterator.remove();
                free(client, nowMillis);
                onTimeout.onTimeout(entry.getKey(), nowNanos - client.lastHeardNanos);
                timedOut++;
            }
        }
        return timedOut;
    }

    /** How many clients are live. */
    int count()
    {
        return clients.size();
    }

    private ClientCounters heartbeatCounter(final long clientId)
    {
        if (heartbeatCounters >= maxClientsWithCounters)
        {
            return null;
        }
        try
        {
            final ClientCounters counter = newHeartbeatCounter.apply(clientId);
            heartbeatCounters++;
            return counter;
        }
        catch (final IllegalStateException ex)
        {
            return null; // no counter free: the client is heard through its commands, as before it found its counter
        }
    }

    private void free(final Client client, final long nowMillis)
    {
        if (client.counters != null)
        {
            client.counters.free(nowMillis);
            heartbeatCounters--;
        }
    }

    /** What the registry knows of one client. */
    private static final class Client
    {
        private final ClientCounters counters;
        private long lastHeartbeatValue;
        private long lastHeardNanos;

        private Client(final ClientCounters counters)
        {
            this.counters = counters;
            this.lastHeartbeatValue = counters == null ? 0 : counters.heartbeat().get();
        }
    }
}
