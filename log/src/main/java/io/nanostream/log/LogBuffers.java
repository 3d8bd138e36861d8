package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.MappedFile;
import io.nanostream.natives.memory.HugePageAdvice;

import java.nio.file.Path;

/**
 * A log mapped from its file (or held in memory): three term buffers and the metadata section.
 * {@link #create} lays out a new log; {@link #open} maps one another process created and checks it.
 */
public final class LogBuffers implements AutoCloseable
{
    /** Bytes touched between two calls of a progress callback: a few tens of milliseconds of page faults. */
    private static final long TOUCH_CHUNK = 8L * 1024 * 1024;

    private final MappedFile file;
    private final AtomicBuffer[] terms = new AtomicBuffer[LogLayout.PARTITION_COUNT];
    private final AtomicBuffer metadata;
    private final AtomicBuffer whole;
    private final int termLength;
    /**
     * Each term cut into equal parts once, so cleaning fills whole parts without slicing
     * (allocating) per call; made on first use.
     */
    private AtomicBuffer[][] cleaningChunks;

    private LogBuffers(final MappedFile file, final AtomicBuffer whole, final int termLength)
    {
        this.file = file;
        this.whole = whole;
        this.termLength = termLength;
        for (int i = 0; i < LogLayout.PARTITION_COUNT; i++)
        {
            terms[i] = whole.slice((long)i * termLength, termLength);
        }
        this.metadata = whole.slice((long)LogLayout.PARTITION_COUNT * termLength, LogLayout.METADATA_LENGTH);
    }

    /**
     * Creates a new log file and lays out its metadata.
     *
     * @param path          the file, which must not exist.
     * @param termLength    a power of two from 64 KiB to 1 GiB.
     * @param pageSize      the page size, a power of two of at least 4096.
     * @param mtu           the MTU, a multiple of 32 from 64 to 65504.
     * @param initialTermId the first term id.
     * @param sessionId     the publisher's session id.
     * @param streamId      the stream id.
     * @param correlationId the registration id of the log.
     * @return the mapped log.
     */
    public static LogBuffers create(
        final Path path, final int termLength, final int pageSize, final int mtu,
        final int initialTermId, final int sessionId, final int streamId, final long correlationId)
    {
        return create(path, termLength, pageSize, mtu, initialTermId, sessionId, streamId, correlationId, false);
    }

    /**
     * Creates a new log file, optionally touching every page first so that publishers never fault.
     *
     * @param path          the file, which must not exist.
     * @param termLength    a power of two from 64 KiB to 1 GiB.
     * @param pageSize      the page size, a power of two of at least 4096.
     * @param mtu           the MTU, a multiple of 32 from 64 to 65504.
     * @param initialTermId the first term id.
     * @param sessionId     the publisher's session id.
     * @param streamId      the stream id.
     * @param correlationId the registration id of the log.
     * @param preallocate   true to allocate every page now rather than on first touch.
     * @return the mapped log.
     */
    public static LogBuffers create(
        final Path path, final int termLength, final int pageSize, final int mtu,
        final int initialTermId, final int sessionId, final int streamId, final long correlationId,
        final boolean preallocate)
    {
        return create(path, termLength, pageSize, mtu, initialTermId, sessionId, streamId, correlationId, preallocate,
            () -> { });
    }

