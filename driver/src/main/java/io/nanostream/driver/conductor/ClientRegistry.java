package io.nanostream.driver.conductor;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The clients the driver knows, with the time each was last heard from: every command counts as a
 * keepalive. Owned by the conductor thread.
 */
final class ClientRegistry
{
    private final Map<Long, Long> lastHeardMillis = new HashMap<>();

    /** Notes that a client spoke. */
    void heardFrom(final long clientId, final long nowMillis)
    {
        lastHeardMillis.put(clientId, nowMillis);
    }

    /** Notes that every known client may have spoken (their commands are held up). */
    void heardFromAll(final long nowMillis)
    {
        lastHeardMillis.replaceAll((clientId, last) -> nowMillis);
    }

    /** Forgets a client that closed; true if it was known. */
    boolean remove(final long clientId)
    {
        return lastHeardMillis.remove(clientId) != null;
    }

    /** Forgets every client silent for longer than the timeout, and tells the consumer of each. */
    int timeOut(final long nowMillis, final long timeoutMillis, final LongConsumer onTimeout)
    {
        int timedOut = 0;
        final Iterator<Map.Entry<Long, Long>> iterator = lastHeardMillis.entrySet().iterator();
        while (iterator.hasNext())
        {
            final Map.Entry<Long, Long> client = iterator.next();
            if (nowMillis - client.getValue() > timeoutMillis)
            {
                iterator.remove();
                onTimeout.accept(client.getKey());
                timedOut++;
            }
        }
        return timedOut;
    }

    /** How many clients are live. */
    int count()
    {
        return lastHeardMillis.size();
    }
}
