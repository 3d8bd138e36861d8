package io.nanostream.client.protocol;

import io.nanostream.buffer.AtomicBuffer;

import java.nio.file.Path;

/**
 * The layout of the driver's control file, shared by the driver and its clients, and the views of its
 * regions. All fields are little-endian.
 *
 * <p>The file is a 128-byte header followed by five regions, in this order, each starting on a 128-byte
 * boundary (its length, from the header, rounded up to 128):
 *
 * <pre>
 *  +-------------------------------------+  0
 *  |  Header (below)                     |
 *  +-------------------------------------+  128
 *  |  Command Ring, trailer included     |  clients to driver: MessageRingDescriptor
 *  +-------------------------------------+  + align(command ring length)
 *  |  Broadcast Buffer, trailer included |  driver to clients: BroadcastDescriptor
 *  +-------------------------------------+  + align(broadcast length)
 *  |  Counters Metadata                  |  CountersDescriptor, 512 bytes a counter
 *  +-------------------------------------+  + align(counters metadata length)
 *  |  Counters Values                    |  CountersDescriptor, 128 bytes a counter
 *  +-------------------------------------+  + align(counters values length)
 *  |  Distinct-Error Log                 |  ErrorLogDescriptor
 *  +-------------------------------------+  + align(error log length): the file's length
 * </pre>
 *
 * The header:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |         Layout Number         |        Magic 0x4E53 "NS"      |   0  Version (int), written last, with release
 *  +-------------------------------+-------------------------------+
 *  |                            Unused                             |   4
 *  +---------------------------------------------------------------+
 *  |                      Command Ring Length                      |   8
 *  +---------------------------------------------------------------+
 *  |                        Broadcast Length                       |  12
 *  +---------------------------------------------------------------+
 *  |                    Counters Metadata Length                   |  16
 *  +---------------------------------------------------------------+
 *  |                     Counters Values Length                    |  20
 *  +---------------------------------------------------------------+
 *  |                        Error Log Length                       |  24
 *  +---------------------------------------------------------------+
 *  |                            Unused                             |  28
 *  +---------------------------------------------------------------+
 *  |                 Client Liveness Timeout (ns)                  |  32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Driver Start Time (epoch ms)                 |  40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       Driver Process Id                       |  48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            Driver's Pid Namespace (inode, 0 unknown)          |  56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Unused up to 128 bytes                   ...  64
 *  +---------------------------------------------------------------+ 128
 * </pre>
 *
 * <p>Fields are drawn in byte order: the version is the int {@link #VERSION}, whose low half, the
 * layout number, comes first in the little-endian file. The driver writes everything else first and the
 * version last, with release semantics; a client that reads the version with acquire semantics and finds
 * {@link #VERSION} may trust the rest.
 *
 * @see io.nanostream.buffer.MessageRingDescriptor
 * @see io.nanostream.buffer.BroadcastDescriptor
 * @see io.nanostream.buffer.CountersDescriptor
 * @see io.nanostream.buffer.ErrorLogDescriptor
 */
public final class ControlFile
{
    /** The file's name in the driver directory. */
    public static final String FILE_NAME = "control.dat";
    /** The directory under the driver directory that holds publication logs. */
    public static final String PUBLICATIONS_DIRECTORY = "publications";
    /** Layout version: "NS" in the upper 16 bits, then the layout number. */
    public static final int VERSION = 0x4E53_0001;
    /** Header length. */
    public static final int HEADER_LENGTH = 128;
    /** Regions start at multiples of this. */
    public static final int REGION_ALIGNMENT = 128;