    /**
     * Creates a new log file as {@link #create(Path, int, int, int, int, int, int, long, boolean)} does, calling back
     * every 8 MiB while it allocates, so that the caller can keep a heartbeat while a large log is written.
     *
     * @param path          the file, which must not exist.
     * @param termLength    a power of two from 64 KiB to 1 GiB.
     * @param pageSize      the page size, a power of two of at least 4096.
     * @param mtu           the MTU, a multiple of 32 from 64 to 65504.
     * @param initialTermId the first term id.
     * @param sessionId     the publisher's session id.
     * @param streamId      the stream id.
     * @param correlationId the registration id of the log.
     * @param preallocate   true to allocate every page now rather than on first touch.
     * @param progress      called every 8 MiB allocated.
     * @return the mapped log.
     * @throws java.io.UncheckedIOException if there is no room for it (nothing is left behind).
     */
    public static LogBuffers create(
        final Path path, final int termLength, final int pageSize, final int mtu, final int initialTermId,
        final int sessionId, final int streamId, final long correlationId, final boolean preallocate,
        final Runnable progress)
    {
        LogLayout.checkTermLength(termLength);
        LogLayout.checkPageSize(pageSize);
        FrameHeader.checkMtu(mtu);
        final long length = LogLayout.logLength(termLength, pageSize);
        final MappedFile file = preallocate ? MappedFile.createPreallocated(path, length,
            progress) : MappedFile.create(path, length);
        final LogBuffers log = new LogBuffers(file, file.buffer(), termLength);
        log.initialise(pageSize, mtu, initialTermId, sessionId, streamId, correlationId);
        return log;
    }

    /**
     * Lays out a new log in a file the caller created and mapped (e.g. with {@link MappedFile#createTouched}
     * on hugetlbfs); the log owns the mapping from now on.
     *
     * @param file          the mapping, exactly {@link LogLayout#logLength(int, int)} bytes, zeroed.
     * @param termLength    a power of two from 64 KiB to 1 GiB.
     * @param pageSize      the page size the length is rounded to, a power of two from 4096 to the term length.
     * @param mtu           the MTU.
     * @param initialTermId the first term id.
     * @param sessionId     the session id.
     * @param streamId      the stream id.
     * @param correlationId the registration id of the log.
     * @return the log.
     */
    public static LogBuffers create(
        final MappedFile file, final int termLength, final int pageSize, final int mtu, final int initialTermId,
        final int sessionId, final int streamId, final long correlationId)
    {
        LogLayout.checkTermLength(termLength);
        LogLayout.checkPageSize(pageSize);
        FrameHeader.checkMtu(mtu);
        if (file.buffer().capacity() != LogLayout.logLength(termLength, pageSize) || pageSize > termLength)
        {
            throw new IllegalArgumentException(file + " does not fit a log of term length " + termLength +
                " and page size " + pageSize);
        }
        final LogBuffers log = new LogBuffers(file, file.buffer(), termLength);
        log.initialise(pageSize, mtu, initialTermId, sessionId, streamId, correlationId);
        return log;
    }

    /**
     * Lays out a log in memory already allocated (for tests and in-process use).
     *
     * @param memory        at least {@code 3 * termLength + 4096} bytes, zeroed.
     * @param termLength    the term length.
     * @param mtu           the MTU.
     * @param initialTermId the first term id.
     * @param sessionId     the session id.
     * @param streamId      the stream id.
     * @return the log.
     */
    public static LogBuffers inMemory(
        final AtomicBuffer memory, final int termLength, final int mtu, final int initialTermId, final int sessionId,
        final int streamId)
    {
        LogLayout.checkTermLength(termLength);
        FrameHeader.checkMtu(mtu);
        final LogBuffers log = new LogBuffers(null, memory, termLength);
        log.initialise(4096, mtu, initialTermId, sessionId, streamId, 0);
        return log;
    }

    /**
     * Maps an existing log and checks that its layout is sound.
     *
     * @param path the file.
     * @return the mapped log.
     * @throws IllegalStateException if the file is not a log this library wrote.
     */
    public static LogBuffers open(final Path path)
    {
        return open(path, false);
    }

    /**
     * Maps an existing log, checks it, advises huge pages on the mapping (with native access; see
     * {@link HugePageAdvice}), and optionally reads one byte of every page so that the mapping's
     * page table is filled now rather than by faults on the data path. Reading (not writing) leaves
     * frames that other processes are writing untouched.
     *
     * @param path     the file.
     * @param preTouch true to touch every page now.
     * @return the mapped log.
     * @throws IllegalStateException if the file is not a log this library wrote.
     */
    public static LogBuffers open(final Path path, final boolean preTouch)
    {
        return open(path, preTouch, () -> { });
    }

