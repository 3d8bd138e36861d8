package io.nanostream.buffer;

/**
 * The layout of counters in shared memory ({@link CountersReader}, {@link CounterSet}, {@link Counter}):
 * two buffers indexed by counter id, one of 512-byte metadata records, one of 128-byte value records.
 * Counter {@code id} has its metadata at {@code id * 512} and its value at {@code id * 128}. All fields
 * are little-endian.
 *
 * <p>A metadata record, written by the allocating thread (the driver's conductor) and published by a
 * release store of its state:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                             State                             |   0  0 unused, 1 allocated, -1 reclaimed
 *  +---------------------------------------------------------------+
 *  |                            Type Id                            |   4
 *  +---------------------------------------------------------------+
 *  |                 Free-for-Reuse Deadline (epoch ms)            |   8  0 while allocated
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Registration Id                        |  16  key: 112 bytes from here
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Session Id                           |  24
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  28
 *  +---------------------------------------------------------------+
 *  |                      Owner (Client) Id                        |  32  0 for the driver's own
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      zero up to offset 128                   ...  40
 *  +---------------------------------------------------------------+
 *  |                         Label Length                          | 128  UTF-8 bytes, at most 380
 *  +---------------------------------------------------------------+
 *  |                      Label (UTF-8, 380 bytes)                ... 132
 * ...                                                              |
 *  +---------------------------------------------------------------+ 512
 * </pre>
 *
 * <p>A value record, written by the one thread that owns what the counter measures (or added to
 * atomically) and read by anyone; 128 bytes so that counters written by different threads never share a
 * cache line pair:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                          Value (long)                         |   0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Registration Id                        |   8  as in the metadata, set at allocation
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      unused up to 128 bytes                  ...  16
 *  +---------------------------------------------------------------+ 128
 * </pre>
 */
public final class CountersDescriptor
{
    /** Bytes of metadata per counter. */
    public static final int METADATA_LENGTH = 512;
    /** Bytes of value record per counter: a cache line pair. */
    public static final int VALUE_LENGTH = 128;

    /** State: a slot never used. */
    public static final int STATE_UNUSED = 0;
    /** State: a live counter. */
    public static final int STATE_ALLOCATED = 1;
    /** State: a freed counter, reusable after its deadline. */
    public static final int STATE_RECLAIMED = -1;

    /** Offset of the state (int) in a metadata record. */
    public static final int STATE_OFFSET = 0;
    /** Offset of the type id (int) in a metadata record. */
    public static final int TYPE_ID_OFFSET = 4;
    /** Offset of the free-for-reuse deadline (long, epoch milliseconds) in a metadata record. */
    public static final int FREE_FOR_REUSE_DEADLINE_OFFSET = 8;
    /** Offset of the key in a metadata record. */
    public static final int KEY_OFFSET = 16;
    /** Offset of the registration id (long) in a metadata record: the key's first field. */
    public static final int REGISTRATION_ID_OFFSET = KEY_OFFSET;
    /** Offset of the session id (int) in a metadata record. */
    public static final int SESSION_ID_OFFSET = KEY_OFFSET + 8;
    /** Offset of the stream id (int) in a metadata record. */
    public static final int STREAM_ID_OFFSET = KEY_OFFSET + 12;
    /** Offset of the owning client's id (long) in a metadata record. */
    public static final int OWNER_ID_OFFSET = KEY_OFFSET + 16;
    /** Offset of the label length (int) in a metadata record. */
    public static final int LABEL_LENGTH_OFFSET = 128;
    /** Bytes of key, zeroed at allocation. */
    public static final int KEY_LENGTH = LABEL_LENGTH_OFFSET - KEY_OFFSET;
    /** Offset of the label (UTF-8) in a metadata record. */
    public static final int LABEL_OFFSET = LABEL_LENGTH_OFFSET + 4;
    /** Longest label, in UTF-8 bytes: the rest of the metadata record. */
    public static final int MAX_LABEL_LENGTH = METADATA_LENGTH - LABEL_OFFSET;

    /** Offset of the value (long) in a value record. */
    public static final int VALUE_OFFSET = 0;
    /** Offset of the registration id (long) in a value record. */
    public static final int VALUE_REGISTRATION_ID_OFFSET = 8;

    private CountersDescriptor()
    {
    }

    /**
     * Where a counter's metadata record starts in the metadata buffer.
     *
     * @param id the counter id.
     * @return the offset.
     */
    public static int metadataOffset(final int id)
    {
        return id * METADATA_LENGTH;
    }

    /**
     * Where a counter's value record starts in the values buffer, which is where its value is
     * ({@link #VALUE_OFFSET} is 0).
     *
     * @param id the counter id.
     * @return the offset.
     */
    public static int valueOffset(final int id)
    {
        return id * VALUE_LENGTH;
    }

    /**
     * How many counters buffers of these lengths hold.
     *
     * @param metadataLength the metadata buffer's length.
     * @param valuesLength   the values buffer's length.
     * @return the number of counters both have room for.
     */
    public static int counterCount(final long metadataLength, final long valuesLength)
    {
        return (int)Math.min(valuesLength / VALUE_LENGTH, metadataLength / METADATA_LENGTH);
    }
}
