package io.nanostream.client;

import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.CountersReader;

/**
 * Finds a counter the driver made for this client (its heartbeat, its slow cycles) by type and client id, and checks
 * that one found earlier is still the client's: the driver may free a counter and reuse its slot. Stateless.
 */
final class ClientCounterLookup
{
    private ClientCounterLookup()
    {
    }

    /**
     * Whether a counter is allocated, of the type, and the client's.
     *
     * @param counters the driver's counters.
     * @param id       the counter.
     * @param typeId   its type.
     * @param clientId the client.
     * @return true if so.
     */
    static boolean isOwn(final CountersReader counters, final int id, final int typeId, final long clientId)
    {
        return counters.state(id) == CountersDescriptor.STATE_ALLOCATED && counters.typeId(id) == typeId &&
            counters.registrationId(id) == clientId;
    }

    /**
     * Finds the client's counter of a type.
     *
     * @param counters the driver's counters.
     * @param typeId   its type.
     * @param clientId the client.
     * @return its id, or -1 if the driver has none (yet).
     */
    static int find(final CountersReader counters, final int typeId, final long clientId)
    {
        for (int id = 0, max = counters.maxCounterId(); id <= max; id++)
        {
            if (counters.state(id) == CountersDescriptor.STATE_UNUSED)
            {
                break; // counters are allocated from the lowest id: none beyond the first never used
            }
            if (isOwn(counters, id, typeId, clientId))
            {
                return id;
            }
        }
        return -1;
    }
}
