package io.nanostream.archive.service;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.MappedFile;
import io.nanostream.concurrent.DutyCycleTracker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.nanostream.archive.service.RecordingCountersLayout.BYTES_WRITTEN_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.FSYNCS_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.POSITION_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.RECORDING_ID_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.REPLAYS_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.SLOT_REPLAYS_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.STATE_OFFSET;

/**
 * The archive's side of its counters file ({@link RecordingCountersLayout}): slots taken and freed as recordings start
 * and stop, and each recording's position, bytes and fsyncs as it writes. Owned by the archive conductor's thread.
 */
public final class RecordingCounters implements AutoCloseable
{
    /** Slots in a new file: recordings made at once that show their counters. */
    public static final int SLOTS = 1024;

    private final MappedFile file;
    private final AtomicBuffer buffer;

    private RecordingCounters(final MappedFile file)
    {
        this.file = file;
        this.buffer = file.buffer();
    }

    /**
     * Makes the counters file anew in an archive directory.
     *
     * @param directory the archive directory, which this archive holds the lock of.
     * @return the counters.
     */
    public static RecordingCounters create(final Path directory)
    {
        final Path path = directory.resolve(RecordingCountersLayout.FILE_NAME);
        try
        {
            Files.deleteIfExists(path); // the last run's: a reader still mapping it keeps its own copy until it opens again
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot replace " + path + ": " + ex.getMessage(), ex);
        }
        // zero-filled, every slot free, and every page allocated now: a full disk must not make a
        // slot's first write a bus error
        final MappedFile file = MappedFile.createPreallocated(path, RecordingCountersLayout.slotOffset(SLOTS));
        final AtomicBuffer buffer = file.buffer();
        buffer.putInt(RecordingCountersLayout.SLOT_COUNT_OFFSET, SLOTS);
        buffer.putLong(RecordingCountersLayout.PID_OFFSET, ProcessHandle.current().pid());
        buffer.putIntRelease(RecordingCountersLayout.MAGIC_OFFSET,
            RecordingCountersLayout.MAGIC); // release: the header is complete
        return new RecordingCounters(file);
    }

    /**
     * Takes a slot for a recording being made.
     *
     * @param recordingId the recording.
     * @param position    where it is now.
     * @return the slot's offset, or -1 if every slot is taken (the recording goes on without counters).
     */
    int take(final long recordingId, final long position)
    {
        for (int slot = 0; slot < SLOTS; slot++)
        {
            final int offset = RecordingCountersLayout.slotOffset(slot);
            if (buffer.getInt(offset + STATE_OFFSET) == RecordingCountersLayout.FREE)
            {
                buffer.putLong(offset + RECORDING_ID_OFFSET, recordingId);
                buffer.putLong(offset + POSITION_OFFSET, position);
                buffer.putLong(offset + BYTES_WRITTEN_OFFSET, 0);
                buffer.putLong(offset + FSYNCS_OFFSET, 0);
                buffer.putInt(offset + SLOT_REPLAYS_OFFSET, 0);
                buffer.putIntRelease(offset + STATE_OFFSET,
                    RecordingCountersLayout.RECORDING); // release: the fields above first
                return offset;
            }
        }
        return -1;
    }

    /**
     * Frees a slot.
     *
     * @param offset the slot's offset, or -1.
     */
    void free(final int offset)
    {
        if (offset >= 0)
        {
            buffer.putIntRelease(offset + STATE_OFFSET,
                RecordingCountersLayout.FREE); // release: readers stop trusting the slot
        }
    }

    /**
     * Publishes how far a recording has got after a block.
     *
     * @param offset       the slot, or -1.
     * @param position     the position after the block, whose frames are in the files.
     * @param bytesWritten bytes written since it started.
     */
    void written(final int offset, final long position, final long bytesWritten)
    {
        if (offset >= 0)
        {
            buffer.putLong(offset + BYTES_WRITTEN_OFFSET, bytesWritten);
            buffer.putLongRelease(offset + POSITION_OFFSET,
                position); // release: the block is written before its position shows
        }
    }

    /**
     * Counts an fsync.
     *
     * @param offset the slot, or -1.
     * @param fsyncs fsyncs so far.
     */
    void fsynced(final int offset, final long fsyncs)
    {
        if (offset >= 0)
        {
            buffer.putLongRelease(offset + FSYNCS_OFFSET, fsyncs); // release: a plain count, published whole
        }
    }

    /**
     * The tracker of the archive conductor's duty cycles, which writes them into the
     * header; call before its thread runs.
     *
     * @param thresholdNanos a cycle longer than this is counted.
     * @return the tracker, for the conductor's runner, used by the conductor's thread.
     */
    public DutyCycleTracker dutyCycles(final long thresholdNanos)
    {
        buffer.putLong(RecordingCountersLayout.CYCLE_THRESHOLD_OFFSET, thresholdNanos);
        return cycleNanos ->
        {
            if (cycleNanos > thresholdNanos)
            {
                final long slow = buffer.getLong(RecordingCountersLayout.SLOW_CYCLES_OFFSET) +
                    1; // the conductor's thread is the one writer
                buffer.putLongRelease(RecordingCountersLayout.SLOW_CYCLES_OFFSET,
                slow); // release: a plain count, published whole
                if (cycleNanos > buffer.getLong(RecordingCountersLayout.LONGEST_CYCLE_OFFSET))
                {
                    buffer.putLongRelease(RecordingCountersLayout.LONGEST_CYCLE_OFFSET,
                        cycleNanos); // release: published whole
                }
            }
        };
    }

    /**
     * Sets the replay sessions running, in all and of one recording being made.
     *
     * @param total          replays running in the archive.
     * @param recordingId    a recording whose replays changed.
     * @param ofRecording    how many it has.
     */
    void replays(final long total, final long recordingId, final int ofRecording)
    {
        buffer.putLongRelease(REPLAYS_OFFSET, total); // release: a plain count, published whole
        for (int slot = 0; slot < SLOTS; slot++)
        {
            final int offset = RecordingCountersLayout.slotOffset(slot);
            if (buffer.getInt(offset + STATE_OFFSET) == RecordingCountersLayout.RECORDING &&
                buffer.getLong(offset + RECORDING_ID_OFFSET) == recordingId)
            {
                buffer.putIntRelease(offset + SLOT_REPLAYS_OFFSET,
                    ofRecording); // release: a plain count, published whole
            }
        }
    }

    @Override
    public void close()
    {
        for (int slot = 0; slot < SLOTS; slot++)
        {
            final int offset = RecordingCountersLayout.slotOffset(slot);
            if (buffer.getInt(offset + STATE_OFFSET) != RecordingCountersLayout.FREE)
            {
                free(offset);
            }
        }
        file.close();
    }
}
