package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.log.FrameHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds where a recording that was being made when the archive died really ends: the last whole frame in its last
 * segment file, found by reading the frames themselves, not taken from what the catalog last said. Whatever lies after
 * it (a block cut short by the crash) is cut from the file. Used when the archive starts, before anything else runs.
 */
final class RecordingRecovery
{
    private static final int CHUNK = 1024 * 1024;

    private RecordingRecovery()
    {
    }

    /**
     * Scans a recording's last segment.
     *
     * @param directory the archive directory.
     * @param recording a recording with no stop position.
     * @return the position after its last whole frame.
     * @throws IOException if its files cannot be read or cut.
     */
    static long stopPosition(final Path directory, final RecordingDescriptor recording) throws IOException
    {
        final long base = lastSegmentBase(directory, recording.recordingId());
        if (base < 0)
        {
            return recording.startPosition();
        }
        final Path file = Segments.file(directory, recording.recordingId(), base);
        final int termLength = recording.termLength();
        long position = Math.max(base, recording.startPosition());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            final long size = channel.size();
            long chunkStart = -1;
            while (position - base + FrameHeader.LENGTH <= size)
            {
                final long fileOffset = position - base;
                if (chunkStart < 0 || fileOffset + FrameHeader.LENGTH > chunkStart + chunk.limit())
                {
                    chunk.clear();
                    channel.read(chunk, fileOffset);
                    chunk.flip();
                    chunkStart = fileOffset;
                }
                final int at = (int)(fileOffset - chunkStart);
                final int frameLength = chunk.getInt(at);
                final int termOffset = (int)(position & (termLength - 1));
                if (frameLength < FrameHeader.LENGTH || frameLength > termLength - termOffset ||
                    chunk.getInt(at + FrameHeader.TERM_OFFSET_OFFSET) != termOffset || fileOffset +
                    FrameHeader.align(frameLength) > size)
                {
                    break;
                }
                position += FrameHeader.align(frameLength);
            }
            if (channel.size() > position - base)
            {
                channel.truncate(position - base); // a block cut short: never a frame the recording holds
                channel.force(true);
            }
        }
        return position;
    }

    private static long lastSegmentBase(final Path directory, final long recordingId) throws IOException
    {
        final var segments = RecordingFiles.segments(directory, recordingId);
        return segments.isEmpty() ? -1 : segments.lastKey();
    }
}
