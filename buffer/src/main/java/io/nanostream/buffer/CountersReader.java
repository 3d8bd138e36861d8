package io.nanostream.buffer;

import java.nio.charset.StandardCharsets;

/**
 * Reads counters that a {@link CounterSet} allocates in shared memory: metadata records of 512 bytes
 * (state, type, key, label) and values of 128 bytes each (one line pair per value, so counters written by
 * different threads never share a line).
 */
public class CountersReader
{
    /** Bytes of metadata per counter. */
    public static final int METADATA_LENGTH = 512;
    /** Bytes of value per counter. */
    public static final int VALUE_LENGTH = 128;
    /** A slot never used. */
    public static final int STATE_UNUSED = 0;
    /** A live counter. */
    public static final int STATE_ALLOCATED = 1;
    /** A freed counter, reusable after its deadline. */
    public static final int STATE_RECLAIMED = -1;
    /** Longest label, in UTF-8 bytes. */
    public static final int MAX_LABEL_LENGTH = 380;

    static final int STATE_OFFSET = 0;
    static final int TYPE_ID_OFFSET = 4;
    static final int REUSE_DEADLINE_OFFSET = 8;
    static final int KEY_OFFSET = 16;
    static final int LABEL_LENGTH_OFFSET = 128;
    static final int LABEL_OFFSET = 132;
    static final int REGISTRATION_ID_KEY = 0;
    static final int SESSION_ID_KEY = 8;
    static final int STREAM_ID_KEY = 12;
    static final int OWNER_ID_KEY = 16;

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
        this.maxCounterId = (int)Math.min(values.capacity() / VALUE_LENGTH, metadata.capacity() / METADATA_LENGTH) - 1;
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
     * @return {@link #STATE_UNUSED}, {@link #STATE_ALLOCATED} or {@link #STATE_RECLAIMED}.
     */
    public int state(final int id)
    {
        return metadata.getIntAcquire(metadataOffset(id) + STATE_OFFSET); // acquire: the metadata is complete once allocated
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
        return metadata.getLong(metadataOffset(id) + KEY_OFFSET + REGISTRATION_ID_KEY);
    }

    /**
     * The session id in a counter's key.
     *
     * @param id the counter id.
     * @return the session id.
     */
    public int sessionId(final int id)
    {
        return metadata.getInt(metadataOffset(id) + KEY_OFFSET + SESSION_ID_KEY);
    }

    /**
     * The stream id in a counter's key.
     *
     * @param id the counter id.
     * @return the stream id.
     */
    public int streamId(final int id)
    {
        return metadata.getInt(metadataOffset(id) + KEY_OFFSET + STREAM_ID_KEY);
    }

    /**
     * The owning client's id in a counter's key (0 for the driver's own).
     *
     * @param id the counter id.
     * @return the owner id.
     */
    public long ownerId(final int id)
    {
        return metadata.getLong(metadataOffset(id) + KEY_OFFSET + OWNER_ID_KEY);
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
     * The buffer holding the values, for writers of one counter (see {@link #valueOffset(int)}).
     *
     * @return the values section.
     */
    public AtomicBuffer values()
    {
        return values;
    }

    /**
     * Where a counter's value lives in {@link #values()}.
     *
     * @param id the counter id.
     * @return the offset.
     */
    public static int valueOffset(final int id)
    {
        return id * VALUE_LENGTH;
    }

    static int metadataOffset(final int id)
    {
        return id * METADATA_LENGTH;
    }
}
