package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * What keeps an archive's disk bounded: a recording truncated at a frame, deleted, or purged of the segments before a
 * position. Each checks the request, changes the catalog first (forced at fsync level 2) and the files after, so a
 * crash between the two leaves only files no recording claims, never a recording without its data. Whether the
 * recording is stopped, and whether a replay reads what would go, the conductor checks before. Owned by the archive
 * conductor's thread.
 */
final class RecordingRetention
{
    private final Path directory;
    private final Catalog catalog;
    private final Runnable forceCatalog;

    RecordingRetention(final Path directory, final Catalog catalog, final Runnable forceCatalog)
    {
        this.directory = directory;
        this.catalog = catalog;
        this.forceCatalog = forceCatalog;
    }

    /**
     * Cuts a stopped recording at a frame start.
     *
     * @param recording the recording, stopped.
     * @param position  its new stop position.
     * @return the new stop position.
     * @throws ArchiveRequestException if the position is outside the recording or not a frame start.
     */
    long truncate(final RecordingDescriptor recording, final long position)
    {
        final long recordingId = recording.recordingId();
        if (position < recording.startPosition() || position > recording.stopPosition())
        {
            throw new ArchiveRequestException("position " + position + " is outside recording " + recordingId +
                ": truncate at a " + "frame start from " + recording.startPosition() + " to " +
                recording.stopPosition());
        }
        if (position < recording.stopPosition() && !FrameStarts.isFrameStart(directory, recording, position))
        {
            throw new ArchiveRequestException("position " + position + " is not the start of a frame of recording " +
                recordingId + "; truncate at a frame start");
        }
        catalog.truncate(recordingId, position);
        forceCatalog.run();
        try
        {
            RecordingFiles.truncate(directory, recording, position);
        }
        catch (final IOException ex)
        {
            throw new ArchiveRequestException("recording " + recordingId + " now stops at " + position +
                ", but its files could not " + "all be cut (" + ex.getMessage() +
                "); what is left after the stop is never replayed");
        }
        return position;
    }

    /**
     * Deletes a stopped recording and its files.
     *
     * @param recording the recording, stopped.
     * @return how many segment files were deleted.
     */
    int delete(final RecordingDescriptor recording)
    {
        catalog.delete(recording.recordingId());
        forceCatalog.run();
        try
        {
            return RecordingFiles.deleteAll(directory, recording.recordingId());
        }
        catch (final IOException ex)
        {
            throw new ArchiveRequestException("recording " + recording.recordingId() +
                " is deleted, but not all its files could be (" + ex.getMessage() +
                "); the orphans command lists what is left");
        }
    }

    /**
     * Deletes the segments of a recording that lie wholly before a position.
     *
     * @param recording          the recording, stopped or not.
     * @param recorded           how far it has got.
     * @param position           a position in it; the segment holding it is kept.
     * @param refuseIfReplayed   given the new start, throws if a replay reads before it.
     * @return the recording's start position now.
     */
    long purgeBefore(final RecordingDescriptor recording, final long recorded, final long position,
        final LongConsumer refuseIfReplayed)
    {
        final long recordingId = recording.recordingId();
        if (position < recording.startPosition() || position > recorded)
        {
            throw new ArchiveRequestException("position " + position + " is outside recording " + recordingId +
                ": purge before a " + "position from " + recording.startPosition() + " to " + recorded);
        }
        final long newStart = Segments.segmentBase(recording, position);
        if (newStart <= recording.startPosition())
        {
            return recording.startPosition(); // no whole segment before it
        }
        refuseIfReplayed.accept(newStart);
        catalog.purgeTo(recordingId, newStart);
        forceCatalog.run();
        try
        {
            RecordingFiles.deleteBefore(directory, recordingId, newStart);
        }
        catch (final IOException ex)
        {
            throw new ArchiveRequestException("recording " + recordingId + " now starts at " + newStart +
                ", but not all the segments " + "before it could be deleted (" + ex.getMessage() +
                "); the orphans command lists what is left");
        }
        return newStart;
    }
}
