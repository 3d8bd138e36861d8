package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.MappedFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import static io.nanostream.archive.service.CatalogLayout.CAPACITY_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.CHANNEL_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.CHECKSUM_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.DESCRIPTOR_LENGTH;
import static io.nanostream.archive.service.CatalogLayout.DESCRIPTOR_LENGTH_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.FIXED_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.FLAGS_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.FLAG_FRAME_CHECKSUMS;
import static io.nanostream.archive.service.CatalogLayout.PURGED_TO_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.INITIAL_TERM_ID_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.MAGIC;
import static io.nanostream.archive.service.CatalogLayout.MAGIC_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.MAX_CHANNEL_LENGTH;
import static io.nanostream.archive.service.CatalogLayout.MAX_SOURCE_LENGTH;
import static io.nanostream.archive.service.CatalogLayout.MTU_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.RECORDED;
import static io.nanostream.archive.service.CatalogLayout.RECORDING_ID_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.SEGMENT_LENGTH_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.SESSION_ID_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.SOURCE_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.START_POSITION_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.START_TIMESTAMP_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.STATE_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.STOP_POSITION_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.STOP_TIMESTAMP_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.STREAM_ID_OFFSET;
import static io.nanostream.archive.service.CatalogLayout.TERM_LENGTH_OFFSET;

/**
 * The archive's catalog: a memory-mapped file of fixed-size recording descriptors ({@link CatalogLayout}), recording id
 * {@code n} in slot {@code n}. Opening checks the header and every descriptor's checksum, so a catalog damaged on disk
 * is refused with what was found, never half-trusted. Owned by the archive's conductor thread; others read descriptors
 * only through it.
 */
public final class Catalog implements AutoCloseable
{
    /** The catalog's file name in the archive directory. */
    public static final String FILE_NAME = "archive.catalog";

    private final MappedFile file;
    private final AtomicBuffer buffer;
    private final int capacity;
    private long nextRecordingId;

    private Catalog(final MappedFile file, final int capacity, final long nextRecordingId)
    {
        this.file = file;
        this.buffer = file.buffer();
        this.capacity = capacity;
        this.nextRecordingId = nextRecordingId;
    }

    /**
     * Opens the catalog of an archive directory that has one, to read it (an archive may be running there).
     *
     * @param directory the archive directory.
     * @return the catalog.
     * @throws IllegalStateException if there is no catalog there, or it is damaged.
     */
    public static Catalog openExisting(final Path directory)
    {
        if (!Files.exists(directory.resolve(FILE_NAME)))
        {
            throw new IllegalStateException("no archive catalog in " + directory + " (" + FILE_NAME +
                "); give the directory an archive " + "runs in, its --archive-dir");
        }
        return open(directory, 1);
    }

    /**
     * Opens the catalog in an archive directory, or makes a new one.
     *
     * @param directory the archive directory, which exists.
     * @param capacity  how many recordings a new catalog holds.
     * @return the catalog.
     * @throws IllegalStateException if an existing catalog is not one, or a descriptor in it is
     * damaged: naming which and what to do.
     */
    public static Catalog open(final Path directory, final int capacity)
    {
        final Path path = directory.resolve(FILE_NAME);
        if (!Files.exists(path))
        {
            // every page allocated now: a full disk later must not turn a descriptor's first write into a bus error
            final MappedFile file = MappedFile.createPreallocated(path, CatalogLayout.fileLength(capacity));
            final AtomicBuffer header = file.buffer();
            header.putInt(DESCRIPTOR_LENGTH_OFFSET, DESCRIPTOR_LENGTH);
            header.putInt(CAPACITY_OFFSET, capacity);
            header.putIntRelease(MAGIC_OFFSET, MAGIC); // release: the header is complete before the magic says so
            return new Catalog(file, capacity, 0);
        }
        final MappedFile file = MappedFile.open(path);
        try
        {
            final AtomicBuffer buffer = file.buffer();
            if (buffer.capacity() < CatalogLayout.HEADER_LENGTH || buffer.getIntAcquire(MAGIC_OFFSET) != MAGIC ||
                buffer.getInt(DESCRIPTOR_LENGTH_OFFSET) != DESCRIPTOR_LENGTH)
            {
                throw damaged(path, "it is not a catalog of this version (magic, version or descriptor length)");
            }
            final int fileCapacity = buffer.getInt(CAPACITY_OFFSET);
            if (fileCapacity <= 0 || buffer.capacity() != CatalogLayout.fileLength(fileCapacity))
            {
                throw damaged(path, "its length " + buffer.capacity() + " does not fit its capacity " + fileCapacity);
            }
            final Catalog catalog = new Catalog(file, fileCapacity, 0);
            catalog.nextRecordingId = catalog.check(path);
            return catalog;
        }
        catch (final RuntimeException ex)
        {
            file.close();
            throw ex;
        }
    }

