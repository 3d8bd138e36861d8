package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The segment files of an archive directory, by recording: what each recording's files are, cutting them when a
 * recording is truncated, deleting them when it is deleted or its early segments are purged, and finding the files no
 * recording claims. Only files named as the archive names segments ({@code <recordingId>-<base>.rec}, both numbers)
 * are ever touched. The catalog is changed first and the files after, so a crash in between leaves files that no
 * recording claims, which {@link #orphans} reports, never a recording without its data. Used on the archive conductor's
 * thread, or by tools on a directory no archive runs in.
 */
public final class RecordingFiles
{
    private RecordingFiles()
    {
    }

    /**
     * The segment files of a recording, by base position.
     *
     * @param directory   the archive directory.
     * @param recordingId the recording.
     * @return base position to file, in position order.
     * @throws IOException if the directory cannot be read.
     */
    public static TreeMap<Long, Path> segments(final Path directory, final long recordingId) throws IOException
    {
        final TreeMap<Long, Path> segments = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, recordingId + "-*" + Segments.SUFFIX))
        {
            for (final Path file : files)
            {
                final long[] name = parse(file);
                if (name != null && name[0] == recordingId)
                {
                    segments.put(name[1], file);
                }
            }
        }
        return segments;
    }

    /**
     * The recording id and base position a segment file's name gives.
     *
     * @param file a file.
     * @return {recording id, base}, or null if the archive did not name it.
     */
    static long[] parse(final Path file)
    {
        final String name = file.getFileName().toString();
        final int dash = name.indexOf('-');
        if (!name.endsWith(Segments.SUFFIX) || dash <= 0)
        {
            return null;
        }
        try
        {
            final long recordingId = Long.parseLong(name, 0, dash, 10);
            final long base = Long.parseLong(name, dash + 1, name.length() - Segments.SUFFIX.length(), 10);
            return recordingId < 0 || base < 0 || !name.equals(recordingId + "-" + base + Segments.SUFFIX) ? null :
                new long[] {recordingId, base};
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    /**
     * Cuts a recording's files at a position, which its descriptor already gives as its stop: the segment holding it is
     * cut there, later ones deleted.
     *
     * @param directory    the archive directory.
     * @param recording    the recording, as the catalog has it now.
     * @param stopPosition where it now stops.
     * @return how many bytes of files went.
     * @throws IOException if a file cannot be cut or deleted.
     */
    static long truncate(final Path directory, final RecordingDescriptor recording,
        final long stopPosition) throws IOException
    {
        final long stopBase = Segments.segmentBase(recording, stopPosition);
        long removed = 0;
        for (final var segment : segments(directory, recording.recordingId()).entrySet())
        {
            final long base = segment.getKey();
            final Path file = segment.getValue();
            if (base > stopBase || stopPosition == base)
            {
                removed += Files.size(file);
                Files.delete(file);
            }
            else if (base == stopBase)
            {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
                {
                    final long keep = stopPosition - base;
                    if (channel.size() > keep)
                    {
                        removed += channel.size() - keep;
                        channel.truncate(keep); // no frame after the stop is left for a later extension to be mistaken for
                        channel.force(true);
                    }
                }
            }
        }
        return removed;
    }

    /**
     * Deletes a recording's segment files before a position, which its descriptor already gives as its start.
     *
     * @param directory the archive directory.
     * @param recordingId the recording.
     * @param before    a segment base: files of lower bases go.
     * @return how many files went.
     * @throws IOException if a file cannot be deleted.
     */
    static int deleteBefore(final Path directory, final long recordingId, final long before) throws IOException
    {
        int deleted = 0;
        for (final var segment : segments(directory, recordingId).headMap(before).values())
        {
            Files.delete(segment);
            deleted++;
        }
        return deleted;
    }

    /**
     * Deletes all of a recording's segment files; the catalog has deleted the recording already.
     *
     * @param directory   the archive directory.
     * @param recordingId the recording.
     * @return how many files went.
     * @throws IOException if a file cannot be deleted.
     */
    static int deleteAll(final Path directory, final long recordingId) throws IOException
    {
        return deleteBefore(directory, recordingId, Long.MAX_VALUE);
    }

    /**
     * The segment files no recording claims: of a recording the catalog does not have (deleted, or never added), or
     * lying outside what its recording holds (purged, or after its stop), or off its segment grid.
     *
     * @param directory the archive directory.
     * @param catalog   its catalog.
     * @return the files, in name order.
     * @throws IOException if the directory cannot be read.
     */
    public static List<Path> orphans(final Path directory, final Catalog catalog) throws IOException
    {
        final List<Path> orphans = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + Segments.SUFFIX))
        {
            for (final Path file : files)
            {
                final long[] name = parse(file);
                if (name != null && !claims(catalog.descriptor(name[0]), name[1]))
                {
                    orphans.add(file);
                }
            }
        }
        orphans.sort(null);
        return orphans;
    }

    private static boolean claims(final RecordingDescriptor recording, final long base)
    {
        if (recording == null)
        {
            return false;
        }
        final long firstBase = Segments.segmentBase(recording, recording.startPosition());
        if (base < firstBase || base != Segments.segmentBase(recording, base))
        {
            return false;
        }
        return recording.isActive() || base == firstBase || base < recording.stopPosition();
    }
}
