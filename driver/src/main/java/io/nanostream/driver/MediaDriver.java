package io.nanostream.driver;

import io.nanostream.buffer.BroadcastDescriptor;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.MappedFile;
import io.nanostream.buffer.MessageRing;
import io.nanostream.buffer.MessageRingDescriptor;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.concurrent.Agent;
import io.nanostream.concurrent.AgentInvoker;
import io.nanostream.concurrent.AgentRunner;
import io.nanostream.concurrent.CompositeAgent;
import io.nanostream.concurrent.IdleStrategies;
import io.nanostream.concurrent.SystemClock;
import io.nanostream.driver.conductor.ConductorSettings;
import io.nanostream.driver.conductor.DriverConductor;
import io.nanostream.driver.status.TransportCounters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The media driver: owns a directory (its control file and the publications' logs) and runs the
 * conductor that serves clients. Launch it embedded in the application ({@link #launchEmbedded()}) or
 * standalone ({@code ./nano-stream driver}); clients connect by directory.
 */
public final class MediaDriver implements AutoCloseable
{
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.driver");
    /** Data bytes of the command ring clients write to. */
    static final int COMMAND_RING_LENGTH = 1024 * 1024;
    /** Data bytes of the broadcast buffer the driver answers on. */
    static final int BROADCAST_LENGTH = 1024 * 1024;
    /** Counters in the control file: eight per UDP publication, three per IPC one, one per subscriber and image. */
    static final int COUNTER_COUNT = 2048;
    /** Bytes of the distinct-error log. */
    static final int ERROR_LOG_LENGTH = 1024 * 1024;

    private final DriverContext context;
    private final MappedFile controlMapping;
    private final DriverConductor conductor;
    private final List<AgentRunner> runners = new ArrayList<>();
    private AgentInvoker invoker;
    private boolean closed;

    private MediaDriver(final DriverContext context, final MappedFile controlMapping, final DriverConductor conductor)
    {
        this.context = context;
        this.controlMapping = controlMapping;
        this.conductor = conductor;
        final Agent shared = new CompositeAgent(List.of(conductor, conductor.sender(), conductor.receiver()));
        if (context.threadingMode() == ThreadingMode.INVOKER)
        {
            this.invoker = new AgentInvoker(shared, conductor::recordError);
        }
        else if (context.threadingMode() == ThreadingMode.SHARED)
        {
            runners.add(new AgentRunner(shared, IdleStrategies.byName(context.idleStrategy()), conductor::recordError));
        }
        else
        {
            for (final Agent agent : List.of(conductor, conductor.sender(), conductor.receiver()))
            {
                runners.add(new AgentRunner(agent, IdleStrategies.byName(context.idleStrategy()), conductor::recordError));
            }
        }
        for (final AgentRunner runner : runners)
        {
            AgentRunner.start(runner, Thread.ofPlatform().daemon()::unstarted);
        }
    }

    /**
     * Launches a driver in its own fresh directory under the default parent, for tests and
     * single-process applications; the directory goes when the driver closes.
     *
     * @return the driver.
     */
    public static MediaDriver launchEmbedded()
    {
        final Path base = new DriverContext().directory();
        return launch(new DriverContext().directory(base.resolveSibling(base.getFileName() + "-" + UUID.randomUUID())));
    }

    /**
     * Launches a driver.
     *
     * @param context its settings.
     * @return the driver.
     * @throws IllegalStateException if another driver is alive in the directory.
     */
    public static MediaDriver launch(final DriverContext context)
    {
        context.conclude();
        final Path directory = context.directory().toAbsolutePath();
        takeOver(directory, context);
        try
        {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(directory.resolve(ControlFile.PUBLICATIONS_DIRECTORY),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the driver directory " + directory + ": " + ex.getMessage(), ex);
        }
        final int commandRing = COMMAND_RING_LENGTH + MessageRingDescriptor.TRAILER_LENGTH;
        final int broadcast = BROADCAST_LENGTH + BroadcastDescriptor.TRAILER_LENGTH;
        final int metadata = COUNTER_COUNT * CountersDescriptor.METADATA_LENGTH;
        final int values = COUNTER_COUNT * CountersDescriptor.VALUE_LENGTH;
        final MappedFile mapping = MappedFile.create(directory.resolve(ControlFile.FILE_NAME),
            ControlFile.length(commandRing, broadcast, metadata, values, ERROR_LOG_LENGTH));
        final ControlFile control = new ControlFile(mapping.buffer());
        control.initialise(commandRing, broadcast, metadata, values, ERROR_LOG_LENGTH,
            context.clientLivenessTimeout().toNanos(), System.currentTimeMillis(), ProcessHandle.current().pid());
        final DriverConductor conductor = new DriverConductor(settings(context), control, directory, SystemClock.INSTANCE);
        control.markReady();
        LOGGER.log(System.Logger.Level.INFO, "media driver started in " + directory + " (" + context.threadingMode() + ")");
        return new MediaDriver(context.directory(directory), mapping, conductor);
    }

    private static ConductorSettings settings(final DriverContext context)
    {
        return new ConductorSettings(context.ipcTermLength(), context.udpTermLength(), context.mtu(), context.ipcPublicationWindow(),
            context.receiverWindow(), context.clientLivenessTimeout().toNanos(), context.publicationUnblockTimeout().toNanos(),
            context.publicationLinger().toNanos(), context.imageLivenessTimeout().toNanos(), context.sparseLogFiles(), context.sendLoss(),
            context.receiveLoss(), context.networkLimits().toReceiverLimits());
    }

    /** Refuses a directory whose driver is alive; removes one whose driver is dead. */
    private static void takeOver(final Path directory, final DriverContext context)
    {
        final Path file = directory.resolve(ControlFile.FILE_NAME);
        if (Files.exists(file))
        {
            try (MappedFile existing = MappedFile.open(file))
            {
                final ControlFile control = new ControlFile(existing.buffer());
                control.checkReady(file);
                final long silentMillis = System.currentTimeMillis() - new MessageRing(control.commandRing()).consumerHeartbeat();
                if (silentMillis <= context.driverTimeout().toMillis())
                {
                    throw new IllegalStateException("a media driver is already running in " + directory + " (pid " + control.pid() +
                        ", heartbeat " + silentMillis + " ms ago); stop it, or give this one another directory");
                }
                LOGGER.log(System.Logger.Level.WARNING, "taking over " + directory + " from a driver (pid " + control.pid() +
                    ") silent for " + silentMillis + " ms");
            }
            catch (final IllegalStateException ex)
            {
                if (ex.getMessage().startsWith("a media driver is already running"))
                {
                    throw ex;
                }
                LOGGER.log(System.Logger.Level.WARNING, "replacing an unusable control file in " + directory + ": " + ex.getMessage());
            }
            catch (final RuntimeException ex)
            {
                LOGGER.log(System.Logger.Level.WARNING, "replacing an unreadable control file in " + directory + ": " + ex.getMessage());
            }
        }
        deleteDirectory(directory);
    }

    private static void deleteDirectory(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot clear the driver directory " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The directory clients connect to.
     *
     * @return the driver directory.
     */
    public Path directory()
    {
        return context.directory();
    }

    /**
     * The settings the driver runs with.
     *
     * @return the context.
     */
    public DriverContext context()
    {
        return context;
    }

    /** The UDP transport's counters, for tests in this package. */
    TransportCounters transportCounters()
    {
        return conductor.transportCounters();
    }

    /**
     * Runs one duty cycle of the driver on the caller's thread, in {@link ThreadingMode#INVOKER} mode.
     *
     * @return the work done.
     * @throws IllegalStateException in the other modes.
     */
    public int invoke()
    {
        if (invoker == null)
        {
            throw new IllegalStateException("invoke() is for ThreadingMode.INVOKER; this driver runs " + context.threadingMode());
        }
        return invoker.invoke();
    }

    /** Stops the driver, unmaps its files and removes its directory. */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        // the sender and receiver stop before the conductor, which closes what they used
        for (int i = runners.size() - 1; i >= 0; i--)
        {
            runners.get(i).close();
        }
        if (invoker != null)
        {
            invoker.close();
        }
        controlMapping.close();
        deleteDirectory(context.directory());
        LOGGER.log(System.Logger.Level.INFO, "media driver in " + context.directory() + " stopped");
    }
}
