package io.nanostream.archive.service;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.BlockHandler;
import io.nanostream.client.Image;
import io.nanostream.log.FrameChecksums;
import io.nanostream.log.LogLayout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records one image into its segment files: each duty cycle takes the image's next block of complete frames and writes
 * it where its position says, opening the next segment file when one fills. A block is written all but its first
 * frame's length, then that length: after a crash, the first frame of a block cut short reads as zero, so the
 * recording ends at the last whole block ({@link RecordingRecovery}). A write that fails (a full disk) stops the
 * recording at the last complete block, and the image is read on and dropped so that the live stream is not held back.
 * Owned by the archive conductor's thread.
 */
final class RecordingSession implements BlockHandler, RecordingProgress, AutoCloseable
{
    /** The most bytes taken from the image in one duty cycle. */
    static final int BLOCK_LIMIT = 1024 * 1024;
    private static final BlockHandler DROP = (buffer, offset, length, sessionId, termId) -> { };

    private final long recordingId;
    private final long subscriptionId;
    private final Image image;
    private final Path directory;
    private final long startPosition;
    private final int termLength;
    private final int segmentLength;
    private final int initialTermId;
    private final int positionBitsToShift;
    private final int fsyncLevel;
    private final AtomicBuffer[] terms = new AtomicBuffer[LogLayout.PARTITION_COUNT];
    private final ByteBuffer[] termBytes = new ByteBuffer[LogLayout.PARTITION_COUNT];
    private final ByteBuffer firstLength = ByteBuffer.allocateDirect(Integer.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    private final FrameChecksums checksums;
    private final RecordingCounters counters;
    private final int countersSlot;
    private final ByteBuffer stamped;
    private FileChannel segment;
    private long segmentBase = -1;
    private long position;
    private long blocksWritten;
    private long bytesWritten;
    private long fsyncs;
    private String failure;
    private boolean active = true;

    /**
     * Records an image from its join position on.
     *
     * @param recordingId    the recording.
     * @param subscriptionId the archive's subscription the image belongs to.
     * @param image          the image.
     * @param startPosition  where the recording started: the image's join position, or, for a recording continued, its
     *                       first start (segment files are laid out from it).
     * @param directory      the archive directory.
     * @param segmentLength  the recording's segment length.
     * @param fsyncLevel     the archive's fsync level.
     * @param frameChecksums whether each data frame is written with the CRC32C of its payload in its reserved value.
     * @param counters       where its position, bytes and fsyncs show.
     */
    RecordingSession(
        final long recordingId, final long subscriptionId, final Image image, final long startPosition,
        final Path directory, final int segmentLength, final int fsyncLevel, final boolean frameChecksums,
        final RecordingCounters counters)
    {
        this.recordingId = recordingId;
        this.subscriptionId = subscriptionId;
        this.image = image;
        this.directory = directory;
        this.startPosition = startPosition;
        this.termLength = image.termLength();
        this.segmentLength = segmentLength;
        this.initialTermId = image.initialTermId();
        this.positionBitsToShift = LogLayout.positionBitsToShift(termLength);
        this.fsyncLevel = fsyncLevel;
        this.position = image.joinPosition();
        this.checksums = frameChecksums ? new FrameChecksums() : null;
        this.stamped = frameChecksums ?
            ByteBuffer.allocateDirect(BLOCK_LIMIT).order(java.nio.ByteOrder.LITTLE_ENDIAN) : null;
        this.counters = counters;
        this.countersSlot = counters.take(recordingId, position);
    }

    /**
     * Records what the image has.
     *
     * @return the bytes taken from the image.
     */
    int doWork()
    {
        return image.blockPoll(failure == null ? this : DROP, BLOCK_LIMIT);
    }

    @Override
    public void onBlock(final AtomicBuffer buffer, final int offset, final int length, final int sessionId,
        final int termId)
    {
        final long blockPosition = LogLayout.position(termId, offset, positionBitsToShift, initialTermId);
        try
        {
            if (blockPosition != position)
            {
                throw new IOException("a block at position " + blockPosition + " where " + position + " was due");
            }
            final FileChannel channel = segmentFor(blockPosition);
            final long fileOffset = blockPosition - segmentBase;
            ByteBuffer bytes = termBytes(buffer);
            int from = offset;
            if (checksums != null)
            {
                stamped.clear().put(0, bytes.clear(), offset,
                    length); // the log is the publisher's: the stamps go on a copy
                checksums.stamp(stamped, length);
                bytes = stamped;
                from = 0;
            }
            // all but the first frame's length, then that length: a block cut short by a
            // crash is not taken for a whole one
            write(channel, bytes.limit(from + length).position(from + Integer.BYTES), fileOffset + Integer.BYTES);
            write(channel, firstLength.clear().putInt(0, buffer.getInt(offset)), fileOffset);
            position = blockPosition + length;
            blocksWritten++;
            bytesWritten += length;
            counters.written(countersSlot, position, bytesWritten);
            if (position - segmentBase == segmentLength)
            {
                closeSegment(); // full: fsynced at level 1 and up, and the next block opens the next
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            failure = "recording " + recordingId + " stopped at position " + position +
                ", after its last complete frame: " + ex.getMessage() +
                "; make room, then continue it with extendRecording (a block cut short after it is never read)";
            closeQuietly();
        }
    }

    private static void write(final FileChannel channel, final ByteBuffer bytes,
        final long fileOffset) throws IOException
    {
        long at = fileOffset;
        while (bytes.hasRemaining())
        {
            at += channel.write(bytes, at);
        }
    }

    private ByteBuffer termBytes(final AtomicBuffer term)
    {
        for (int i = 0; i < terms.length; i++)
        {
            if (terms[i] == term)
            {
                return termBytes[i];
            }
            if (terms[i] == null)
            {
                terms[i] = term;
                termBytes[i] = term.segment().asByteBuffer(); // once per term: no allocation per block
                return termBytes[i];
            }
        }
        throw new IllegalStateException("a fourth term buffer from one image");
    }

    private FileChannel segmentFor(final long blockPosition) throws IOException
    {
        final long base = Segments.segmentBase(startPosition, termLength, segmentLength, blockPosition);
        if (segment == null || base != segmentBase)
        {
            closeSegment();
            segment = FileChannel.open(Segments.file(directory, recordingId, base), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            segmentBase = base;
        }
        return segment;
    }

    /**
     * Writes the data of the current segment to the device, at fsync level 1 and up.
     *
     * @throws IOException if it cannot.
     */
    void fsync() throws IOException
    {
        if (fsyncLevel >= 1 && segment != null)
        {
            segment.force(false);
            fsyncs++;
            counters.fsynced(countersSlot, fsyncs);
        }
    }

    private void closeSegment() throws IOException
    {
        if (segment != null)
        {
            fsync();
            segment.close();
            segment = null;
        }
    }

    private void closeQuietly()
    {
        try
        {
            closeSegment();
        }
        catch (final IOException ignored)
        {
            segment = null; // the failure already names the first problem
        }
    }

    /** Stops recording: the file is closed, and replays that follow this recording end at its position. */
    @Override
    public void close()
    {
        active = false;
        closeQuietly();
        counters.free(countersSlot);
    }

    @Override
    public boolean isActive()
    {
        return active;
    }

    long recordingId()
    {
        return recordingId;
    }

    long subscriptionId()
    {
        return subscriptionId;
    }

    Image image()
    {
        return image;
    }

    /** {@return the position after the last frame written} */
    @Override
    public long position()
    {
        return position;
    }

    /** {@return why the recording stopped writing, or null} */
    String failure()
    {
        return failure;
    }

    long bytesWritten()
    {
        return bytesWritten;
    }

    long blocksWritten()
    {
        return blocksWritten;
    }

    long fsyncs()
    {
        return fsyncs;
    }
}
