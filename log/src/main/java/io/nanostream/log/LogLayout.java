package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * The layout of a log: three terms of {@code termLength} bytes, then a 4096-byte metadata section, the
 * whole rounded up to the page size. Offsets, limits and position arithmetic are Aeron's, so that logs
 * and frames are interchangeable with it.
 *
 * <pre>
 *  +----------------------------+  0
 *  |           Term 0           |  frames, each with a {@link FrameHeader}
 *  +----------------------------+  termLength
 *  |           Term 1           |
 *  +----------------------------+  2 * termLength
 *  |           Term 2           |
 *  +----------------------------+  3 * termLength: the metadata section, 4096 bytes
 *  |  Tail Counter 0 (term id &lt;&lt; 32 | offset)  |   +0
 *  |  Tail Counter 1                           |   +8
 *  |  Tail Counter 2                           |  +16
 *  |  Active Term Count (int)                  |  +24
 *  |  ... (to a cache line apart)              |
 *  |  End-of-Stream Position (long)            | +128
 *  |  Is Connected (int)                       | +136
 *  |  Active Transport Count (int)             | +140
 *  |  ...                                      |
 *  |  Correlation Id (long)                    | +256
 *  |  Initial Term Id (int)                    | +264
 *  |  Default Frame Header Length (int)        | +268
 *  |  MTU (int)                                | +272
 *  |  Term Length (int)                        | +276
 *  |  Page Size (int)                          | +280
 *  |  ...                                      |
 *  |  Default Frame Header (32 bytes used)     | +320
 *  +----------------------------+  3 * termLength + 4096, rounded up to the page size
 * </pre>
 *
 * Publishers write the tails and the active term count; the driver writes the rest.
 */
public final class LogLayout
{
    /** Number of terms in a log. */
    public static final int PARTITION_COUNT = 3;
    /** Smallest term length: 64 KiB. */
    public static final int TERM_MIN_LENGTH = 64 * 1024;
    /** Largest term length: 1 GiB. */
    public static final int TERM_MAX_LENGTH = 1024 * 1024 * 1024;
    /** Length of the metadata section. */
    public static final int METADATA_LENGTH = 4096;
    /** The page size logs are laid out for (their length is a multiple of it). */
    public static final int PAGE_SIZE = 4096;

    /** Offset of the tail counter of term 0; those of terms 1 and 2 follow, 8 bytes apart. */
    public static final int TERM_TAIL_COUNTERS_OFFSET = 0;
    /** Offset of the active term count (int). */
    public static final int ACTIVE_TERM_COUNT_OFFSET = 24;
    /** Offset of the end-of-stream position (long). */
    public static final int END_OF_STREAM_POSITION_OFFSET = 128;
    /** Offset of the is-connected flag (int). */
    public static final int IS_CONNECTED_OFFSET = 136;
    /** Offset of the active transport count (int). */
    public static final int ACTIVE_TRANSPORT_COUNT_OFFSET = 140;
    /** Offset of the registration (correlation) id (long). */
    public static final int CORRELATION_ID_OFFSET = 256;
    /** Offset of the initial term id (int). */
    public static final int INITIAL_TERM_ID_OFFSET = 264;
    /** Offset of the default frame header length (int). */
    public static final int DEFAULT_FRAME_HEADER_LENGTH_OFFSET = 268;
    /** Offset of the MTU (int). */
    public static final int MTU_LENGTH_OFFSET = 272;
    /** Offset of the term length (int). */
    public static final int TERM_LENGTH_OFFSET = 276;
    /** Offset of the page size (int). */
    public static final int PAGE_SIZE_OFFSET = 280;
    /** Offset of the default frame header (32 bytes used). */
    public static final int DEFAULT_FRAME_HEADER_OFFSET = 320;
    /** Bytes reserved for the default frame header. */
    public static final int DEFAULT_FRAME_HEADER_MAX_LENGTH = 128;

    private LogLayout()
    {
    }

    /**
     * Checks a term length.
     *
     * @param termLength the length.
     * @throws IllegalArgumentException naming the rule and a valid value if it is not a power of two
     *                                  from 64 KiB to 1 GiB.
     */
    public static void checkTermLength(final int termLength)
    {
        if (termLength < TERM_MIN_LENGTH || termLength > TERM_MAX_LENGTH || Integer.bitCount(termLength) != 1)
        {
            final int suggestion = termLength < TERM_MIN_LENGTH ? TERM_MIN_LENGTH :
                termLength > TERM_MAX_LENGTH ? TERM_MAX_LENGTH : Integer.highestOneBit(termLength) << 1;
            throw new IllegalArgumentException("term length must be a power of two from 64k to 1g, was " + termLength +
                "; try term-length=" + suggestion);
        }
    }

    /**
     * Checks a page size.
     *
     * @param pageSize the page size.
     */
    public static void checkPageSize(final int pageSize)
    {
        if (pageSize < PAGE_SIZE || pageSize > 1024 * 1024 * 1024 || Integer.bitCount(pageSize) != 1)
        {
            throw new IllegalArgumentException("page size must be a power of two from 4096 to 1g, was " + pageSize);
        }
    }

