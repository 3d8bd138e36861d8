package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;

import java.nio.file.Path;

/**
 * Where a recording's frames are on disk: segment files of a whole number of terms, named
 * {@code <recordingId>-<segmentBasePosition>.rec}, in which a frame at stream position {@code p} lies at offset
 * {@code p - base}, exactly as in the log (headers and padding included). The first segment's base is the start of the
 * term the recording started in. Any thread.
 */
public final class Segments
{
    /** The segment file suffix. */
    public static final String SUFFIX = ".rec";

    private Segments()
    {
    }

    /**
     * The segment length for a log: the archive's segment length rounded up to a whole number of terms.
     *
     * @param wanted     the archive's segment length.
     * @param termLength the log's term length.
     * @return at least one term.
     */
    public static int segmentLength(final int wanted, final int termLength)
    {
        final long terms = Math.max(1, ((long)wanted + termLength - 1) / termLength);
        return (int)Math.min(terms * termLength, Integer.MAX_VALUE & -termLength);
    }

    /**
     * The base position of the segment holding a position.
     *
     * @param startPosition the recording's start position.
     * @param termLength    its term length.
     * @param segmentLength its segment length.
     * @param position      a position in the recording.
     * @return the segment's base position.
     */
    public static long segmentBase(final long startPosition, final int termLength, final int segmentLength,
        final long position)
    {
        final long firstBase = startPosition - (startPosition & (termLength - 1));
        return firstBase + ((position - firstBase) / segmentLength) * segmentLength;
    }

    /**
     * The base position of the segment holding a position of a recording.
     *
     * @param recording the recording.
     * @param position  a position in it.
     * @return the segment's base position.
     */
    public static long segmentBase(final RecordingDescriptor recording, final long position)
    {
        return segmentBase(recording.startPosition(), recording.termLength(), recording.segmentLength(), position);
    }

    /**
     * A segment file's path.
     *
     * @param directory   the archive directory.
     * @param recordingId the recording.
     * @param base        the segment's base position.
     * @return the path.
     */
    public static Path file(final Path directory, final long recordingId, final long base)
    {
        return directory.resolve(recordingId + "-" + base + SUFFIX);
    }
}
