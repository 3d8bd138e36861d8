package io.nanostream.buffer;

/**
 * The layout of a {@link MessageRing}: a data region of a power of two of bytes holding records, then a
 * trailer of five counters. All fields are little-endian.
 *
 * <p>A record starts at a multiple of {@link #ALIGNMENT} bytes in the data region:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                            Length                             |  0  header included; negative while being written
 *  +---------------------------------------------------------------+
 *  |                             Type                              |  4  positive, or -1 for padding
 *  +---------------------------------------------------------------+
 *  |                  Payload (Length - 8 bytes)                  ...  8
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |            zero up to the next multiple of 8 bytes            |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Length and type are stored together as one 8-byte word ({@link #header}). A padding record fills the
 * end of the data region when a record does not fit before the wrap.
 *
 * <p>The trailer follows the data region; each counter is a long on a 128-byte line of its own, so that
 * writers claiming, the reader freeing and anyone taking ids never write to the same cache line pair:
 *
 * <pre>
 *  +---------------------------------------------------------------+  capacity
 *  |                     Tail Position (long)                      |  +0    writers claim by CAS
 *  |                     ... to the next line                      |
 *  +---------------------------------------------------------------+
 *  |                  Head Cache Position (long)                   |  +128  writers' cached copy of the head
 *  |                     ... to the next line                      |
 *  +---------------------------------------------------------------+
 *  |                     Head Position (long)                      |  +256  the reader's, after zeroing what it read
 *  |                     ... to the next line                      |
 *  +---------------------------------------------------------------+
 *  |                  Correlation Counter (long)                   |  +384  the last id handed out
 *  |                     ... to the next line                      |
 *  +---------------------------------------------------------------+
 *  |             Consumer Heartbeat (long, epoch ms)               |  +512  the reader's last sign of life
 *  |                     ... to the next line                      |
 *  +---------------------------------------------------------------+  capacity + 640
 * </pre>
 *
 * Positions count bytes since the ring was created; {@code position & (capacity - 1)} is the index in
 * the data region.
 */
public final class MessageRingDescriptor
{
    /** Offset of a record's length (int) from the record's start. */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of a record's type (int) from the record's start. */
    public static final int TYPE_OFFSET = 4;
    /** Bytes of record header: length and type. */
    public static final int HEADER_LENGTH = 8;
    /** Records start at multiples of this. */
    public static final int ALIGNMENT = 8;
    /** The type of padding records, which readers skip. */
    public static final int PADDING_TYPE = -1;

    /** Bytes between trailer fields: two cache lines, so that adjacent-line prefetch does not join them. */
    public static final int TRAILER_FIELD_SPACING = 128;
    /** Offset of the tail position (long) from the end of the data region. */
    public static final int TAIL_OFFSET = 0;
    /** Offset of the writers' cached head position (long) from the end of the data region. */
    public static final int HEAD_CACHE_OFFSET = TAIL_OFFSET + TRAILER_FIELD_SPACING;
    /** Offset of the head position (long) from the end of the data region. */
    public static final int HEAD_OFFSET = HEAD_CACHE_OFFSET + TRAILER_FIELD_SPACING;
    /** Offset of the correlation id counter (long) from the end of the data region. */
    public static final int CORRELATION_COUNTER_OFFSET = HEAD_OFFSET + TRAILER_FIELD_SPACING;
    /** Offset of the consumer heartbeat (long, epoch milliseconds) from the end of the data region. */
    public static final int CONSUMER_HEARTBEAT_OFFSET = CORRELATION_COUNTER_OFFSET + TRAILER_FIELD_SPACING;
    /** Bytes after the data region: five counters, each on a 128-byte line of its own. */
    public static final int TRAILER_LENGTH = CONSUMER_HEARTBEAT_OFFSET + TRAILER_FIELD_SPACING;

    /** The smallest data region: 1 KiB. */
    public static final int MIN_CAPACITY = 1024;
    /** The largest data region: 1 GiB. */
    public static final int MAX_CAPACITY = 1 << 30;

    private MessageRingDescriptor()
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
            throw new IllegalArgumentException("message ring data length must be a power of two from 1 KiB to 1 GiB, was " +
                dataLength + " (buffer " + bufferLength + " bytes including the " + TRAILER_LENGTH + "-byte trailer)");
        }
        return (int)dataLength;
    }

    /**
     * The longest payload a ring of this capacity takes: an eighth of it.
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
     * A record header as one little-endian word: the length in the low half (at {@link #LENGTH_OFFSET}),
     * the type in the high half (at {@link #TYPE_OFFSET}).
     *
     * @param length the record length, header included (negative while being written).
     * @param type   the type.
     * @return the word.
     */
    public static long header(final int length, final int type)
    {
        return ((long)type << 32) | (length & 0xFFFF_FFFFL);
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