    private static IllegalStateException damaged(final Path path, final String what)
    {
        return new IllegalStateException("the archive catalog " + path + " is damaged: " + what +
            "; the archive will not start " +
            "on it. Restore it from a copy, or move it away to start an empty catalog (the segment files stay where they are)");
    }

    /** Checks every descriptor's checksum; returns the first free recording id. */
    private long check(final Path path)
    {
        long id = 0;
        for (; id < capacity; id++)
        {
            final int state = buffer.getInt(CatalogLayout.descriptorOffset(id) + STATE_OFFSET);
            if (state == CatalogLayout.FREE)
            {
                break;
            }
            if (state != RECORDED && state != CatalogLayout.DELETED)
            {
                throw damaged(path, "recording " + id + " has state " + state);
            }
            final long offset = CatalogLayout.descriptorOffset(id);
            if (buffer.getInt(offset + CHECKSUM_OFFSET) != checksum(offset) ||
                buffer.getLong(offset + RECORDING_ID_OFFSET) != id)
            {
                throw damaged(path, "the descriptor of recording " + id + " fails its checksum");
            }
        }
        return id;
    }

    /**
     * Adds a recording, started now; its stop position stays unset until {@link #stop}.
     *
     * @return the new recording id.
     * @throws IllegalStateException if the catalog is full.
     * @throws IllegalArgumentException if the channel is too long to keep.
     */
    long add(
        final long startPosition, final long startTimestamp, final int initialTermId, final int segmentLength,
        final int termLength, final int mtu, final int sessionId, final int streamId, final String channel,
        final String source, final boolean frameChecksums, final long sourceRecordingId)
    {
        final byte[] channelBytes = channel.getBytes(StandardCharsets.UTF_8);
        if (channelBytes.length > MAX_CHANNEL_LENGTH)
        {
            throw new IllegalArgumentException("channel '" + channel + "' is " + channelBytes.length +
                " bytes; the catalog keeps at most " + MAX_CHANNEL_LENGTH);
        }
        if (nextRecordingId >= capacity)
        {
            throw new IllegalStateException("the catalog holds " + capacity +
                " recordings, all used; delete some, or start an archive " + "with a larger catalog");
        }
        final long recordingId = nextRecordingId++;
        final long offset = CatalogLayout.descriptorOffset(recordingId);
        buffer.putLong(offset + STOP_POSITION_OFFSET, RecordingDescriptor.NULL_POSITION);
        buffer.putLong(offset + STOP_TIMESTAMP_OFFSET, RecordingDescriptor.NULL_POSITION);
        buffer.putLong(offset + PURGED_TO_OFFSET, 0);
        buffer.putLong(offset + RECORDING_ID_OFFSET, recordingId);
        buffer.putLong(offset + START_POSITION_OFFSET, startPosition);
        buffer.putLong(offset + START_TIMESTAMP_OFFSET, startTimestamp);
        buffer.putInt(offset + INITIAL_TERM_ID_OFFSET, initialTermId);
        buffer.putInt(offset + SEGMENT_LENGTH_OFFSET, segmentLength);
        buffer.putInt(offset + TERM_LENGTH_OFFSET, termLength);
        buffer.putInt(offset + MTU_OFFSET, mtu);
        buffer.putInt(offset + SESSION_ID_OFFSET, sessionId);
        buffer.putInt(offset + STREAM_ID_OFFSET, streamId);
        buffer.putInt(offset + CHANNEL_OFFSET, channelBytes.length);
        buffer.putBytes(offset + CHANNEL_OFFSET + Integer.BYTES, channelBytes, 0, channelBytes.length);
        final byte[] sourceBytes = source.getBytes(StandardCharsets.UTF_8);
        final int sourceLength = Math.min(sourceBytes.length, MAX_SOURCE_LENGTH);
        buffer.putInt(offset + SOURCE_OFFSET, sourceLength);
        buffer.putBytes(offset + SOURCE_OFFSET + Integer.BYTES, sourceBytes, 0, sourceLength);
        buffer.putLong(offset + CatalogLayout.SOURCE_RECORDING_ID_OFFSET, sourceRecordingId);
        buffer.putInt(offset + FLAGS_OFFSET, (frameChecksums ? FLAG_FRAME_CHECKSUMS : 0) | (sourceRecordingId >= 0 ?
            CatalogLayout.FLAG_REPLICA : 0));
        buffer.putInt(offset + CHECKSUM_OFFSET, checksum(offset));
        buffer.putIntRelease(offset + STATE_OFFSET, RECORDED); // release: the descriptor is complete before it counts
        return recordingId;
    }

    /**
     * Sets where and when a recording stopped.
     *
     * @param recordingId   the recording.
     * @param stopPosition  the position after its last complete frame.
     * @param stopTimestamp when, epoch milliseconds.
     */
    void stop(final long recordingId, final long stopPosition, final long stopTimestamp)
    {
        final long offset = CatalogLayout.descriptorOffset(recordingId);
        buffer.putLong(offset + STOP_TIMESTAMP_OFFSET, stopTimestamp);
        buffer.putLongRelease(offset + STOP_POSITION_OFFSET,
            stopPosition); // release: the stop time before the position that ends it
    }

