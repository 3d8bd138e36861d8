package io.nanostream.driver;

import io.nanostream.buffer.BroadcastDescriptor;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.MappedFile;
import io.nanostream.buffer.MessageRingDescriptor;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.client.protocol.DriverProcess;
import io.nanostream.client.protocol.LocalDrivers;
import io.nanostream.concurrent.Agent;
import io.nanostream.concurrent.AgentInvoker;
import io.nanostream.concurrent.AgentRunner;
import io.nanostream.concurrent.CompositeAgent;
import io.nanostream.concurrent.DutyCycleTracker;
import io.nanostream.concurrent.IdleStrategies;
import io.nanostream.concurrent.SystemClock;
import io.nanostream.driver.auth.KeyRing;
import io.nanostream.driver.conductor.ConductorSettings;
import io.nanostream.driver.conductor.DriverConductor;
import io.nanostream.driver.conductor.LogPlacement;
import io.nanostream.driver.status.TransportCounters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The media driver: owns a directory (its control file and the publications' logs) and runs the
 * conductor that serves clients. Launch it embedded in the application ({@link #launchEmbedded()}) or
 * standalone ({@code ./nano-stream driver}); clients connect by directory.
 */
public final class MediaDriver implements AutoCloseable
{
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.driver");

    private final DriverContext context;
    private final DriverDirectory directory;
    private final MappedFile controlMapping;
    private final DriverConductor conductor;
    private final List<AgentRunner> runners = new ArrayList<>();
    private AgentInvoker invoker;
    private boolean closed;

    private MediaDriver(final DriverContext context, final DriverDirectory directory, final MappedFile controlMapping,
        final DriverConductor conductor, final HugePagePlan hugePages, final NumaPlan numa)
    {
        this.context = context;
        this.directory = directory;
        this.controlMapping = controlMapping;
        this.conductor = conductor;
        conductor.reportFeature(hugePages.status()); // before any agent thread: the conductor thread owns the counters
        conductor.reportFeature(numa.status());
        conductor.reportFeature(context.datagramBatching().status());
        final AgentPlacement placement = AgentPlacement.plan(context);
        final Agent shared = new CompositeAgent(List.of(conductor, conductor.sender(), conductor.receiver()));
        if (context.threadingMode() == ThreadingMode.INVOKER)
        {
            this.invoker = new AgentInvoker(counted(shared, "shared"), conductor::recordError, dutyCycles("shared"));
        }
        else if (context.threadingMode() == ThreadingMode.SHARED)
        {
            runners.add(new AgentRunner(counted(placement.wrap(shared, "conductor", "shared thread"), "shared"),
                IdleStrategies.byName(context.idleStrategies().shared()), conductor::recordError,
                dutyCycles("shared")));
        }
        else
        {
            runners.add(runner(placement.wrap(conductor, "conductor", "conductor"), "conductor",
                context.idleStrategies().conductor()));
            runners.add(runner(placement.wrap(conductor.sender(), "sender", "sender"), "sender",
                context.idleStrategies().sender()));
            runners.add(runner(placement.wrap(conductor.receiver(), "receiver", "receiver"), "receiver",
                context.idleStrategies().receiver()));
        }
        placement.expectReports();
        if (!placement.pinsThreads())
        {
            conductor.reportFeature(placement.awaitStatus()); // before any agent thread: the conductor thread owns the counters
        }
        for (final AgentRunner runner : runners)
        {
            AgentRunner.start(runner, Thread.ofPlatform().daemon()::unstarted);
        }
        if (placement.pinsThreads())
        {
            // every agent waits in onStart until the status is shown, so the conductor
            // thread is not yet using the counters
            conductor.reportFeature(placement.awaitStatus());
        }
        placement.release();
    }

    private AgentRunner runner(final Agent agent, final String role, final String idleStrategy)
    {
        return new AgentRunner(counted(agent, role), IdleStrategies.byName(idleStrategy), conductor::recordError,
            dutyCycles(role));
    }

    /** An agent with its running gauge, made here, before any agent thread runs. */
    private Agent counted(final Agent agent, final String role)
    {
        return new CountedAgent(agent, conductor.agentRunning(role));
    }

    /**
     * An agent's duty cycle counters, made here, before any agent thread runs: the conductor thread owns the counters.
     */
    private DutyCycleTracker dutyCycles(final String role)
    {
        return conductor.dutyCycles(role, context.dutyCycleThreshold().toNanos());
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
        final KeyRing keys = context.authKeyFile() == null ? null : KeyRing.load(context.authKeyFile(),
            context.authReplayWindow().toMillis());
        final Path directory = context.directory().toAbsolutePath();
        final HugePagePlan hugePages = HugePagePlan.of(context, directory);
        final DriverDirectory owned = DriverDirectory.claim(directory, context.driverTimeout().toMillis(),
            hugePages.ownLogDirectory());
        final ControlFileSizes sizes = context.controlFileSizes();
        final int commandRing = sizes.commandRingLength() + MessageRingDescriptor.TRAILER_LENGTH;
        final int broadcast = sizes.broadcastLength() + BroadcastDescriptor.TRAILER_LENGTH;
        final int metadata = sizes.counterCount() * CountersDescriptor.METADATA_LENGTH;
        final int values = sizes.counterCount() * CountersDescriptor.VALUE_LENGTH;
        final MappedFile mapping = MappedFile.create(directory.resolve(ControlFile.FILE_NAME),
            ControlFile.length(commandRing, broadcast, metadata, values, sizes.errorLogLength()));
        final ControlFile control = new ControlFile(mapping.buffer());
        control.initialise(commandRing, broadcast, metadata, values, sizes.errorLogLength(),
            context.clientLivenessTimeout().toNanos(), DriverProcess.current(System.currentTimeMillis()));
        final NumaPlan numa = NumaPlan.of(context);
        final LogPlacement placement = hugePages.placement().withNumaNode(numa.node());
        final DriverConductor conductor = new DriverConductor(settings(context, placement, keys), control, directory,
            SystemClock.INSTANCE);
        control.markReady();
        LocalDrivers.register(directory);
        LOGGER.log(System.Logger.Level.DEBUG, "media driver started in " + directory + " (" + context.threadingMode() +
            ")");
        LOGGER.log(System.Logger.Level.DEBUG, hugePages.status().label());
        LOGGER.log(System.Logger.Level.DEBUG, numa.status().label());
        return new MediaDriver(context.directory(directory), owned, mapping, conductor, hugePages, numa);
    }

    private static ConductorSettings settings(final DriverContext context, final LogPlacement placement,
        final KeyRing keys)
    {
        return new ConductorSettings(context.ipcTermLength(), context.udpTermLength(), context.mtu(),
            context.ipcPublicationWindow(), context.receiverWindow(), context.clientLivenessTimeout().toNanos(),
            context.publicationUnblockTimeout().toNanos(), context.publicationLinger().toNanos(),
            context.imageLivenessTimeout().toNanos(), context.logStorage().sparseFiles(),
            context.lossInjection().send(), context.lossInjection().receive(), context.maxRegistrationsPerClient(),
            context.networkLimits().toReceiverLimits(), placement, context.datagramBatching().inEffect(), keys,
            new ConductorSettings.NameResolution(context.nameResolver()::resolve,
            context.reResolutionInterval().toNanos()));
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
     * Connects a client to this driver: the way an application that embeds a driver reaches it.
     *
     * @return the client; close it before the driver.
     */
    public NanoStream connect()
    {
        return connect(new ClientContext());
    }

    /**
     * Connects a client with settings of its own to this driver. The context's directory is set to this driver's; in
     * {@link ThreadingMode#INVOKER} mode its driver invoker is set to {@link #invoke()}, so that the client's waits for
     * answers run this driver's duty cycle (then add and close from the thread that invokes the driver). With
     * {@link ClientContext#useConductorInvoker(boolean)} as well, driver and client run on one thread.
     *
     * @param context the client's settings.
     * @return the client; close it before the driver.
     */
    public NanoStream connect(final ClientContext context)
    {
        context.directory(directory());
        if (invoker != null)
        {
            context.driverInvoker(this::invoke);
        }
        return NanoStream.connect(context);
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
            throw new IllegalStateException("invoke() is for ThreadingMode.INVOKER; this driver runs " +
                context.threadingMode());
        }
        return invoker.invoke();
    }

    /**
     * Stops the driver, unmaps its files, and deletes them (and the directory, if a driver made
     * it and nothing else is in it).
     */
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
        LocalDrivers.unregister(context.directory());
        directory.release();
        LOGGER.log(System.Logger.Level.DEBUG, "media driver in " + context.directory() + " stopped");
    }
}