    /**
     * Maps and checks a log like {@link #open(Path, boolean)}, calling back every 8 MiB touched, so that a caller
     * with a heartbeat to keep (a client's conductor) keeps it while a large log is touched.
     *
     * @param path     the file.
     * @param preTouch true to touch every page now.
     * @param progress called after each 8 MiB touched.
     * @return the mapped log.
     * @throws IllegalStateException if the file is not a log this library wrote.
     */
    public static LogBuffers open(final Path path, final boolean preTouch, final Runnable progress)
    {
        final MappedFile file = MappedFile.open(path);
        final AtomicBuffer whole = file.buffer();
        final long length = whole.capacity();
        if (length < LogLayout.PARTITION_COUNT * (long)LogLayout.TERM_MIN_LENGTH + LogLayout.METADATA_LENGTH)
        {
            file.close();
            throw new IllegalStateException("not a log: " + path + " is only " + length + " bytes");
        }
        // length is 3 terms + metadata rounded up to a page no larger than a term: this recovers the term length
        final int termLength = Integer.highestOneBit((int)Math.min((length - LogLayout.METADATA_LENGTH) / LogLayout.PARTITION_COUNT,
            LogLayout.TERM_MAX_LENGTH));
        final long metadataOffset = (long)LogLayout.PARTITION_COUNT * termLength;
        final int storedTermLength = whole.getInt(metadataOffset + LogLayout.TERM_LENGTH_OFFSET);
        final int pageSize = whole.getInt(metadataOffset + LogLayout.PAGE_SIZE_OFFSET);
        if (Integer.bitCount(storedTermLength) != 1 || storedTermLength < LogLayout.TERM_MIN_LENGTH ||
            pageSize < 4096 || LogLayout.logLength(storedTermLength, pageSize) != length)
        {
            file.close();
            throw new IllegalStateException("not a valid log: " + path + " (length " + length + ", term length " +
                storedTermLength + ", page size " + pageSize + "); it may be truncated or from another program");
        }
        adviseHugePages(whole, path);
        if (preTouch)
        {
            for (long offset = 0; offset < length; offset += TOUCH_CHUNK)
            {
                whole.segment().asSlice(offset, Math.min(TOUCH_CHUNK, length - offset)).load();
                progress.run();
            }
        }
        return new LogBuffers(file, whole, storedTermLength);
    }

    /**
     * With native access, asks for transparent huge pages on the mapping; the kernel ignores it
     * where the file system has none.
     */
    private static void adviseHugePages(final AtomicBuffer whole, final Path path)
    {
        if (HugePageAdvice.unavailableReason() != null)
        {
            return;
        }
        try
        {
            HugePageAdvice.advise(whole.segment());
        }
        catch (final IllegalStateException ex)
        {
            System.getLogger("io.nanostream.log").log(System.Logger.Level.DEBUG, "no huge page advice for " + path +
                ": " + ex.getMessage());
        }
    }

