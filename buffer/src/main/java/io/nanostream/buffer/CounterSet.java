package io.nanostream.buffer;

import java.nio.charset.StandardCharsets;

import static io.nanostream.buffer.CountersDescriptor.FREE_FOR_REUSE_DEADLINE_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.KEY_LENGTH;
import static io.nanostream.buffer.CountersDescriptor.KEY_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.LABEL_LENGTH_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.LABEL_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.MAX_LABEL_LENGTH;
import static io.nanostream.buffer.CountersDescriptor.OWNER_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.REGISTRATION_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.SESSION_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.STATE_ALLOCATED;
import static io.nanostream.buffer.CountersDescriptor.STATE_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.STATE_RECLAIMED;
import static io.nanostream.buffer.CountersDescriptor.STREAM_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.TYPE_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.VALUE_LENGTH;
import static io.nanostream.buffer.CountersDescriptor.VALUE_REGISTRATION_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.metadataOffset;
import static io.nanostream.buffer.CountersDescriptor.valueOffset;

/**
 * Allocates and frees counters in shared memory; one allocating thread (the driver's conductor).
 * A counter's value may be written by any one thread (the one that owns what it counts) and read by all.
 * The records are drawn in {@link CountersDescriptor}.
 */
public final class CounterSet extends CountersReader
{
    private final long reuseDelayMillis;
    private int highWaterMark = -1;

    /**
     * Views counter buffers for allocation.
     *
     * @param metadata         the metadata section, zeroed when new.
     * @param values           the values section, zeroed when new.
     * @param reuseDelayMillis how long a freed counter rests before its slot is reused.
     */
    public CounterSet(final AtomicBuffer metadata, final AtomicBuffer values, final long reuseDelayMillis)
    {
        super(metadata, values);
        this.reuseDelayMillis = reuseDelayMillis;
    }

    /**
     * Allocates a counter, its value zero.
     *
     * @param typeId         its type.
     * @param registrationId the registration id of what it counts.
     * @param sessionId      a session id, or 0.
     * @param streamId       a stream id, or 0.
     * @param ownerId        the owning client, or 0.
     * @param label          a human-readable label (truncated to {@link
     * CountersDescriptor#MAX_LABEL_LENGTH} UTF-8 bytes).
     * @param nowMillis      the current epoch time.
     * @return the counter id.
     * @throws IllegalStateException if every slot is in use.
     */
    public int allocate(
        final int typeId, final long registrationId, final int sessionId, final int streamId, final long ownerId,
        final String label, final long nowMillis)
    {
        final int id = freeId(nowMillis);
        final int offset = metadataOffset(id);
        metadata.putInt(offset + TYPE_ID_OFFSET, typeId);
        metadata.putLong(offset + FREE_FOR_REUSE_DEADLINE_OFFSET, 0);
        metadata.setMemory(offset + KEY_OFFSET, KEY_LENGTH, (byte)0);
        metadata.putLong(offset + REGISTRATION_ID_OFFSET, registrationId);
        metadata.putInt(offset + SESSION_ID_OFFSET, sessionId);
        metadata.putInt(offset + STREAM_ID_OFFSET, streamId);
        metadata.putLong(offset + OWNER_ID_OFFSET, ownerId);
        final byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
        final int length = Math.min(bytes.length, MAX_LABEL_LENGTH);
        metadata.putInt(offset + LABEL_LENGTH_OFFSET, length);
        metadata.putBytes(offset + LABEL_OFFSET, bytes, 0, length);
        values.setMemory(valueOffset(id), VALUE_LENGTH, (byte)0);
        values.putLong(valueOffset(id) + VALUE_REGISTRATION_ID_OFFSET, registrationId);
        metadata.putIntRelease(offset + STATE_OFFSET,
            STATE_ALLOCATED); // release: metadata and zeroed value are complete
        return id;
    }

    private int freeId(final long nowMillis)
    {
        for (int id = 0; id <= highWaterMark; id++)
        {
            final int offset = metadataOffset(id);
            if (metadata.getInt(offset + STATE_OFFSET) == STATE_RECLAIMED &&
                metadata.getLong(offset + FREE_FOR_REUSE_DEADLINE_OFFSET) <= nowMillis)
            {
                return id;
            }
        }
        if (highWaterMark >= maxCounterId)
        {
            throw new IllegalStateException("no free counter: all " + (maxCounterId + 1) +
                " are in use; give the driver a larger counters buffer");
        }
        return ++highWaterMark;
    }

    /**
     * Allocates a counter and hands back its handle (see {@link #allocate} for the fields).
     *
     * @param typeId         what the counter measures.
     * @param registrationId the registration it belongs to.
     * @param sessionId      its session, or 0.
     * @param streamId       its stream, or 0.
     * @param ownerId        the client that owns it, or 0.
     * @param label          a label for people.
     * @param nowMillis      the wall-clock time.
     * @return the handle.
     */
    public Counter newCounter(
        final int typeId, final long registrationId, final int sessionId, final int streamId, final long ownerId,
        final String label, final long nowMillis)
    {
        return new Counter(this, allocate(typeId, registrationId, sessionId, streamId, ownerId, label, nowMillis));
    }

    /**
     * Frees a counter; its slot is reused after the reuse delay.
     *
     * @param id        the counter id.
     * @param nowMillis the current epoch time.
     */
    public void free(final int id, final long nowMillis)
    {
        final int offset = metadataOffset(id);
        metadata.putLong(offset + FREE_FOR_REUSE_DEADLINE_OFFSET, nowMillis + reuseDelayMillis);
        metadata.putIntRelease(offset + STATE_OFFSET,
            STATE_RECLAIMED); // release: the deadline is set before the slot looks free
    }

    /**
     * Sets a counter's value with release semantics.
     *
     * @param id    the counter id.
     * @param value the value.
     */
    public void set(final int id, final long value)
    {
        values.putLongRelease(valueOffset(id), value); // release: what the value stands for is visible before it
    }

    /**
     * Adds to a counter atomically.
     *
     * @param id    the counter id.
     * @param delta the amount.
     * @return the value before.
     */
    public long add(final int id, final long delta)
    {
        return values.getAndAddLong(valueOffset(id), delta); // volatile read-modify-write: no add is lost
    }
}