    /**
     * Makes a stopped recording active again, to be continued from its stop position.
     *
     * @param recordingId the recording.
     */
    void restart(final long recordingId)
    {
        final long offset = CatalogLayout.descriptorOffset(recordingId);
        buffer.putLong(offset + STOP_TIMESTAMP_OFFSET, RecordingDescriptor.NULL_POSITION);
        buffer.putLongRelease(offset + STOP_POSITION_OFFSET,
            RecordingDescriptor.NULL_POSITION); // release: active again
    }

    /**
     * Cuts a stopped recording short: its stop position moves back to a frame start. The files are cut after this.
     *
     * @param recordingId  the recording, stopped.
     * @param stopPosition the new stop position.
     */
    void truncate(final long recordingId, final long stopPosition)
    {
        // release: a reader of the stop position sees the recording end here before any file is cut
        buffer.putLongRelease(CatalogLayout.descriptorOffset(recordingId) + STOP_POSITION_OFFSET, stopPosition);
    }

    /**
     * Marks segments before a position as gone: the recording's start moves up to it. The files are deleted after this.
     *
     * @param recordingId the recording.
     * @param position    a segment's base position, after the recording's start.
     */
    void purgeTo(final long recordingId, final long position)
    {
        // release: readers of the descriptor stop using the segments before it before they are deleted
        buffer.putLongRelease(CatalogLayout.descriptorOffset(recordingId) + PURGED_TO_OFFSET, position);
    }

    /**
     * Deletes a recording from the catalog; its id is never used again. Its files are deleted after this.
     *
     * @param recordingId the recording, stopped.
     */
    void delete(final long recordingId)
    {
        // release: the recording is gone for readers before its files are
        buffer.putIntRelease(CatalogLayout.descriptorOffset(recordingId) + STATE_OFFSET, CatalogLayout.DELETED);
    }

    /**
     * A recording's descriptor.
     *
     * @param recordingId the recording.
     * @return it, or null if there is no such recording.
     */
    public RecordingDescriptor descriptor(final long recordingId)
    {
        if (recordingId < 0 || recordingId >= nextRecordingId)
        {
            return null;
        }
        final long offset = CatalogLayout.descriptorOffset(recordingId);
        if (buffer.getIntAcquire(offset + STATE_OFFSET) != RECORDED) // acquire: pairs with add
        {
            return null;
        }
        final long start = Math.max(buffer.getLong(offset + START_POSITION_OFFSET), buffer.getLongAcquire(offset +
            PURGED_TO_OFFSET));
        final int flags = buffer.getInt(offset + FLAGS_OFFSET);
        return new RecordingDescriptor(recordingId, start,
            buffer.getLongAcquire(offset + STOP_POSITION_OFFSET), buffer.getLong(offset + START_TIMESTAMP_OFFSET),
            buffer.getLong(offset + STOP_TIMESTAMP_OFFSET), buffer.getInt(offset + INITIAL_TERM_ID_OFFSET),
            buffer.getInt(offset + SEGMENT_LENGTH_OFFSET), buffer.getInt(offset + TERM_LENGTH_OFFSET),
            buffer.getInt(offset + MTU_OFFSET), buffer.getInt(offset + SESSION_ID_OFFSET),
            buffer.getInt(offset + STREAM_ID_OFFSET), string(offset + CHANNEL_OFFSET, MAX_CHANNEL_LENGTH),
            string(offset + SOURCE_OFFSET, MAX_SOURCE_LENGTH), (flags & FLAG_FRAME_CHECKSUMS) != 0,
            (flags & CatalogLayout.FLAG_REPLICA) != 0 ?
            buffer.getLong(offset + CatalogLayout.SOURCE_RECORDING_ID_OFFSET) : RecordingDescriptor.NULL_ID);
    }

    /**
     * Visits the recordings from an id on.
     *
     * @param fromRecordingId the first id to look at.
     * @param visitor         receives each recording, in id order.
     */
    public void forEach(final long fromRecordingId, final Consumer<RecordingDescriptor> visitor)
    {
        for (long id = Math.max(0, fromRecordingId); id < nextRecordingId; id++)
        {
            final RecordingDescriptor descriptor = descriptor(id);
            if (descriptor != null)
            {
                visitor.accept(descriptor);
            }
        }
    }

    /**
     * Writes the catalog's changed pages to the device.
     */
    void force()
    {
        buffer.segment().force();
    }

    @Override
    public void close()
    {
        file.close();
    }

    private String string(final long offset, final int maxLength)
    {
        final int length = Math.clamp(buffer.getInt(offset), 0, maxLength);
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset + Integer.BYTES, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int checksum(final long offset)
    {
        final CRC32C crc = new CRC32C();
        crc.update(buffer.segment().asSlice(offset + FIXED_OFFSET, DESCRIPTOR_LENGTH - FIXED_OFFSET).asByteBuffer());
        return (int)crc.getValue();
    }
}
