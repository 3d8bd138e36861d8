package io.nanostream.archive;

import io.nanostream.archive.service.Catalog;
import io.nanostream.archive.service.RecordingFiles;
import io.nanostream.archive.service.RecordingVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An archive's directory as tools see it: its recordings, whether their files are sound, and the segment files no
 * recording claims. Reading works while an archive runs there; removing orphans takes the archive's lock, so it works
 * only when none runs (a running archive truncates and deletes through {@link ArchiveClient}). Any thread.
 */
public final class ArchiveDirectory
{
    private final Path directory;

    /**
     * An archive directory.
     *
     * @param directory the directory an archive runs or ran in.
     * @throws IllegalStateException if it has no catalog.
     */
    public ArchiveDirectory(final Path directory)
    {
        this.directory = directory;
        Catalog.openExisting(directory).close();
    }

    /** {@return every recording, in id order; one being made has no stop position} */
    public List<RecordingDescriptor> recordings()
    {
        return Archive.recordings(directory);
    }

    /**
     * Reads every frame of a recording and says what is wrong with it.
     *
     * @param recordingId the recording.
     * @return one line per problem (at most 100), empty if the recording is sound.
     * @throws IllegalArgumentException if there is no such recording.
     */
    public List<String> verify(final long recordingId)
    {
        final RecordingDescriptor recording = recording(recordingId);
        final long end = recording.isActive() ? activeEnd(recording) : recording.stopPosition();
        return RecordingVerifier.verify(directory, recording, end, null);
    }

    /**
     * The segment files that no recording claims: left by a deletion or purge that a crash interrupted, or by a
     * recording removed from the catalog by hand.
     *
     * @return the files, in name order.
     */
    public List<Path> orphans()
    {
        try (Catalog catalog = Catalog.openExisting(directory))
        {
            return RecordingFiles.orphans(directory, catalog);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Deletes the segment files no recording claims; only files named as the archive names segments are touched.
     *
     * @return the files deleted.
     * @throws IllegalStateException if an archive runs in the directory.
     */
    public List<Path> deleteOrphans()
    {
        try (FileChannel lockFile = FileChannel.open(directory.resolve(Archive.LOCK_FILE), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock())
        {
            if (lock == null)
            {
                throw new IllegalStateException("an archive runs in " + directory +
                    "; stop it before removing orphaned segments " + "(it reports them when it starts)");
            }
            final List<Path> deleted = new ArrayList<>();
            for (final Path orphan : orphans())
            {
                Files.delete(orphan);
                deleted.add(orphan);
            }
            return deleted;
        }
        catch (final java.nio.channels.OverlappingFileLockException ex)
        {
            throw new IllegalStateException("an archive runs in " + directory +
                " in this process; close it before removing orphaned " + "segments", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove orphaned segments from " + directory + ": " + ex.getMessage(),
                ex);
        }
    }

    private RecordingDescriptor recording(final long recordingId)
    {
        for (final RecordingDescriptor recording : recordings())
        {
            if (recording.recordingId() == recordingId)
            {
                return recording;
            }
        }
        throw new IllegalArgumentException("there is no recording " + recordingId + " in " + directory +
            "; list shows which there are");
    }

    /** How far a recording being made has got on disk: the end of its last segment file. */
    private long activeEnd(final RecordingDescriptor recording)
    {
        try
        {
            final var segments = RecordingFiles.segments(directory, recording.recordingId());
            if (segments.isEmpty())
            {
                return recording.startPosition();
            }
            return segments.lastKey() + Files.size(segments.lastEntry().getValue());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the files of recording " + recording.recordingId() + ": " +
                ex.getMessage(), ex);
        }
    }
}
