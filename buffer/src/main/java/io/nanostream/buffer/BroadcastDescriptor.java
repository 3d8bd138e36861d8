package io.nanostream.buffer;

/**
 * The layout of a broadcast buffer ({@link BroadcastTransmitter}, {@link BroadcastReceiver}): a data
 * region of a power of two of bytes holding records, then a 128-byte trailer. All fields are
 * little-endian.
 *
 * <p>A record starts at a multiple of {@link #ALIGNMENT} bytes in the data region:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                            Length                             |  0  header included
 *  +---------------------------------------------------------------+
 *  |                             Type                              |  4  positive, or -1 for padding
 *  +---------------------------------------------------------------+
 *  |                  Payload (Length - 8 bytes)                  ...  8
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |       unused up to the next multiple of 8 bytes               |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * A padding record fills the end of the data region when a record does not fit before the wrap.
 * Records are overwritten in place lap after lap; nothing is zeroed.
 *
 * <p>The trailer follows the data region. Only the transmitter writes it, so its fields share a line:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      Tail Intent (long)                       |  capacity + 0   where the transmitter is
 *  |                                                               |                 about to write up to
 *  +---------------------------------------------------------------+
 *  |                          Tail (long)                          |  capacity + 8   the end of the last
 *  |                                                               |                 complete record
 *  +---------------------------------------------------------------+
 *  |                         Latest (long)                         |  capacity + 16  the start of the last
 *  |                                                               |                 complete record
 *  +---------------------------------------------------------------+
 *  |                     unused up to 128 bytes                   ...  capacity + 24
 *  +---------------------------------------------------------------+  capacity + 128
 * </pre>
 *
 * Tail intent, tail and latest are positions: bytes since the buffer was created, {@code position &
 * (capacity - 1)} being the index in the data region. A receiver whose record lies a whole capacity or more
 * behind the tail intent has been lapped.
 */
public final class BroadcastDescriptor
{
    /** Offset of a record's length (int) from the record's start. */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of a record's type (int) from the record's start. */
    public static final int TYPE_OFFSET = 4;
    /** Bytes of record header: length and type. */
    public static final int HEADER_LENGTH = 8;
    /** Records start at multiples of this. */
    public static final int ALIGNMENT = 8;
    /** The type of padding records, which receivers skip. */
    public static final int PADDING_TYPE = -1;

    /** Offset of the tail intent (long) from the end of the data region. */
    public static final int TAIL_INTENT_OFFSET = 0;
    /** Offset of the tail (long) from the end of the data region. */
    public static final int TAIL_OFFSET = 8;
    /** Offset of the latest record's position (long) from the end of the data region. */
    public static final int LATEST_OFFSET = 16;
    /** Bytes after the data region. */
    public static final int TRAILER_LENGTH = 128;

    /** The smallest data region: 1 KiB. */
    public static final int MIN_CAPACITY = 1024;
    /** The largest data region: 1 GiB. */
    public static final int MAX_CAPACITY = 1 << 30;

    private BroadcastDescriptor()
    {
    }

    /**
     * Checks a buffer's length and gives the data region's.
     *
     * @param bufferLength the whole buffer's length, trailer included.
     * @return the data capacity: {@code bufferLength - TRAILER_LENGTH}.
     * @throws IllegalArgumentException if the data capacity is not a power of two from 1 KiB to 1 GiB.
     */
    public static int checkCapacity(final long bufferLength)
    {
        final long dataLength = bufferLength - TRAILER_LENGTH;
        if (dataLength < MIN_CAPACITY || dataLength > MAX_CAPACITY || Long.bitCount(dataLength) != 1)
        {
            throw new IllegalArgumentException("broadcast data length must be a power of two from 1 KiB to 1 GiB, was " + dataLength);
        }
        return (int)dataLength;
    }

    /**
     * The longest payload a buffer of this capacity takes: an eighth of it.
     *
     * @param capacity the data capacity.
     * @return bytes.
     */
    public static int maxMessageLength(final int capacity)
    {
        return capacity / 8;
    }

    /**
     * Where a record's length is.
     *
     * @param recordOffset the record's start.
     * @return the offset of its length.
     */
    public static int lengthOffset(final int recordOffset)
    {
        return recordOffset + LENGTH_OFFSET;
    }

    /**
     * Where a record's type is.
     *
     * @param recordOffset the record's start.
     * @return the offset of its type.
     */
    public static int typeOffset(final int recordOffset)
    {
        return recordOffset + TYPE_OFFSET;
    }

    /**
     * Where a record's payload starts.
     *
     * @param recordOffset the record's start.
     * @return the offset of its payload.
     */
    public static int payloadOffset(final int recordOffset)
    {
        return recordOffset + HEADER_LENGTH;
    }

    /**
     * Rounds a record length up to {@link #ALIGNMENT}.
     *
     * @param length the length.
     * @return the aligned length.
     */
    public static int align(final int length)
    {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
