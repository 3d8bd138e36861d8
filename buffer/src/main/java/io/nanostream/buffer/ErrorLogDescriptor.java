package io.nanostream.buffer;

/**
 * The layout of a distinct-error log ({@link DistinctErrorLog}, {@link ErrorLogReader}): records one after
 * another from offset 0, each at a multiple of {@link #ALIGNMENT} bytes, until a record whose length is
 * still 0. All fields are little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                            Length                             |   0  header included; stored last, with release
 *  +---------------------------------------------------------------+
 *  |                       Observation Count                       |   4  added to atomically on each repeat
 *  +---------------------------------------------------------------+
 *  |              Last Observation Timestamp (epoch ms)            |   8  stored with release on each repeat
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |             First Observation Timestamp (epoch ms)            |  16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |           Error Text (UTF-8 stack trace, Length - 24)        ...  24
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |            zero up to the next multiple of 8 bytes            |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Records never move or shrink: once its length is set, only the count and the last timestamp of a
 * record change.
 */
public final class ErrorLogDescriptor
{
    /** Offset of a record's length (int), header included. */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of a record's observation count (int). */
    public static final int OBSERVATION_COUNT_OFFSET = 4;
    /** Offset of a record's last observation time (long, epoch milliseconds). */
    public static final int LAST_OBSERVATION_TIMESTAMP_OFFSET = 8;
    /** Offset of a record's first observation time (long, epoch milliseconds). */
    public static final int FIRST_OBSERVATION_TIMESTAMP_OFFSET = 16;
    /** Offset of a record's text (UTF-8). */
    public static final int TEXT_OFFSET = 24;
    /** Bytes of record header: everything before the text. */
    public static final int HEADER_LENGTH = TEXT_OFFSET;
    /** Records start at multiples of this. */
    public static final int ALIGNMENT = 8;

    private ErrorLogDescriptor()
    {
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
