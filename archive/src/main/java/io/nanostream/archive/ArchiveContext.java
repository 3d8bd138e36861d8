package io.nanostream.archive;

import io.nanostream.client.ChannelUri;
import io.nanostream.client.ClientContext;
import io.nanostream.concurrent.IdleStrategies;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How an {@link Archive} runs: where it keeps its catalog and segment files, which driver it uses, the control stream
 * its clients talk to it on, and how hard it tries to keep what it wrote. Defaults come from system properties
 * ({@code nanostream.archive.dir}, ...), then from built-in values.
 */
public final class ArchiveContext
{
    /** The control channel clients send requests on, unless told otherwise. */
    public static final String DEFAULT_CONTROL_CHANNEL = "nano:ipc?term-length=64k";
    /** The control stream id clients send requests on, unless told otherwise. */
    public static final int DEFAULT_CONTROL_STREAM_ID = 100;

    private Path archiveDirectory = directoryProperty();
    private ClientContext clientContext = new ClientContext();
    private String controlChannel = DEFAULT_CONTROL_CHANNEL;
    private int controlStreamId = DEFAULT_CONTROL_STREAM_ID;
    private int segmentLength = 128 * 1024 * 1024;
    private int catalogCapacity = 8192;
    private int fsyncLevel;
    private boolean frameChecksums;
    private Duration replayConnectTimeout = Duration.ofSeconds(10);
    private String idleStrategy = "backoff";
    private Duration dutyCycleThreshold = Duration.ofMillis(1);
    private Consumer<Throwable> errorHandler = error -> System.getLogger("io.nanostream.archive")
        .log(System.Logger.Level.ERROR, "nano-stream archive error", error);

    /** Creates a context with the defaults, which the setters then change. */
    public ArchiveContext()
    {
    }

    private static Path directoryProperty()
    {
        final String configured = ArchiveProperties.ARCHIVE_DIR.read();
        return configured == null ? null : Path.of(configured);
    }

    /**
     * Sets where the catalog and segment files go: a directory of the archive's own, on the disk that must keep them.
     *
     * @param archiveDirectory the directory; made if missing. Default {@code nanostream.archive.dir}.
     * @return this context.
     */
    public ArchiveContext archiveDirectory(final Path archiveDirectory)
    {
        this.archiveDirectory = archiveDirectory;
        return this;
    }

    /** {@return where the catalog and segment files go, or null if not set} */
    public Path archiveDirectory()
    {
        return archiveDirectory;
    }

    /**
     * Sets how the archive connects to its media driver.
     *
     * @param clientContext the driver directory and client settings.
     * @return this context.
     */
    public ArchiveContext clientContext(final ClientContext clientContext)
    {
        this.clientContext = clientContext;
        return this;
    }

    /** {@return how the archive connects to its media driver} */
    public ClientContext clientContext()
    {
        return clientContext;
    }

    /**
     * Sets the channel and stream clients send requests on.
     *
     * @param channel  the channel, IPC or UDP.
     * @param streamId the stream id.
     * @return this context.
     */
    public ArchiveContext controlChannel(final String channel, final int streamId)
    {
        ChannelUri.parse(channel);
        this.controlChannel = channel;
        this.controlStreamId = streamId;
        return this;
    }

    /** {@return the control channel} */
    public String controlChannel()
    {
        return controlChannel;
    }

    /** {@return the control stream id} */
    public int controlStreamId()
    {
        return controlStreamId;
    }

    /**
     * Sets the length of segment files, rounded up to whole terms of each recording.
     *
     * @param segmentLength bytes; default 128 MiB.
     * @return this context.
     */
    public ArchiveContext segmentLength(final int segmentLength)
    {
        if (segmentLength <= 0)
        {
            throw new IllegalArgumentException("segment length must be positive, was " + segmentLength);
        }
        this.segmentLength = segmentLength;
        return this;
    }

    /** {@return the segment length asked for} */
    public int segmentLength()
    {
        return segmentLength;
    }

