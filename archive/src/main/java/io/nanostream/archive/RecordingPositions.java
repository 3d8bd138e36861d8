package io.nanostream.archive;

import io.nanostream.archive.service.RecordingCountersLayout;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.MappedFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.nanostream.archive.service.RecordingCountersLayout.BYTES_WRITTEN_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.FSYNCS_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.POSITION_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.RECORDING_ID_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.SLOT_REPLAYS_OFFSET;
import static io.nanostream.archive.service.RecordingCountersLayout.STATE_OFFSET;

/**
 * The live positions of the recordings an archive is making, read from its counters file in any process without asking
 * the archive: follow a recording as it grows with {@link #position}, or see them all with {@link #activity}. A
 * position read here has its frames in the segment files. The file is made anew when the archive starts: open this
 * again after a restart. Any thread.
 */
public final class RecordingPositions implements AutoCloseable
{
    private final MappedFile file;
    private final AtomicBuffer buffer;
    private final int slots;

    private RecordingPositions(final MappedFile file)
    {
        this.file = file;
        this.buffer = file.buffer();
        this.slots = buffer.getInt(RecordingCountersLayout.SLOT_COUNT_OFFSET);
    }

    /**
     * Opens the counters of the archive that runs, or ran, in a directory.
     *
     * @param archiveDirectory the archive directory.
     * @return the reader.
     * @throws IllegalStateException if there is no counters file there, or it is not one.
     */
    public static RecordingPositions open(final Path archiveDirectory)
    {
        final Path path = archiveDirectory.resolve(RecordingCountersLayout.FILE_NAME);
        if (!Files.exists(path))
        {
            throw new IllegalStateException("no archive counters in " + archiveDirectory + " (" +
                RecordingCountersLayout.FILE_NAME + "); is an archive running there?");
        }
        final MappedFile file = MappedFile.open(path);
        final AtomicBuffer buffer = file.buffer();
        // acquire: pairs with the release of the magic, after the header
        if (buffer.capacity() < RecordingCountersLayout.HEADER_LENGTH ||
            buffer.getIntAcquire(RecordingCountersLayout.MAGIC_OFFSET) != RecordingCountersLayout.MAGIC ||
            buffer.capacity() < RecordingCountersLayout.slotOffset(buffer.getInt(RecordingCountersLayout.SLOT_COUNT_OFFSET)))
        {
            file.close();
            throw new IllegalStateException(path + " is not an archive counters file of this version");
        }
        return new RecordingPositions(file);
    }

    /**
     * How far a recording being made has got.
     *
     * @param recordingId the recording.
     * @return its position, or {@link RecordingDescriptor#NULL_POSITION} if it is not being made.
     */
    public long position(final long recordingId)
    {
        for (int slot = 0; slot < slots; slot++)
        {
            final int offset = RecordingCountersLayout.slotOffset(slot);
            // acquire: pairs with the release that takes the slot, after its recording id
            if (buffer.getIntAcquire(offset + STATE_OFFSET) == RecordingCountersLayout.RECORDING &&
                buffer.getLong(offset + RECORDING_ID_OFFSET) == recordingId)
            {
                final long position = buffer.getLongAcquire(offset +
                    POSITION_OFFSET); // acquire: the block is on file before it
                // acquire: the slot was not freed and taken again while it was read
                if (buffer.getIntAcquire(offset + STATE_OFFSET) == RecordingCountersLayout.RECORDING &&
                    buffer.getLong(offset + RECORDING_ID_OFFSET) == recordingId)
                {
                    return position;
                }
            }
        }
        return RecordingDescriptor.NULL_POSITION;
    }

    /** {@return every recording being made, with its counters} */
    public List<RecordingActivity> activity()
    {
        final List<RecordingActivity> activity = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++)
        {
            final int offset = RecordingCountersLayout.slotOffset(slot);
            if (buffer.getIntAcquire(offset +
                STATE_OFFSET) == RecordingCountersLayout.RECORDING) // acquire: pairs with the take
            {
                activity.add(new RecordingActivity(buffer.getLong(offset + RECORDING_ID_OFFSET),
                    buffer.getLongAcquire(offset + POSITION_OFFSET), buffer.getLongAcquire(offset +
                    BYTES_WRITTEN_OFFSET), buffer.getLongAcquire(offset + FSYNCS_OFFSET), buffer.getIntAcquire(offset +
                    SLOT_REPLAYS_OFFSET)));
            }
        }
        return activity;
    }

    /** {@return the replay sessions running in the archive} */
    public long replaySessions()
    {
        return buffer.getLongAcquire(RecordingCountersLayout.REPLAYS_OFFSET); // acquire: a count published whole
    }

    /** {@return how many of the archive conductor's duty cycles took longer than {@link #dutyCycleThresholdNanos()}} */
    public long slowCycles()
    {
        return buffer.getLongAcquire(RecordingCountersLayout.SLOW_CYCLES_OFFSET); // acquire: a count published whole
    }

    /** {@return the archive conductor's longest duty cycle over the threshold, in ns} */
    public long longestCycleNanos()
    {
        return buffer.getLongAcquire(RecordingCountersLayout.LONGEST_CYCLE_OFFSET); // acquire: published whole
    }

    /** {@return the archive's duty cycle threshold, in ns} */
    public long dutyCycleThresholdNanos()
    {
        return buffer.getLong(RecordingCountersLayout.CYCLE_THRESHOLD_OFFSET);
    }

    /** {@return the archive's process id} */
    public long archivePid()
    {
        return buffer.getLong(RecordingCountersLayout.PID_OFFSET);
    }

    @Override
    public void close()
    {
        file.close();
    }
}