    private void initialise(
        final int pageSize, final int mtu, final int initialTermId, final int sessionId, final int streamId,
        final long correlationId)
    {
        metadata.putInt(LogLayout.TERM_LENGTH_OFFSET, termLength);
        metadata.putInt(LogLayout.PAGE_SIZE_OFFSET, pageSize);
        metadata.putInt(LogLayout.MTU_LENGTH_OFFSET, mtu);
        metadata.putInt(LogLayout.INITIAL_TERM_ID_OFFSET, initialTermId);
        metadata.putLong(LogLayout.CORRELATION_ID_OFFSET, correlationId);
        metadata.putLong(LogLayout.END_OF_STREAM_POSITION_OFFSET, Long.MAX_VALUE);
        metadata.putInt(LogLayout.DEFAULT_FRAME_HEADER_LENGTH_OFFSET, FrameHeader.LENGTH);
        final int header = LogLayout.DEFAULT_FRAME_HEADER_OFFSET;
        metadata.putInt(header + FrameHeader.FRAME_LENGTH_OFFSET, 0);
        metadata.putByte(header + FrameHeader.VERSION_OFFSET, FrameHeader.CURRENT_VERSION);
        metadata.putByte(header + FrameHeader.FLAGS_OFFSET, FrameHeader.UNFRAGMENTED);
        metadata.putShort(header + FrameHeader.TYPE_OFFSET, (short)FrameType.DATA);
        metadata.putInt(header + FrameHeader.SESSION_ID_OFFSET, sessionId);
        metadata.putInt(header + FrameHeader.STREAM_ID_OFFSET, streamId);
        metadata.putInt(header + FrameHeader.TERM_ID_OFFSET, initialTermId);
        metadata.putLong(LogLayout.tailCounterOffset(0), LogLayout.packTail(initialTermId, 0));
        for (int i = 1; i < LogLayout.PARTITION_COUNT; i++)
        {
            metadata.putLong(LogLayout.tailCounterOffset(i),
                LogLayout.packTail(initialTermId - LogLayout.PARTITION_COUNT + i, 0));
        }
        metadata.putIntRelease(LogLayout.ACTIVE_TERM_COUNT_OFFSET, 0); // release: the layout above is complete
    }

    /**
     * Moves a new log's start to a term and an offset in it, as an exclusive publication that continues a stream where
     * it stopped: the first frame goes there, and positions begin at {@code ((termId - initialTermId) <<
     * log2(termLength)) + termOffset}. The other partitions hold the term ids that rotation would have left in them.
     * Call once, after the log is made and before any publisher maps it.
     *
     * @param termId     the first term, not before the initial term id (int arithmetic: ids wrap).
     * @param termOffset where in it, a multiple of {@link FrameHeader#ALIGNMENT} from 0 to the term length.
     * @throws IllegalArgumentException naming what does not fit.
     */
    public void startAt(final int termId, final int termOffset)
    {
        final int initialTermId = initialTermId();
        final int termCount = termId - initialTermId;
        if (termCount < 0)
        {
            throw new IllegalArgumentException("term id " + termId + " comes before the initial term id " +
                initialTermId);
        }
        if (termOffset < 0 || termOffset > termLength || (termOffset & (FrameHeader.ALIGNMENT - 1)) != 0)
        {
            throw new IllegalArgumentException("term offset " + termOffset + " is not a frame start in a term of " +
                termLength);
        }
        final int active = LogLayout.indexByTermCount(termCount);
        for (int partition = 0; partition < LogLayout.PARTITION_COUNT; partition++)
        {
            final int ahead = (partition - active + LogLayout.PARTITION_COUNT) % LogLayout.PARTITION_COUNT;
            final long tail = ahead == 0 ? LogLayout.packTail(termId, termOffset) :
                LogLayout.packTail(termId + ahead - LogLayout.PARTITION_COUNT, 0); // as a lap of rotation leaves it
            metadata.putLong(LogLayout.tailCounterOffset(partition), tail);
        }
        metadata.putIntRelease(LogLayout.ACTIVE_TERM_COUNT_OFFSET, termCount); // release: the tails above are complete
    }

    /**
     * A term buffer.
     *
     * @param partition 0, 1 or 2.
     * @return the term.
     */
    public AtomicBuffer term(final int partition)
    {
        return terms[partition];
    }

    /**
     * The metadata section.
     *
     * @return the metadata.
     */
    public AtomicBuffer metadata()
    {
        return metadata;
    }

    /**
     * The term length.
     *
     * @return bytes per term.
     */
    public int termLength()
    {
        return termLength;
    }

    /**
     * The initial term id.
     *
     * @return the first term id.
     */
    public int initialTermId()
    {
        return metadata.getInt(LogLayout.INITIAL_TERM_ID_OFFSET);
    }

    /**
     * The MTU.
     *
     * @return the MTU.
     */
    public int mtu()
    {
        return metadata.getInt(LogLayout.MTU_LENGTH_OFFSET);
    }