    /**
     * Sets how many recordings a new catalog holds.
     *
     * @param capacity recordings; default 8192 (8 MiB of catalog).
     * @return this context.
     */
    public ArchiveContext catalogCapacity(final int capacity)
    {
        if (capacity <= 0 || capacity > 1 << 21)
        {
            throw new IllegalArgumentException("catalog capacity must be from 1 to 2097152, was " + capacity);
        }
        this.catalogCapacity = capacity;
        return this;
    }

    /** {@return how many recordings a new catalog holds} */
    public int catalogCapacity()
    {
        return catalogCapacity;
    }

    /**
     * Sets what the archive promises to have on the device: 0, what the page cache holds (a crashed process loses
     * nothing, a crashed machine may); 1, each segment's data forced to the device when the segment fills, every second
     * and when the recording stops; 2, that and the catalog, after each change to it.
     *
     * @param level 0, 1 or 2; default 0.
     * @return this context.
     */
    public ArchiveContext fsyncLevel(final int level)
    {
        if (level < 0 || level > 2)
        {
            throw new IllegalArgumentException("fsync level must be 0, 1 or 2, was " + level);
        }
        this.fsyncLevel = level;
        return this;
    }

    /** {@return the fsync level} */
    public int fsyncLevel()
    {
        return fsyncLevel;
    }

    /**
     * Sets whether recordings started from now on keep the CRC32C of each data frame's payload in the frame's reserved
     * value, so that a replay and {@code verify} find a frame damaged on disk. The recording's descriptor says which it
     * has; the recorded stream's own reserved values are replaced.
     *
     * @param frameChecksums true to keep them; default false.
     * @return this context.
     */
    public ArchiveContext frameChecksums(final boolean frameChecksums)
    {
        this.frameChecksums = frameChecksums;
        return this;
    }

    /** {@return whether new recordings keep a CRC32C per data frame} */
    public boolean frameChecksums()
    {
        return frameChecksums;
    }

    /**
     * Sets how the archive's thread waits when a duty cycle finds nothing to do, by name: {@code backoff} (spins, then
     * yields, then parks up to a millisecond; the default), {@code yield}, {@code spin} (a core of its own), {@code
     * sleep}, or {@code backoff:spins:yields:minParkNs:maxParkNs}. Recording latency at low rates is this choice: a
     * parked archive sees a message only when it wakes.
     *
     * @param name the strategy's name.
     * @return this context.
     * @throws IllegalArgumentException if the name is not one of those, with the names that are.
     */
    public ArchiveContext idleStrategy(final String name)
    {
        IdleStrategies.byName(name);
        this.idleStrategy = name;
        return this;
    }

    /** {@return the name of the archive thread's idle strategy} */
    public String idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * Sets how long a duty cycle of the archive's conductor may take before it is counted as slow ({@code stat
     * --archive-dir} shows the count and the longest).
     *
     * @param threshold the threshold, more than zero; default 1 ms.
     * @return this context.
     */
    public ArchiveContext dutyCycleThreshold(final Duration threshold)
    {
        if (threshold.isNegative() || threshold.isZero())
        {
            throw new IllegalArgumentException("duty cycle threshold " + threshold + " must be more than zero");
        }
        this.dutyCycleThreshold = threshold;
        return this;
    }

    /** {@return how long a duty cycle of the archive's conductor may take before it is counted} */
    public Duration dutyCycleThreshold()
    {
        return dutyCycleThreshold;
    }

    /**
     * Sets how long a replay waits for its first subscriber before it gives up.
     *
     * @param timeout the timeout; default 10 s.
     * @return this context.
     */
    public ArchiveContext replayConnectTimeout(final Duration timeout)
    {
        this.replayConnectTimeout = timeout;
        return this;
    }

    /** {@return how long a replay waits for a subscriber} */
    public Duration replayConnectTimeout()
    {
        return replayConnectTimeout;
    }

    /**
     * Sets what receives errors the archive meets while it runs (a recording that could not be written, ...).
     *
     * @param errorHandler the handler; default logs through {@code System.Logger}.
     * @return this context.
     */
    public ArchiveContext errorHandler(final Consumer<Throwable> errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /** {@return the error handler} */
    public Consumer<Throwable> errorHandler()
    {
        return errorHandler;
    }
}