    /**
     * The length of a log file.
     *
     * @param termLength the term length.
     * @param pageSize   the page size.
     * @return three terms plus metadata, rounded up to the page size.
     */
    public static long logLength(final int termLength, final int pageSize)
    {
        final long raw = (long)PARTITION_COUNT * termLength + METADATA_LENGTH;
        return (raw + pageSize - 1) & -(long)pageSize;
    }

    /**
     * The number of bits to shift a position by to get its term count: log2 of the term length.
     *
     * @param termLength the term length.
     * @return the shift.
     */
    public static int positionBitsToShift(final int termLength)
    {
        return Integer.numberOfTrailingZeros(termLength);
    }

    /**
     * The position of a term offset in a term: {@code ((termId - initialTermId) << shift) + termOffset},
     * with the term id difference taken as an int so that term ids may wrap.
     *
     * @param termId              the term id.
     * @param termOffset          the offset in the term.
     * @param positionBitsToShift log2 of the term length.
     * @param initialTermId       the log's first term id.
     * @return the position.
     */
    public static long position(final int termId, final int termOffset, final int positionBitsToShift,
        final int initialTermId)
    {
        final long termCount = termId - initialTermId;
        return (termCount << positionBitsToShift) + termOffset;
    }

    /**
     * The partition holding a position.
     *
     * @param position            the position.
     * @param positionBitsToShift log2 of the term length.
     * @return 0, 1 or 2.
     */
    public static int indexByPosition(final long position, final int positionBitsToShift)
    {
        return (int)((position >>> positionBitsToShift) % PARTITION_COUNT);
    }

    /**
     * The partition of the n-th term.
     *
     * @param termCount terms since the initial one.
     * @return 0, 1 or 2.
     */
    public static int indexByTermCount(final long termCount)
    {
        return (int)(termCount % PARTITION_COUNT);
    }

    /**
     * The term id that holds a position.
     *
     * @param position            the position.
     * @param positionBitsToShift log2 of the term length.
     * @param initialTermId       the log's initial term id.
     * @return the term id (wrapping like the ids on the wire).
     */
    public static int termIdAt(final long position, final int positionBitsToShift, final int initialTermId)
    {
        return initialTermId + (int)(position >>> positionBitsToShift);
    }

    /**
     * The term id in a raw tail.
     *
     * @param rawTail the tail counter's value.
     * @return its upper 32 bits.
     */
    public static int termId(final long rawTail)
    {
        return (int)(rawTail >>> 32);
    }

    /**
     * The term offset in a raw tail, capped at the term length (claims can overshoot the end).
     *
     * @param rawTail    the tail counter's value.
     * @param termLength the term length.
     * @return the offset.
     */
    public static int termOffset(final long rawTail, final int termLength)
    {
        return (int)Math.min(rawTail & 0xFFFF_FFFFL, termLength);
    }

    /**
     * Packs a term id and offset into a raw tail.
     *
     * @param termId     the term id.
     * @param termOffset the offset.
     * @return {@code termId << 32 | termOffset}.
     */
    public static long packTail(final int termId, final int termOffset)
    {
        return ((long)termId << 32) | (termOffset & 0xFFFF_FFFFL);
    }

    /**
     * The largest position a log can reach: {@code termLength * 2^31}.
     *
     * @param termLength the term length.
     * @return the maximum position.
     */
    public static long maxPosition(final int termLength)
    {
        return (long)termLength << 31;
    }

    /**
     * Offset of the tail counter of a partition.
     *
     * @param partition 0, 1 or 2.
     * @return the offset in the metadata.
     */
    public static int tailCounterOffset(final int partition)
    {
        return TERM_TAIL_COUNTERS_OFFSET + partition * Long.BYTES;
    }

    /**
     * Reads the active term count with acquire semantics.
     *
     * @param metadata the metadata section.
     * @return terms since the initial one.
     */
    public static int activeTermCount(final AtomicBuffer metadata)
    {
        return metadata.getIntAcquire(ACTIVE_TERM_COUNT_OFFSET); // acquire: the new term's tail is set before the count moves
    }

    /**
     * Moves a log to the next term, once, however many writers race to do it: sets the next partition's
     * tail to the next term id (if no one did) and advances the active term count.
     *
     * @param metadata  the metadata section.
     * @param termCount the term count the caller found full.
     * @param termId    the term id the caller found full.
     */
    public static void rotate(final AtomicBuffer metadata, final int termCount, final int termId)
    {
        final int nextTermId = termId + 1;
        final int nextTermCount = termCount + 1;
        final int nextIndex = indexByTermCount(nextTermCount);
        final int expectedTermId = nextTermId - PARTITION_COUNT;
        final int tailOffset = tailCounterOffset(nextIndex);
        long rawTail;
        do
        {
            rawTail = metadata.getLongVolatile(tailOffset);
            if (termId(rawTail) != expectedTermId)
            {
                break;
            }
        }
        while (!metadata.compareAndSetLong(tailOffset, rawTail, packTail(nextTermId, 0)));
        metadata.compareAndSetInt(ACTIVE_TERM_COUNT_OFFSET, termCount,
            nextTermCount); // volatile CAS: after the tail above
    }
}
