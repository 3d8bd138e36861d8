package io.nanostream.archive.service;

/**
 * The layout of an archive's counters file ({@code archive.counters}): a 64-byte header, then one 64-byte slot, a cache
 * line, per recording being made. The archive's thread writes it; tools and clients in any process read it. A slot is
 * taken when a recording starts and freed when it stops; its position is stored with release after each block written,
 * so a reader that loads it with acquire sees a position whose frames are in the segment files. Made anew each time
 * the archive starts. All fields are little-endian.
 *
 * <p>The header:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                   Magic and Version "NSR1"                    |   0  written last, with release
 *  +---------------------------------------------------------------+
 *  |                          Slot Count                           |   4
 *  +---------------------------------------------------------------+
 *  |                     Archive Process Id (long)                 |   8
 *  +---------------------------------------------------------------+
 *  |                  Replay Sessions Running (long)               |  16
 *  +---------------------------------------------------------------+
 *  |      Conductor Cycles over the Threshold (long), release      |  24
 *  +---------------------------------------------------------------+
 *  |      Conductor Longest Cycle, ns (long), release              |  32
 *  +---------------------------------------------------------------+
 *  |      Duty Cycle Threshold, ns (long)                          |  40
 *  +---------------------------------------------------------------+
 *  |                        unused up to 64                       ...  48
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A slot:
 *
 * <pre>
 *  +---------------------------------------------------------------+
 *  |             State (0 free, 1 recording), with release         |   0  set after the fields below, cleared first
 *  +---------------------------------------------------------------+
 *  |               Replay Sessions of this recording               |   4
 *  +---------------------------------------------------------------+
 *  |                     Recording Id (long)                       |   8
 *  +---------------------------------------------------------------+
 *  |             Position (long), with release per block           |  16
 *  +---------------------------------------------------------------+
 *  |                 Bytes Written this run (long)                 |  24
 *  +---------------------------------------------------------------+
 *  |                       Fsyncs (long)                           |  32
 *  +---------------------------------------------------------------+
 *  |                        unused up to 64                       ...  40
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class RecordingCountersLayout
{
    /** The file's name in the archive directory. */
    public static final String FILE_NAME = "archive.counters";
    /** "NSR1". */
    public static final int MAGIC = 0x3152_534E;
    /** The header's length. */
    public static final int HEADER_LENGTH = 64;
    /** Each slot's length. */
    public static final int SLOT_LENGTH = 64;

    /** Header: offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Header: offset of the slot count. */
    public static final int SLOT_COUNT_OFFSET = 4;
    /** Header: offset of the archive's pid. */
    public static final int PID_OFFSET = 8;
    /** Header: offset of the replay sessions running. */
    public static final int REPLAYS_OFFSET = 16;
    /** Header: offset of the count of the conductor's duty cycles over the threshold. */
    public static final int SLOW_CYCLES_OFFSET = 24;
    /** Header: offset of the conductor's longest duty cycle over the threshold, in ns. */
    public static final int LONGEST_CYCLE_OFFSET = 32;
    /** Header: offset of the duty cycle threshold, in ns. */
    public static final int CYCLE_THRESHOLD_OFFSET = 40;

    /** Slot: offset of the state. */
    public static final int STATE_OFFSET = 0;
    /** Slot: offset of this recording's replay sessions. */
    public static final int SLOT_REPLAYS_OFFSET = 4;
    /** Slot: offset of the recording id. */
    public static final int RECORDING_ID_OFFSET = 8;
    /** Slot: offset of the position. */
    public static final int POSITION_OFFSET = 16;
    /** Slot: offset of the bytes written. */
    public static final int BYTES_WRITTEN_OFFSET = 24;
    /** Slot: offset of the fsyncs. */
    public static final int FSYNCS_OFFSET = 32;

    /** State of a free slot. */
    public static final int FREE = 0;
    /** State of a slot whose recording is being made. */
    public static final int RECORDING = 1;

    private RecordingCountersLayout()
    {
    }

    /**
     * Where a slot starts.
     *
     * @param slot the slot index.
     * @return its offset in the file.
     */
    public static int slotOffset(final int slot)
    {
        return HEADER_LENGTH + slot * SLOT_LENGTH;
    }
}