    /**
     * The session id in the default header.
     *
     * @return the session id.
     */
    public int sessionId()
    {
        return metadata.getInt(LogLayout.DEFAULT_FRAME_HEADER_OFFSET + FrameHeader.SESSION_ID_OFFSET);
    }

    /**
     * The stream id in the default header.
     *
     * @return the stream id.
     */
    public int streamId()
    {
        return metadata.getInt(LogLayout.DEFAULT_FRAME_HEADER_OFFSET + FrameHeader.STREAM_ID_OFFSET);
    }

    /**
     * Where publishers have claimed up to: the active term's tail as a position.
     *
     * @return the position.
     */
    public long producerPosition()
    {
        final int termCount = LogLayout.activeTermCount(metadata);
        final long rawTail = metadata.getLongVolatile(LogLayout.tailCounterOffset(LogLayout.indexByTermCount(termCount)));
        return LogLayout.position(LogLayout.termId(rawTail), LogLayout.termOffset(rawTail, termLength),
            LogLayout.positionBitsToShift(termLength), initialTermId());
    }

    /**
     * Zeroes the log between two positions, term by term, so that it can be written again a lap later.
     * Call from the one thread that cleans this log.
     *
     * @param fromPosition the first position to zero.
     * @param toPosition   the position to stop at (exclusive); nothing happens unless it is past the first.
     */
    public void zero(final long fromPosition, final long toPosition)
    {
        final int positionBitsToShift = LogLayout.positionBitsToShift(termLength);
        long position = fromPosition;
        while (position < toPosition)
        {
            final int termOffset = (int)position & (termLength - 1);
            final int length = (int)Math.min(toPosition - position, termLength - termOffset);
            zeroInTerm(LogLayout.indexByPosition(position, positionBitsToShift), termOffset, length);
            position += length;
        }
    }

    private void zeroInTerm(final int index, final int termOffset, final int length)
    {
        final AtomicBuffer[] chunks = cleaningChunks()[index];
        final int chunkLength = termLength / chunks.length;
        final int end = termOffset + length;
        final int firstWhole = (termOffset + chunkLength - 1) / chunkLength;
        final int lastWhole = end / chunkLength; // exclusive
        if (firstWhole >= lastWhole)
        {
            terms[index].setMemory(termOffset, length, (byte)0);
            return;
        }
        terms[index].setMemory(termOffset, firstWhole * chunkLength - termOffset, (byte)0);
        for (int chunk = firstWhole; chunk < lastWhole; chunk++)
        {
            chunks[chunk].fill((byte)0);
        }
        terms[index].setMemory(lastWhole * chunkLength, end - lastWhole * chunkLength, (byte)0);
    }

    private AtomicBuffer[][] cleaningChunks()
    {
        if (cleaningChunks == null)
        {
            // 64 KiB parts, or 1024 of them for terms over 64 MiB: whole parts are filled,
            // the ragged ends copied from zeros
            final int chunkLength = Math.max(64 * 1024, termLength / 1024);
            final AtomicBuffer[][] chunks = new AtomicBuffer[LogLayout.PARTITION_COUNT][termLength / chunkLength];
            for (int t = 0; t < chunks.length; t++)
            {
                for (int c = 0; c < chunks[t].length; c++)
                {
                    chunks[t][c] = terms[t].slice((long)c * chunkLength, chunkLength);
                }
            }
            cleaningChunks = chunks;
        }
        return cleaningChunks;
    }

    /**
     * The end-of-stream position, {@code Long.MAX_VALUE} while the stream goes on.
     *
     * @return the position.
     */
    public long endOfStreamPosition()
    {
        return metadata.getLongVolatile(LogLayout.END_OF_STREAM_POSITION_OFFSET);
    }

    /** {@return all of the log's memory, terms and metadata: the whole mapping of its file} */
    public java.lang.foreign.MemorySegment memory()
    {
        return whole.segment();
    }

    /**
     * The file, or null for a log in memory.
     *
     * @return the path.
     */
    public Path path()
    {
        return file == null ? null : file.path();
    }

    @Override
    public void close()
    {
        if (file != null)
        {
            file.close();
        }
    }
}
