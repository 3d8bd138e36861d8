package io.nanostream.buffer;

import java.nio.charset.StandardCharsets;

import static io.nanostream.buffer.CountersDescriptor.LABEL_LENGTH_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.LABEL_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.MAX_LABEL_LENGTH;
import static io.nanostream.buffer.CountersDescriptor.OWNER_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.REGISTRATION_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.SESSION_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.STATE_ALLOCATED;
import static io.nanostream.buffer.CountersDescriptor.STATE_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.STATE_UNUSED;
import static io.nanostream.buffer.CountersDescriptor.STREAM_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.TYPE_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.metadataOffset;
import static io.nanostream.buffer.CountersDescriptor.valueOffset;

/**
 * Reads counters that a {@link CounterSet} allocates in shared memory: a metadata record per counter
 * (state, type, key, label) and a value record per counter, each value on a cache line pair of its own so
 * that counters written by different threads never share a line. The records are drawn in
 * {@link CountersDescriptor}.
 */
public class CountersReader
{
    final AtomicBuffer metadata;
    final AtomicBuffer values;
    final int maxCounterId;

    /**
     * Views counter buffers.
     *
     * @param metadata the metadata section.
     * @param values   the values section.
     */
    public CountersReader(final AtomicBuffer metadata, final AtomicBuffer values)
    {
        this.metadata = metadata;
        this.values = values;
        this.maxCounterId = CountersDescriptor.counterCount(metadata.capacity(), values.capacity()) - 1;
    }

    /**
     * The highest counter id the buffers can hold.
     *
     * @return the id.
     */
    public int maxCounterId()
    {
        return maxCounterId;
    }

    /**
     * A counter's state.
     *
     * @param id the counter id.
     * @return {@link CountersDescriptor#STATE_UNUSED}, {@link CountersDescriptor#STATE_ALLOCATED} or
     *         {@link CountersDescriptor#STATE_RECLAIMED}.
     */
    public int state(final int id)
    {
        return metadata.getIntAcquire(metadataOffset(id) +
            STATE_OFFSET); // acquire: the metadata is complete once allocated
    }

    /**
     * A counter's type.
     *
     * @param id the counter id.
     * @return the type id.
     */
    public int typeId(final int id)
    {
        return metadata.getInt(metadataOffset(id) + TYPE_ID_OFFSET);
    }

    /**
     * The registration id in a counter's key.
     *
     * @param id the counter id.
     * @return the registration id.
     */
    public long registrationId(final int id)
    {
        return metadata.getLong(metadataOffset(id) + REGISTRATION_ID_OFFSET);
    }

    /**
     * The session id in a counter's key.
     *
     * @param id the counter id.
     * @return the session id.
     */
    public int sessionId(final int id)
    {
        return metadata.getInt(metadataOffset(id) + SESSION_ID_OFFSET);
    }

    /**
     * The stream id in a counter's key.
     *
     * @param id the counter id.
     * @return the stream id.
     */
    public int streamId(final int id)
    {
        return metadata.getInt(metadataOffset(id) + STREAM_ID_OFFSET);
    }

    /**
     * The owning client's id in a counter's key (0 for the driver's own).
     *
     * @param id the counter id.
     * @return the owner id.
     */
    public long ownerId(final int id)
    {
        return metadata.getLong(metadataOffset(id) + OWNER_ID_OFFSET);
    }

    /**
     * A counter's label.
     *
     * @param id the counter id.
     * @return the label.
     */
    public String label(final int id)
    {
        final int offset = metadataOffset(id);
        final int length = Math.min(metadata.getInt(offset + LABEL_LENGTH_OFFSET), MAX_LABEL_LENGTH);
        final byte[] bytes = new byte[Math.max(length, 0)];
        metadata.getBytes(offset + LABEL_OFFSET, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A counter's value.
     *
     * @param id the counter id.
     * @return the value, read with acquire semantics.
     */
    public long value(final int id)
    {
        return values.getLongAcquire(valueOffset(id)); // acquire: pairs with the writer's release
    }

    /**
     * Visits every allocated counter.
     *
     * @param visitor receives each one.
     */
    public void forEach(final CounterVisitor visitor)
    {
        for (int id = 0; id <= maxCounterId; id++)
        {
            final int state = state(id);
            if (state == STATE_UNUSED)
            {
                break;
            }
            if (state == STATE_ALLOCATED)
            {
                visitor.visit(id, typeId(id), label(id), value(id));
            }
        }
    }

    /**
     * The buffer holding the values, for writers of one counter (see {@link CountersDescriptor#valueOffset(int)}).
     *
     * @return the values section.
     */
    public AtomicBuffer values()
    {
        return values;
    }
}
