package io.nanostream.cli;

import io.nanostream.buffer.CountersReader;

import java.util.ArrayList;
import java.util.List;

/**
 * One counter as the monitoring commands read it, at one moment: its ids, type, value and label.
 *
 * @param id             the counter id.
 * @param type           its type, one of {@code CounterTypes}.
 * @param value          its value.
 * @param registrationId the publication, subscription or client it belongs to.
 * @param sessionId      its stream's session, or 0.
 * @param streamId       its stream, or 0.
 * @param clientId       the client that owns it, or 0 for the driver's own.
 * @param label          its label, which names the channel.
 */
record CounterRow(int id, int type, long value, long registrationId, int sessionId, int streamId, long clientId,
    String label)
{
    /**
     * Reads every allocated counter.
     *
     * @param counters the driver's counters.
     * @return the rows, by id.
     */
    static List<CounterRow> readAll(final CountersReader counters)
    {
        final List<CounterRow> rows = new ArrayList<>();
        counters.forEach((id, type, label, value) -> rows.add(new CounterRow(id, type, value,
            counters.registrationId(id), counters.sessionId(id), counters.streamId(id), counters.ownerId(id), label)));
        return rows;
    }
}
