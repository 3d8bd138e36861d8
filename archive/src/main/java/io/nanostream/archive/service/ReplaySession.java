package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.Publication;
import io.nanostream.log.FrameChecksums;
import io.nanostream.log.FrameHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Replays a recording from a frame-aligned position to an exclusive publication placed at that same position, block by
 * block: frames are read from the segment files and offered whole ({@link ExclusivePublication#offerBlock}), so flags,
 * padding and reserved values come out as they went in. A replay of a recording still being made follows it until it
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
    private final ByteBuffer readBuffer;
    private final AtomicBuffer readView;
    private final FrameChecksums checksums;
    private FileChannel segment;
    private long segmentBase = -1;
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
        final long replaySessionId, final long controlSessionId, final RecordingDescriptor recording,
        final Path directory, final ExclusivePublication publication, final long startPosition, final long endPosition,
        final RecordingProgress progress, final long connectDeadlineNanos)
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
        this.readBuffer = ByteBuffer.allocateDirect(Math.min(CHUNK, recording.termLength()));
        this.readView = AtomicBuffer.wrap(readBuffer);
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
            end("the replay's subscribers went at position " +
                position); // a link that broke: the reader asks again from where it got
            return 0;
        }
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
        final long result = publication.offerBlock(readView, 0, blockLength);
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

    /**
     * Reads the next run of whole frames, up to the limit, the end of the term and {@link
     * #CHUNK}; false if it ended the replay.
     */
    private boolean read(final long limit)
    {
        final int termLength = recording.termLength();
        final int termOffset = (int)(position & (termLength - 1));
        final int wanted = (int)Math.min(Math.min(limit - position, termLength - termOffset), readBuffer.capacity());
        try
        {
            final FileChannel channel = segmentFor(position);
            readBuffer.clear().limit(wanted);
            long at = position - segmentBase;
            while (readBuffer.hasRemaining())
            {
                final int read = channel.read(readBuffer, at);
                if (read < 0)
                {
                    end("recording " + recording.recordingId() + " ends on disk at position " +
                        (position + readBuffer.position()) + " where " + limit + " was recorded");
                    return false;
                }
                at += read;
            }
        }
        catch (final IOException ex)
        {
            end("cannot read recording " + recording.recordingId() + " at position " + position + ": " +
                ex.getMessage());
            return false;
        }
        int scan = 0;
        while (scan < wanted)
        {
            final int frameLength = readView.getInt(scan);
            if (frameLength < FrameHeader.LENGTH || frameLength > termLength - termOffset - scan)
            {
                end("recording " + recording.recordingId() + " is damaged at position " + (position + scan) +
                    ": a frame length of " + frameLength);
                return false;
            }
            final int aligned = FrameHeader.align(frameLength);
            if (scan + aligned > wanted)
            {
                break; // a frame cut by the chunk or the limit: next time
            }
            scan += aligned;
        }
        final int mismatch = checksums == null || scan == 0 ? -1 : checksums.firstMismatch(readBuffer, scan);
        if (mismatch > 0)
        {
            blockLength = mismatch; // the frames before it go out; the next read starts at the damaged one and ends the replay
            return true;
        }
        if (mismatch == 0)
        {
            end("recording " + recording.recordingId() + " is damaged at position " + (position + mismatch) +
                ": the frame there does " +
                "not match its CRC32C; ./nano-stream archive verify lists every damaged frame, and truncate cuts the recording before one");
            return false;
        }
        blockLength = scan;
        return scan > 0;
    }

    private FileChannel segmentFor(final long at) throws IOException
    {
        final long base = Segments.segmentBase(recording, at);
        if (segment == null || base != segmentBase)
        {
            closeSegment();
            segment = FileChannel.open(Segments.file(directory, recording.recordingId(), base),
                StandardOpenOption.READ);
            segmentBase = base;
        }
        return segment;
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

    private void closeSegment()
    {
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
