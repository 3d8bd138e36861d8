package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.Publication;
import io.nanostream.log.FrameHeader;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Replays a recording from a frame-aligned position to an exclusive publication placed at that same position, block by
 * block: frames are offered whole ({@link ExclusivePublication#offerBlock}) straight from a read-only mapping of their
 * segment file, one copy from the page cache into the log, so flags, padding and reserved values come out as they went
 * in. The mapping covers what the file held when it was made, and is made again when the recording has grown past it. A replay of a recording still being made follows it until it
 * stops; one with a length ends there. Frames read from disk are checked before they are offered: a length that cannot
 * be a frame ends the replay, naming the position. Owned by the archive conductor's thread.
 */
final class ReplaySession implements AutoCloseable
{
    /** The most bytes read and offered at once. */
    static final int CHUNK = 256 * 1024;

    private final long replaySessionId;
    private final long controlSessionId;
    private final RecordingDescriptor recording;
    private final Path directory;
    private final ExclusivePublication publication;
    private final RecordingProgress progress;
    private final long endPosition;
    private final long connectDeadlineNanos;
    private final FrameChecksums checksums;
    private FileChannel segment;
    private long segmentBase = -1;
    private Arena mappingArena;
    private AtomicBuffer mapping;
    private ByteBuffer mappingBytes;
    private long mappedLength;
    private int blockOffset;
    private long position;
    private int blockLength;
    private boolean connected;
    private String outcome;

    /**
     * Starts a replay (on the archive conductor's thread).
     *
     * @param replaySessionId  the replay's id.
     * @param controlSessionId the control session that asked for it.
     * @param recording        the recording.
     * @param directory        the archive directory.
     * @param publication      where to replay, placed at the start position.
     * @param startPosition    the first frame's position.
     * @param endPosition      where to stop, or {@link Long#MAX_VALUE} for the end of the recording.
     * @param progress         how far the recording has got, and whether it goes on.
     * @param connectDeadlineNanos when to give up waiting for a subscriber.
     */
    ReplaySession(
        final long replaySessionId, final long controlSessionId, final RecordingDescriptor recording, final Path directory,
        final ExclusivePublication publication, final long startPosition, final long endPosition, final RecordingProgress progress,
        final long connectDeadlineNanos)
    {
        this.replaySessionId = replaySessionId;
        this.controlSessionId = controlSessionId;
        this.recording = recording;
        this.directory = directory;
        this.publication = publication;
        this.position = startPosition;
        this.endPosition = endPosition;
        this.progress = progress;
        this.connectDeadlineNanos = connectDeadlineNanos;
        this.checksums = recording.frameChecksums() ? new FrameChecksums() : null;
    }

    /**
     * Replays what it can.
     *
     * @param nowNanos the time.
     * @return work done.
     */
    int doWork(final long nowNanos)
    {
        if (outcome != null)
        {
            return 0;
        }
        if (!connected)
        {
            connected = publication.isConnected();
            if (!connected)
            {
                if (nowNanos - connectDeadlineNanos > 0)
                {
                    end("no subscriber connected to the replay");
                }
                return 0;
            }
        }
        else if (!publication.isConnected())
        {
            end("the replay's subscribers went at position " + position); // a link that broke: the reader asks again from where it got
            return 0;
        }
        try
        {
            return replayBlock();
        }
        catch (final InternalError ex)
        {
            // the JDK's answer to a page of the mapping that is gone: its file was cut short behind the archive's back
            end("recording " + recording.recordingId() + " could not be read at position " + position + " (" + ex.getMessage() +
                "): its segment file was cut short outside the archive; ./nano-stream archive verify says where");
            return 0;
        }
    }

    /** Offers the block in hand, or finds the next one; returns the work done. */
    private int replayBlock()
    {
        if (blockLength == 0)
        {
            final long limit = Math.min(endPosition, progress.position());
            if (position >= limit)
            {
                if (position >= endPosition || !progress.isActive())
                {
                    end("replayed to position " + position);
                }
                return 0; // following a recording still being made
            }
            if (!read(limit))
            {
                return 0;
            }
        }
        final long result = publication.offerBlock(mapping, blockOffset, blockLength);
        if (result > 0)
        {
            position += blockLength;
            blockLength = 0;
            return 1;
        }
        if (result == Publication.CLOSED)
        {
            end("the replay's publication was closed");
        }
        return 0; // back pressure, or a new term: the same block again next cycle
    }

    /** Finds the next run of whole frames in the mapping, up to the limit, the end of the term and {@link #CHUNK}; false if it ended the replay. */
    private boolean read(final long limit)
    {
        final int termLength = recording.termLength();
        final int termOffset = (int)(position & (termLength - 1));
        final int wanted = (int)Math.min(Math.min(limit - position, termLength - termOffset), CHUNK);
        final int at;
        try
        {
            at = map(position, wanted);
        }
        catch (final IOException ex)
        {
            end("cannot read recording " + recording.recordingId() + " at position " + position + ": " + ex.getMessage());
            return false;
        }
        if (at < 0)
        {
            end("recording " + recording.recordingId() + " ends on disk before position " + (position + wanted) + ", where " + limit +
                " was recorded");
            return false;
        }
        int scan = 0;
        while (scan < wanted)
        {
            final int frameLength = mapping.getInt(at + scan);
            if (frameLength < FrameHeader.LENGTH || frameLength > termLength - termOffset - scan)
            {
                end("recording " + recording.recordingId() + " is damaged at position " + (position + scan) + ": a frame length of " +
                    frameLength);
                return false;
            }
            final int aligned = FrameHeader.align(frameLength);
            if (scan + aligned > wanted)
            {
                break; // a frame cut by the chunk or the limit: next time
            }
            scan += aligned;
        }
        final int mismatch = checksums == null || scan == 0 ? -1 : checksums.firstMismatch(mappingBytes.slice(at, scan), scan);
        if (mismatch == 0)
        {
            end("recording " + recording.recordingId() + " is damaged at position " + position + ": the frame there does " +
                "not match its CRC32C; ./nano-stream archive verify lists every damaged frame, and truncate cuts the recording before one");
            return false;
        }
        blockOffset = at;
        blockLength = mismatch > 0 ? mismatch : scan; // the frames before a damaged one go out; the next read ends the replay there
        return blockLength > 0;
    }

    /**
     * Maps the segment holding a position, far enough to hold {@code length} bytes from it.
     *
     * @return the position's offset in the mapping, or -1 if the file is shorter.
     */
    private int map(final long from, final int length) throws IOException
    {
        final long base = Segments.segmentBase(recording, from);
        if (segment == null || base != segmentBase)
        {
            closeSegment();
            segment = FileChannel.open(Segments.file(directory, recording.recordingId(), base), StandardOpenOption.READ);
            segmentBase = base;
        }
        final long needed = from - base + length;
        if (needed > mappedLength)
        {
            final long size = Math.min(segment.size(), recording.segmentLength());
            if (size < needed)
            {
                return -1;
            }
            closeMapping();
            mappingArena = Arena.ofConfined();
            final MemorySegment mapped = segment.map(FileChannel.MapMode.READ_ONLY, 0, size, mappingArena);
            mapping = AtomicBuffer.wrap(mapped);
            mappingBytes = checksums == null ? null : mapped.asByteBuffer();
            mappedLength = size;
        }
        return (int)(from - base);
    }

    private void end(final String why)
    {
        outcome = why;
        close();
    }

    /** {@return why the replay ended, or null while it runs} */
    String outcome()
    {
        return outcome;
    }

    long replaySessionId()
    {
        return replaySessionId;
    }

    long controlSessionId()
    {
        return controlSessionId;
    }

    long recordingId()
    {
        return recording.recordingId();
    }

    long position()
    {
        return position;
    }

    private void closeMapping()
    {
        if (mappingArena != null)
        {
            mappingArena.close(); // unmaps: no block of it is offered after this
            mappingArena = null;
            mapping = null;
            mappingBytes = null;
            mappedLength = 0;
        }
    }

    private void closeSegment()
    {
        closeMapping();
        if (segment != null)
        {
            try
            {
                segment.close();
            }
            catch (final IOException ignored)
            {
                // read only: nothing was lost
            }
            segment = null;
        }
    }

    /** Stops the replay: its publication closes, and its subscribers see the end of the stream once they drain it. */
    @Override
    public void close()
    {
        if (outcome == null)
        {
            outcome = "stopped";
        }
        closeSegment();
        publication.close();
    }
}
