package io.nanostream.driver.conductor;

import io.nanostream.buffer.BroadcastTransmitter;
import io.nanostream.buffer.Counter;
import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.DistinctErrorLog;
import io.nanostream.buffer.MessageRing;
import io.nanostream.client.ChannelUri;
import io.nanostream.client.protocol.Responses;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.concurrent.Agent;
import io.nanostream.concurrent.CachedClock;
import io.nanostream.concurrent.Clock;
import io.nanostream.concurrent.DutyCycleTracker;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.status.FeatureStatus;
import io.nanostream.driver.status.SystemCounters;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.udp.Receiver;
import io.nanostream.driver.udp.Sender;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * The driver's conductor, the one thread that changes what the driver holds. Each duty cycle it reads
 * the time once, takes clients' commands ({@link ClientCommandAdapter} calls this class's
 * {@link ClientCommandHandler} methods), heartbeats the command ring so clients know it lives, and runs
 * the duties of IPC publications ({@link IpcPublications}) and of UDP ones
 * ({@link NetworkConductor}). Every 50 ms it keeps house: times out silent clients, drains and deletes
 * closed publications, unblocks a command ring a dead client left mid-write, and sets the gauges.
 *
 * <pre>
 *   clients --command ring--> ClientCommandAdapter --> DriverConductor --+--> IpcPublications
 *   clients &lt;--broadcast----- ClientProxy &lt;------------------------------+--> NetworkConductor --> Sender, Receiver
 * </pre>
 *
 * Runs on the conductor thread; {@link #recordError} may be called from any driver thread.
 */
public final class DriverConductor implements Agent, ClientCommandHandler
{
    /** How often the conductor tells clients it lives, through the command ring's heartbeat. */
    static final long HEARTBEAT_INTERVAL_NANOS = 10_000_000L;
    /** How often it keeps house. */
    static final long HOUSEKEEPING_INTERVAL_NANOS = 50_000_000L;
    /** How long a freed counter's slot rests before reuse, so that readers notice it went. */
    static final long COUNTER_REUSE_DELAY_MILLIS = 1_000;

    private final ConductorSettings settings;
    private final CachedClock clock;
    private final MessageRing commands;
    private final DriverCounters counters;
    private final SystemCounters system;
    private final ErrorRecorder errors;
    private final ClientProxy clientProxy;
    private final ClientCommandAdapter commandAdapter;
    private final ClientRegistry clients;
    private final Registrations registrations;
    private long skippedCommandRecords;
    private long commandTrailerRepairs;
    private final IpcPublications ipc;
    private final NetworkConductor network;
    private long nextHeartbeatNanos;
    private long nextHousekeepingNanos;
    private long lastCommandPosition = -1;
    private long lastCommandChangeNanos;

    /**
     * Creates the conductor on a driver's control file.
     *
     * @param settings  the checked configuration.
     * @param control   the control file's regions.
     * @param directory the driver's directory; logs go in its publications directory.
     * @param clock     the time source: {@code SystemClock.INSTANCE}, or a manual clock in tests.
     */
    public DriverConductor(final ConductorSettings settings, final ControlFile control, final Path directory,
        final Clock clock)
    {
        this.settings = settings;
        this.clock = new CachedClock(clock);
        this.commands = new MessageRing(control.commandRing());
        this.registrations = new Registrations(settings.maxRegistrationsPerClient());
        this.counters = new DriverCounters(new CounterSet(control.countersMetadata(), control.countersValues(),
            COUNTER_REUSE_DELAY_MILLIS), this.clock);
        this.system = counters.system();
        this.clients = new ClientRegistry(counters::client,
            (int)(control.countersValues().capacity() / CountersDescriptor.VALUE_LENGTH));
        this.errors = new ErrorRecorder(new DistinctErrorLog(control.errorLog(), clock::epochMillis), system.errors());
        this.clientProxy = new ClientProxy(new BroadcastTransmitter(control.broadcast()));
        this.commandAdapter = new ClientCommandAdapter(commands, this, clientProxy, errors);
        final LogFactory logs = new LogFactory(directory.resolve(ControlFile.PUBLICATIONS_DIRECTORY),
            settings.logPlacement(), settings.sparseLogFiles(), () -> commands.consumerHeartbeat(clock.epochMillis()),
            errors); // the source clock: time passes while a log is written
        final SessionIds sessionIds = new SessionIds();
        final ConductorServices services = new ConductorServices(settings, logs, counters, clientProxy, errors,
            sessionIds, commands::nextCorrelationId, this.clock);
        this.ipc = new IpcPublications(services);
        this.network = new NetworkConductor(services, directory, clock, clock);
        commands.consumerHeartbeat(this.clock.epochMillis());
    }

    /**
     * The sender agent, to run on its own thread or in a composite.
     *
     * @return the sender.
     */
    public Sender sender()
    {
        return network.sender();
    }

    /**
     * The receiver agent, to run on its own thread or in a composite.
     *
     * @return the receiver.
     */
    public Receiver receiver()
    {
        return network.receiver();
    }

    /**
     * The driver-wide UDP counters, for tests and tools in the driver.
     *
     * @return the counters.
     */
    public TransportCounters transportCounters()
    {
        return counters.transport();
    }

    /**
     * Records an error in the distinct-error log and counts it; any thread.
     *
     * @param error the error.
     */
    public void recordError(final Throwable error)
    {
        errors.record(error);
    }

    /**
     * Shows a native feature's status as a counter; call before the conductor thread starts, or on it.
     *
     * @param status the status.
     */
    public void reportFeature(final FeatureStatus status)
    {
        counters.feature(status);
    }

    /**
     * Makes the duty cycle counters of one of the driver's agents; call before the agents' threads start.
     *
     * @param role           {@code conductor}, {@code sender}, {@code receiver} or {@code shared}.
     * @param thresholdNanos a cycle longer than this is counted.
     * @return the tracker for the agent's runner.
     */
    public DutyCycleTracker dutyCycles(final String role, final long thresholdNanos)
    {
        return counters.dutyCycles(role, thresholdNanos);
    }

    /**
     * Makes an agent's running gauge; call before the agents' threads start.
     *
     * @param role {@code conductor}, {@code sender}, {@code receiver} or {@code shared}.
     * @return the gauge.
     */
    public Counter agentRunning(final String role)
    {
        return counters.agentRunning(role);
    }

    @Override
    public String roleName()
    {
        return "nano-stream-conductor"; // the kernel keeps 15 bytes of a thread name: "nano-stream-con"
    }

    @Override
    public int doWork()
    {
        clock.update();
        final long nowNanos = clock.nanoTime();
        int work = commandAdapter.receive();
        if (nowNanos - nextHeartbeatNanos >= 0)
        {
            commands.consumerHeartbeat(clock.epochMillis());
            nextHeartbeatNanos = nowNanos + HEARTBEAT_INTERVAL_NANOS;
        }
        work += ipc.update(nowNanos);
        work += network.doWork();
        if (nowNanos - nextHousekeepingNanos >= 0)
        {
            nextHousekeepingNanos = nowNanos + HOUSEKEEPING_INTERVAL_NANOS;
            work += housekeeping(nowNanos);
        }
        return work;
    }

    @Override
    public void onClose()
    {
        clientProxy.onDriverStopped(); // on the conductor's thread, or after it stopped: the broadcast has one writer at a time
        ipc.close();
        network.close();
    }

    private int housekeeping(final long nowNanos)
    {
        int work = 0;
        if (unblockCommandRing(nowNanos) || commands.producerPosition() != commands.consumerPosition())
        {
            clients.heardFromAll(nowNanos); // keepalives may wait unread (behind a blocked record, or a backlog): nobody is timed out for it
        }
        else
        {
            work += clients.timeOut(nowNanos, clock.epochMillis(), settings.clientLivenessNanos(),
                (clientId, silentNanos) ->
            {
                system.clientsTimedOut().add(1);
                errors.record(new ClientTimeoutException(clientId, silentNanos, settings.clientLivenessNanos()));
                releaseClient(clientId);
                clientProxy.onClientTimeout(clientId);
            });
        }
        work += ipc.housekeeping(nowNanos);
        network.housekeeping(nowNanos);
        if (commands.trailerRepairs() != commandTrailerRepairs)
        {
            commandTrailerRepairs = commands.trailerRepairs();
            errors.record(new IllegalStateException( // one message: the distinct-error log counts repeats in one entry
                "the command ring's head, head cache or tail was set to a value no client writes; it was put back from the driver's " +
                "own head"));
        }
        if (commands.skippedRecords() != skippedCommandRecords)
        {
            skippedCommandRecords = commands.skippedRecords();
            errors.record(new IllegalStateException( // one message, so the distinct-error log counts repeats in one entry
                "the command ring held records no client writes (a length no writer makes); they were stepped over"));
        }
        system.clients().set(clients.count());
        system.publications().set(ipc.publicationCount() + network.publicationCount());
        system.subscriptions().set(ipc.subscriptionCount() + network.subscriptionCount());
        system.unblockedFrames().set(ipc.unblockedFrames() + network.unblockedFrames());
        return work;
    }

    /**
     * A client killed mid-write leaves a claimed, unfinished command that blocks the ring; after the liveness
     * timeout the ring skips it.
     *
     * @return true while the ring is blocked: commands wait and none was read since the last look.
     */
    private boolean unblockCommandRing(final long nowNanos)
    {
        final long commandPosition = commands.consumerPosition();
        if (commandPosition != lastCommandPosition || commands.producerPosition() == commandPosition)
        {
            lastCommandPosition = commandPosition;
            lastCommandChangeNanos = nowNanos;
            return false;
        }
        if (nowNanos - lastCommandChangeNanos > settings.clientLivenessNanos())
        {
            if (commands.unblock())
            {
                errors.record(new IllegalStateException("a client died while writing a command; the command ring was unblocked"));
            }
            lastCommandChangeNanos = nowNanos;
        }
        return true;
    }

    private void releaseClient(final long clientId)
    {
        registrations.removeClient(clientId);
        ipc.releaseClient(clientId);
        network.releaseClient(clientId);
    }

    @Override
    public void onAddPublication(final long correlationId, final long clientId, final int streamId,
        final String channel, final boolean exclusive)
    {
        registrations.checkAdd(correlationId, clientId);
        final ChannelUri uri = ChannelUri.parse(channel);
        if (uri.isIpc())
        {
            ipc.addPublication(correlationId, clientId, streamId, uri, exclusive);
        }
        else
        {
            network.addPublication(correlationId, clientId, streamId, uri, exclusive);
        }
        registrations.add(correlationId, clientId);
    }

    @Override
    public void onAddSubscription(final long correlationId, final long clientId, final int streamId,
        final String channel)
    {
        registrations.checkAdd(correlationId, clientId);
        final ChannelUri uri = ChannelUri.parse(channel);
        if (uri.isIpc())
        {
            ipc.addSubscription(correlationId, clientId, streamId, channel);
        }
        else
        {
            network.addSubscription(correlationId, clientId, streamId, uri);
        }
        registrations.add(correlationId, clientId);
    }

    @Override
    public void onRemovePublication(final long correlationId, final long clientId, final long registrationId)
    {
        registrations.checkOwner(registrationId, clientId, "publication");
        if (!ipc.removePublication(registrationId) && !network.removePublication(registrationId))
        {
            throw new CommandException(Responses.ERROR_UNKNOWN, "client " + clientId +
                " has no publication with registration id " + registrationId);
        }
        registrations.remove(registrationId);
        clientProxy.onOperationSuccess(correlationId);
    }

    @Override
    public void onRemoveSubscription(final long correlationId, final long clientId, final long registrationId)
    {
        registrations.checkOwner(registrationId, clientId, "subscription");
        if (!ipc.removeSubscription(registrationId) && !network.removeSubscription(registrationId))
        {
            throw new CommandException(Responses.ERROR_UNKNOWN, "client " + clientId +
                " has no subscription with registration id " + registrationId);
        }
        registrations.remove(registrationId);
        clientProxy.onOperationSuccess(correlationId);
    }

    @Override
    public void onAddDestination(final long correlationId, final long clientId, final long registrationId,
        final String destination)
    {
        onDestination(correlationId, clientId, registrationId, "publication",
            () -> network.addDestination(registrationId, ChannelUri.parse(destination)));
    }

    @Override
    public void onRemoveDestination(final long correlationId, final long clientId, final long registrationId,
        final String destination)
    {
        onDestination(correlationId, clientId, registrationId, "publication",
            () -> network.removeDestination(registrationId, ChannelUri.parse(destination)));
    }

    @Override
    public void onAddReceiveDestination(final long correlationId, final long clientId, final long registrationId,
        final String destination)
    {
        onDestination(correlationId, clientId, registrationId, "subscription",
            () -> network.addReceiveDestination(registrationId, ChannelUri.parse(destination)));
    }

    @Override
    public void onRemoveReceiveDestination(final long correlationId, final long clientId, final long registrationId,
        final String destination)
    {
        onDestination(correlationId, clientId, registrationId, "subscription",
            () -> network.removeReceiveDestination(registrationId, ChannelUri.parse(destination)));
    }

    /**
     * Checks the client owns the registration, applies a destination change, and answers;
     * false from it means not a UDP one.
     */
    private void onDestination(
        final long correlationId, final long clientId, final long registrationId, final String kind,
        final BooleanSupplier change)
    {
        registrations.checkOwner(registrationId, clientId, kind);
        if (!change.getAsBoolean())
        {
            throw new CommandException(Responses.ERROR_UNKNOWN, "client " + clientId + " has no UDP " + kind +
                " with registration id " + registrationId + "; destinations are for nano:udp?control-mode=manual " +
                kind + "s");
        }
        clientProxy.onOperationSuccess(correlationId);
    }

    @Override
    public void onClientKeepalive(final long clientId)
    {
        clients.heardFrom(clientId, clock.nanoTime());
    }

    @Override
    public void onClientClose(final long clientId)
    {
        clients.remove(clientId, clock.epochMillis());
        releaseClient(clientId);
    }
}
