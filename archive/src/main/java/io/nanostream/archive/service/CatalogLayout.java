package io.nanostream.archive.service;

/**
 * The layout of the archive's catalog file: a 4 KiB header, then one 1 KiB descriptor per recording, recording id
 * {@code n} at {@code HEADER_LENGTH + n * DESCRIPTOR_LENGTH}. All fields are little-endian.
 *
 * <p>The header:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    Magic and Version "NSC1"                   |   0  written last, with release, when the file is new
 *  +---------------------------------------------------------------+
 *  |                       Descriptor Length                       |   4  1024
 *  +---------------------------------------------------------------+
 *  |                 Capacity (descriptors the file holds)         |   8
 *  +---------------------------------------------------------------+
 *  |                      unused up to 4096                       ...  12
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A descriptor. Its first 32 bytes change while the recording is made, truncated or purged and are not in the
 * checksum; the rest is written once, when the recording starts, and covered by a CRC32C, so that a descriptor damaged
 * on disk is found when the catalog is opened:
 *
 * <pre>
 *  +---------------------------------------------------------------+
 *  |               State (0 free, 1 recorded, 2 deleted)           |   0  written last, with release, when the recording starts
 *  +---------------------------------------------------------------+
 *  |                CRC32C of bytes 32 to 1024                     |   4
 *  +---------------------------------------------------------------+
 *  |           Stop Position (long; -1 while recording)            |   8
 *  +---------------------------------------------------------------+
 *  |            Stop Time (long, epoch ms; -1 while recording)     |  16
 *  +---------------------------------------------------------------+
 *  |      Purged To (long; segments before it are gone; 0: none)   |  24
 *  +---------------------------------------------------------------+
 *  |                     Recording Id (long)                       |  32  the checksum covers from here
 *  +---------------------------------------------------------------+
 *  |                    Start Position (long)                      |  40
 *  +---------------------------------------------------------------+
 *  |                 Start Time (long, epoch ms)                   |  48
 *  +---------------------------------------------------------------+
 *  |                       Initial Term Id                         |  56
 *  +---------------------------------------------------------------+
 *  |                 Segment Length (whole terms)                  |  60
 *  +---------------------------------------------------------------+
 *  |                          Term Length                          |  64
 *  +---------------------------------------------------------------+
 *  |                              MTU                              |  68
 *  +---------------------------------------------------------------+
 *  |                           Session Id                          |  72
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  76
 *  +---------------------------------------------------------------+
 *  |        Channel Length, then Channel (UTF-8, up to 640)       ...  80
 *  +---------------------------------------------------------------+
 *  |        Source Length, then Source (UTF-8, up to 280)         ...  724
 *  +---------------------------------------------------------------+
 *  |    Source Recording Id (long; a replica's id at its source)   | 1008  valid with flag bit 1
 *  +---------------------------------------------------------------+
 *  |   Flags (bit 0: a CRC32C in each data frame; bit 1: replica)  | 1016
 *  +---------------------------------------------------------------+
 *  |                            unused                             | 1020
 *  +---------------------------------------------------------------+ 1024
 * </pre>
 */
public final class CatalogLayout
{
    /** "NSC1": the magic and version of a catalog file. */
    public static final int MAGIC = 0x3143_534E;
    /** The header's length. */
    public static final int HEADER_LENGTH = 4096;
    /** Each descriptor's length. */
    public static final int DESCRIPTOR_LENGTH = 1024;

    /** Header: offset of the magic and version. */
    public static final int MAGIC_OFFSET = 0;
    /** Header: offset of the descriptor length. */
    public static final int DESCRIPTOR_LENGTH_OFFSET = 4;
    /** Header: offset of the capacity. */
    public static final int CAPACITY_OFFSET = 8;

    /** State of a slot never used. */
    public static final int FREE = 0;
    /** State of a recording in the catalog. */
    public static final int RECORDED = 1;
    /** State of a recording deleted from the catalog. */
    public static final int DELETED = 2;

    /** Descriptor: offset of the state. */
    public static final int STATE_OFFSET = 0;
    /** Descriptor: offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 4;
    /** Descriptor: offset of the stop position. */
    public static final int STOP_POSITION_OFFSET = 8;
    /** Descriptor: offset of the stop time. */
    public static final int STOP_TIMESTAMP_OFFSET = 16;
    /** Descriptor: offset of the position segments before which were purged. */
    public static final int PURGED_TO_OFFSET = 24;
    /** Descriptor: where the checksummed part starts. */
    public static final int FIXED_OFFSET = 32;
    /** Descriptor: offset of the recording id. */
    public static final int RECORDING_ID_OFFSET = 32;
    /** Descriptor: offset of the start position. */
    public static final int START_POSITION_OFFSET = 40;
    /** Descriptor: offset of the start time. */
    public static final int START_TIMESTAMP_OFFSET = 48;
    /** Descriptor: offset of the initial term id. */
    public static final int INITIAL_TERM_ID_OFFSET = 56;
    /** Descriptor: offset of the segment length. */
    public static final int SEGMENT_LENGTH_OFFSET = 60;
    /** Descriptor: offset of the term length. */
    public static final int TERM_LENGTH_OFFSET = 64;
    /** Descriptor: offset of the MTU. */
    public static final int MTU_OFFSET = 68;
    /** Descriptor: offset of the session id. */
    public static final int SESSION_ID_OFFSET = 72;
    /** Descriptor: offset of the stream id. */
    public static final int STREAM_ID_OFFSET = 76;
    /** Descriptor: offset of the channel's length. */
    public static final int CHANNEL_OFFSET = 80;
    /** The longest channel kept, in UTF-8 bytes. */
    public static final int MAX_CHANNEL_LENGTH = 640;
    /** Descriptor: offset of the source's length. */
    public static final int SOURCE_OFFSET = CHANNEL_OFFSET + Integer.BYTES + MAX_CHANNEL_LENGTH;
    /** The longest source kept, in UTF-8 bytes. */
    public static final int MAX_SOURCE_LENGTH = 280;
    /** Descriptor: offset of a replica's recording id at the archive it was copied from. */
    public static final int SOURCE_RECORDING_ID_OFFSET = 1008;
    /** Descriptor: offset of the flags. */
    public static final int FLAGS_OFFSET = 1016;
    /** Flag: each data frame's reserved value holds the CRC32C of its payload. */
    public static final int FLAG_FRAME_CHECKSUMS = 1;
    /** Flag: the recording is a replica of another archive's; the source recording id is set. */
    public static final int FLAG_REPLICA = 2;

    private CatalogLayout()
    {
    }

    /**
     * Where a recording's descriptor starts in the file.
     *
     * @param recordingId the recording id.
     * @return the offset.
     */
    public static long descriptorOffset(final long recordingId)
    {
        return HEADER_LENGTH + recordingId * DESCRIPTOR_LENGTH;
    }

    /**
     * The file length for a capacity.
     *
     * @param capacity how many descriptors.
     * @return bytes.
     */
    public static long fileLength(final int capacity)
    {
        return HEADER_LENGTH + (long)capacity * DESCRIPTOR_LENGTH;
    }
}