    /** Offset of the version (int). */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the command ring's length (int), trailer included. */
    public static final int COMMAND_RING_LENGTH_OFFSET = 8;
    /** Offset of the broadcast buffer's length (int), trailer included. */
    public static final int BROADCAST_LENGTH_OFFSET = 12;
    /** Offset of the counters metadata length (int). */
    public static final int COUNTERS_METADATA_LENGTH_OFFSET = 16;
    /** Offset of the counters values length (int). */
    public static final int COUNTERS_VALUES_LENGTH_OFFSET = 20;
    /** Offset of the error log's length (int). */
    public static final int ERROR_LOG_LENGTH_OFFSET = 24;
    /** Offset of the client liveness timeout (long, nanoseconds). */
    public static final int CLIENT_LIVENESS_TIMEOUT_OFFSET = 32;
    /** Offset of the driver's start time (long, epoch milliseconds). */
    public static final int START_TIME_OFFSET = 40;
    /** Offset of the driver's process id (long). */
    public static final int PID_OFFSET = 48;
    /** Offset of the inode of the driver's pid namespace (long, 0 if unknown): see {@link DriverProcess}. */
    public static final int PID_NAMESPACE_OFFSET = 56;

    private final AtomicBuffer file;

    /**
     * Views a mapped control file.
     *
     * @param file the whole file.
     */
    public ControlFile(final AtomicBuffer file)
    {
        this.file = file;
    }

    /**
     * The length a control file needs.
     *
     * @param commandRingLength    command ring bytes, trailer included.
     * @param broadcastLength      broadcast bytes, trailer included.
     * @param countersMetadataLength counter metadata bytes.
     * @param countersValuesLength counter value bytes.
     * @param errorLogLength       error log bytes.
     * @return the file length.
     */
    public static long length(
        final int commandRingLength, final int broadcastLength, final int countersMetadataLength,
        final int countersValuesLength, final int errorLogLength)
    {
        return (long)HEADER_LENGTH + align(commandRingLength) + align(broadcastLength) + align(countersMetadataLength) +
            align(countersValuesLength) + align(errorLogLength);
    }

    /**
     * Lays out a new control file, version last.
     *
     * @param commandRingLength      command ring bytes, trailer included.
     * @param broadcastLength        broadcast bytes, trailer included.
     * @param countersMetadataLength counter metadata bytes.
     * @param countersValuesLength   counter value bytes.
     * @param errorLogLength         error log bytes.
     * @param clientLivenessTimeoutNanos how long a silent client lives.
     * @param process                the driver's process and start time.
     */
    public void initialise(
        final int commandRingLength, final int broadcastLength, final int countersMetadataLength,
        final int countersValuesLength, final int errorLogLength, final long clientLivenessTimeoutNanos,
        final DriverProcess process)
    {
        file.putInt(COMMAND_RING_LENGTH_OFFSET, commandRingLength);
        file.putInt(BROADCAST_LENGTH_OFFSET, broadcastLength);
        file.putInt(COUNTERS_METADATA_LENGTH_OFFSET, countersMetadataLength);
        file.putInt(COUNTERS_VALUES_LENGTH_OFFSET, countersValuesLength);
        file.putInt(ERROR_LOG_LENGTH_OFFSET, errorLogLength);
        file.putLong(CLIENT_LIVENESS_TIMEOUT_OFFSET, clientLivenessTimeoutNanos);
        file.putLong(START_TIME_OFFSET, process.startMillis());
        file.putLong(PID_OFFSET, process.pid());
        file.putLong(PID_NAMESPACE_OFFSET, process.pidNamespace());
    }

    /** Marks the file ready: everything written before is visible to whoever reads the version. */
    public void markReady()
    {
        file.putIntRelease(VERSION_OFFSET, VERSION); // release: the layout and sections are complete before the version
    }

    /**
     * Whether the file is still being made: shorter than its header, or not yet marked ready. A client waits for such a
     * file; any other fault {@link #checkReady} names is not fixed by waiting.
     *
     * @return true while a driver is starting (or died starting).
     */
    public boolean isStarting()
    {
        return file.capacity() < HEADER_LENGTH ||
            file.getIntAcquire(VERSION_OFFSET) == 0; // acquire: pairs with markReady
    }

