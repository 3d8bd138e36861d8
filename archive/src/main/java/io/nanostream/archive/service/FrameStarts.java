package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.log.FrameHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;

/**
 * Whether a position of a recording is where a frame starts: found by walking the frames of its term on disk from the
 * term's start (or the recording's, in its first term), since only a frame start can begin a replay. Used on the
 * archive conductor's thread when a replay is asked for.
 */
final class FrameStarts
{
    private static final int CHUNK = 64 * 1024;

    private FrameStarts()
    {
    }

    /**
     * Walks the recording's frames up to a position.
     *
     * @param directory the archive directory.
     * @param recording the recording.
     * @param position  a position between its start and how far it has got.
     * @return true if a frame starts there (or the position is the end of what was recorded, after a whole frame).
     */
    static boolean isFrameStart(final Path directory, final RecordingDescriptor recording, final long position)
    {
        if ((position & (FrameHeader.ALIGNMENT - 1)) != 0)
        {
            return false;
        }
        final int termLength = recording.termLength();
        final long termStart = Math.max(position - (position & (termLength - 1)), recording.startPosition());
        if (position == termStart)
        {
            return true;
        }
        final long base = Segments.segmentBase(recording, termStart);
        final ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel segment = FileChannel.open(Segments.file(directory, recording.recordingId(), base),
            StandardOpenOption.READ))
        {
            long at = termStart;
            long chunkStart = -1;
            while (at < position)
            {
                if (chunkStart < 0 || at + Integer.BYTES > chunkStart + chunk.limit())
                {
                    chunk.clear();
                    segment.read(chunk, at - base);
                    chunk.flip();
                    chunkStart = at;
                    if (chunk.limit() < Integer.BYTES)
                    {
                        return false;
                    }
                }
                final int frameLength = chunk.getInt((int)(at - chunkStart));
                if (frameLength < FrameHeader.LENGTH)
                {
                    return false;
                }
                at += FrameHeader.align(frameLength);
            }
            return at == position;
        }
        catch (final IOException ex)
        {
            throw new ArchiveRequestException("cannot read recording " + recording.recordingId() + " at position " +
                position + ": " + ex.getMessage());
        }
    }
}