    /**
     * Checks that a mapped file is a ready control file of this version.
     *
     * @param path where it came from, for the message.
     * @throws IllegalStateException naming the problem and the fix.
     */
    public void checkReady(final Path path)
    {
        if (file.capacity() < HEADER_LENGTH)
        {
            throw new IllegalStateException("control file " + path + " is truncated (" + file.capacity() +
                " bytes); remove the directory and restart the driver");
        }
        final int version = file.getIntAcquire(VERSION_OFFSET); // acquire: pairs with markReady
        if (version == 0)
        {
            throw new IllegalStateException("control file " + path +
                " is not ready: the driver is starting, or died while starting");
        }
        if (version != VERSION)
        {
            throw new IllegalStateException("control file " + path + " has version 0x" + Integer.toHexString(version) +
                ", not 0x" + Integer.toHexString(VERSION) +
                ": another program's file, or a driver of another version; " +
                "point the client at the right directory or restart the driver");
        }
        final long expected = length(commandRingLength(), broadcastLength(), countersMetadataLength(),
            countersValuesLength(), errorLogLength());
        if (file.capacity() < expected)
        {
            throw new IllegalStateException("control file " + path + " is truncated: " + file.capacity() +
                " bytes, needs " + expected + "; remove the directory and restart the driver");
        }
    }

    /**
     * The command ring's bytes.
     *
     * @return a view of them.
     */
    public AtomicBuffer commandRing()
    {
        return file.slice(commandRingOffset(), commandRingLength());
    }

    /**
     * The broadcast buffer's bytes.
     *
     * @return a view of them.
     */
    public AtomicBuffer broadcast()
    {
        return file.slice(broadcastOffset(), broadcastLength());
    }

    /**
     * The counter metadata.
     *
     * @return a view of it.
     */
    public AtomicBuffer countersMetadata()
    {
        return file.slice(countersMetadataOffset(), countersMetadataLength());
    }

    /**
     * The counter values.
     *
     * @return a view of them.
     */
    public AtomicBuffer countersValues()
    {
        return file.slice(countersValuesOffset(), countersValuesLength());
    }

    /**
     * The distinct-error log.
     *
     * @return a view of it.
     */
    public AtomicBuffer errorLog()
    {
        return file.slice(errorLogOffset(), errorLogLength());
    }

    /**
     * How long the driver lets a silent client live.
     *
     * @return nanoseconds.
     */
    public long clientLivenessTimeoutNanos()
    {
        return file.getLong(CLIENT_LIVENESS_TIMEOUT_OFFSET);
    }

    /**
     * When the driver started.
     *
     * @return epoch milliseconds.
     */
    public long startMillis()
    {
        return file.getLong(START_TIME_OFFSET);
    }

    /**
     * The driver's process id.
     *
     * @return the pid.
     */
    public long pid()
    {
        return file.getLong(PID_OFFSET);
    }

    /**
     * The driver's process, as recorded when it started.
     *
     * @return the process id, start time and pid namespace.
     */
    public DriverProcess process()
    {
        return new DriverProcess(pid(), startMillis(), file.getLong(PID_NAMESPACE_OFFSET));
    }

    private int commandRingLength()
    {
        return file.getInt(COMMAND_RING_LENGTH_OFFSET);
    }

    private int broadcastLength()
    {
        return file.getInt(BROADCAST_LENGTH_OFFSET);
    }

    private int countersMetadataLength()
    {
        return file.getInt(COUNTERS_METADATA_LENGTH_OFFSET);
    }

    private int countersValuesLength()
    {
        return file.getInt(COUNTERS_VALUES_LENGTH_OFFSET);
    }

    private int errorLogLength()
    {
        return file.getInt(ERROR_LOG_LENGTH_OFFSET);
    }

    private static int commandRingOffset()
    {
        return HEADER_LENGTH;
    }

    private int broadcastOffset()
    {
        return commandRingOffset() + align(commandRingLength());
    }

    private int countersMetadataOffset()
    {
        return broadcastOffset() + align(broadcastLength());
    }

    private int countersValuesOffset()
    {
        return countersMetadataOffset() + align(countersMetadataLength());
    }

    private int errorLogOffset()
    {
        return countersValuesOffset() + align(countersValuesLength());
    }

    /**
     * Rounds a region length up to {@link #REGION_ALIGNMENT}.
     *
     * @param length the length.
     * @return the aligned length.
     */
    public static int align(final int length)
    {
        return (length + REGION_ALIGNMENT - 1) & -REGION_ALIGNMENT;
    }
}
