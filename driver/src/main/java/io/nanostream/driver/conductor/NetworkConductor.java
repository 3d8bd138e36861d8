package io.nanostream.driver.conductor;

import io.nanostream.buffer.MappedFile;
import io.nanostream.client.ChannelUri;
import io.nanostream.concurrent.Clock;
import io.nanostream.driver.loss.LossReport;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.udp.CommandQueue;
import io.nanostream.driver.udp.ConductorCommand;
import io.nanostream.driver.udp.HostResolver;
import io.nanostream.driver.udp.ImageOptions;
import io.nanostream.driver.udp.Receiver;
import io.nanostream.driver.udp.ReceiverCommand;
import io.nanostream.driver.udp.Sender;
import io.nanostream.driver.udp.SenderCommand;
import io.nanostream.driver.udp.SessionFilter;
import io.nanostream.driver.udp.TransportAgentServices;
import io.nanostream.driver.udp.UdpChannel;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The UDP side of the conductor: it builds the {@link Sender} and {@link Receiver} and the three command
 * queues between them and the conductor, routes clients' UDP requests to {@link NetworkPublications} and
 * {@link NetworkSubscriptions}, and each cycle takes the sender's and receiver's commands. Owned by the
 * conductor thread.
 *
 * <pre>
 *            SenderCommand              ReceiverCommand
 *   conductor ------------> Sender     conductor ------------> Receiver
 *       ^                     |            ^                      |
 *       +--- ConductorCommand-+            +--- ConductorCommand--+
 *            (PublicationRemoved)              (CreateImage, ImageClosed)
 * </pre>
 */
final class NetworkConductor implements AutoCloseable
{
    /** Commands that may wait on each queue: far more than clients can ask for between two duty cycles. */
    static final int QUEUE_CAPACITY = 1_024;
    /** How often the key file is looked at for changes. */
    static final long KEY_CHECK_INTERVAL_NANOS = 1_000_000_000L;
    private static final System.Logger LOGGER = System.getLogger(NetworkConductor.class.getName());

    private final HostResolver resolver; // host names looked up off the duty cycle, waits bounded
    private final ReResolutions reResolutions;
    private final CommandQueue<SenderCommand> senderCommands = new CommandQueue<>("sender", QUEUE_CAPACITY);
    private final CommandQueue<ReceiverCommand> receiverCommands = new CommandQueue<>("receiver", QUEUE_CAPACITY);
    private final CommandQueue<ConductorCommand> conductorCommands = new CommandQueue<>("conductor", QUEUE_CAPACITY);
    private final Sender sender;
    private final Receiver receiver;
    private final MappedFile lossReportFile;
    private final NetworkPublications publications;
    private final NetworkSubscriptions subscriptions;
    private final ErrorRecorder errors;
    private final ConductorSettings settings;
    private final TransportCounters transport;
    private long nextKeyCheckNanos;

    NetworkConductor(final ConductorServices services, final Path driverDirectory, final Clock senderClock,
        final Clock receiverClock)
    {
        this.errors = services.errors();
        this.settings = services.settings();
        this.resolver = new HostResolver(settings.nameResolution().lookup());
        this.reResolutions = new ReResolutions(resolver, services.clock(), settings.nameResolution().intervalNanos(),
            senderCommands, services.counters().transport());
        this.transport = services.counters().transport();
        this.sender = new Sender(senderCommands, new TransportAgentServices(conductorCommands, senderClock, transport,
            errors::record));
        this.receiver = new Receiver(receiverCommands,
            new TransportAgentServices(conductorCommands, receiverClock, transport, errors::record));
        this.lossReportFile = MappedFile.create(driverDirectory.resolve(LossReport.FILE_NAME), LossReport.FILE_LENGTH);
        this.publications = new NetworkPublications(services, senderCommands, conductorCommands);
        this.subscriptions = new NetworkSubscriptions(services, receiverCommands, conductorCommands,
            new LossReport(lossReportFile.buffer()), receiverClock);
    }

    Sender sender()
    {
        return sender;
    }

    Receiver receiver()
    {
        return receiver;
    }

    void addPublication(final long correlationId, final long clientId, final int streamId, final ChannelUri uri,
        final boolean exclusive)
    {
        reResolutions.watch(publications.add(correlationId, clientId, streamId, uri, UdpChannel.of(uri, resolver),
            exclusive), uri);
    }

    void addSubscription(final long correlationId, final long clientId, final int streamId, final ChannelUri uri)
    {
        if (ChannelUri.CONTROL_MODE_DYNAMIC.equals(uri.get(ChannelUri.CONTROL_MODE)))
        {
            throw new IllegalArgumentException("channel " + uri + ": control-mode=dynamic is for publications; a subscription takes " +
                "control-mode=manual (several destinations, added with addDestination), or endpoint=this-host:port|control=its-host:port " +
                "to join a dynamic publication");
        }
        final UdpChannel channel = UdpChannel.of(uri, resolver);
        if (uri.isSpy())
        {
            publications.addSpy(correlationId, clientId, streamId, channel, uri);
        }
        else
        {
            subscriptions.add(correlationId, clientId, streamId, channel, SessionFilter.of(uri, resolver),
                ImageOptions.of(uri, settings.receiverWindow(), channel.isMulticast()), uri);
        }
    }

    /**
     * Adds a manual multi-destination-cast publication's destination; false if the
     * registration is not a UDP publication.
     */
    boolean addDestination(final long registrationId, final ChannelUri destination)
    {
        return publications.addDestination(registrationId, destination, UdpChannel.destination(destination, resolver));
    }

    /**
     * Removes a manual multi-destination-cast publication's destination; false if the
     * registration is not a UDP publication.
     */
    boolean removeDestination(final long registrationId, final ChannelUri destination)
    {
        return publications.removeDestination(registrationId, destination, UdpChannel.destination(destination,
            resolver));
    }

    /** Adds a destination to a subscription with several; false if the registration is not a UDP subscription. */
    boolean addReceiveDestination(final long registrationId, final ChannelUri destination)
    {
        UdpChannel.destination(destination, resolver); // checked: only endpoint=, unicast
        return subscriptions.addDestination(registrationId, destination, UdpChannel.of(destination, resolver));
    }

    /** Removes a destination from a subscription with several; false if the registration is not a UDP subscription. */
    boolean removeReceiveDestination(final long registrationId, final ChannelUri destination)
    {
        UdpChannel.destination(destination, resolver);
        return subscriptions.removeDestination(registrationId, UdpChannel.of(destination, resolver));
    }

    /** Removes a UDP publication link; false if the registration is not one. */
    boolean removePublication(final long registrationId)
    {
        return publications.remove(registrationId);
    }

    /** Removes a UDP or spy subscription; false if the registration is neither. */
    boolean removeSubscription(final long registrationId)
    {
        return publications.removeSpy(registrationId) || subscriptions.remove(registrationId);
    }

    void releaseClient(final long clientId)
    {
        publications.releaseClient(clientId);
        subscriptions.releaseClient(clientId);
    }

    /** Takes the sender's and receiver's commands, then raises limits and cleans. */
    int doWork()
    {
        int work = 0;
        ConductorCommand command;
        while ((command = conductorCommands.poll()) != null)
        {
            try
            {
                switch (command)
                {
                    case ConductorCommand.CreateImage create -> subscriptions.onCreateImage(create);
                    case ConductorCommand.ImageClosed closed -> subscriptions.onImageClosed(closed.image());
                    case ConductorCommand.PublicationRemoved removed ->
                    {
                        reResolutions.unwatch(removed.publication());
                        publications.onRemoved(removed.publication());
                    }
                    case ConductorCommand.EndpointReleased released -> subscriptions.onEndpointReleased(released.endpoint());
                    case ConductorCommand.DestinationAdded added -> publications.onDestinationAdded(added);
                    case ConductorCommand.DestinationRemoved removed -> publications.onDestinationRemoved(removed);
                    case ConductorCommand.ReceiveDestinationRemoved removed -> removed.destination().close();
                }
            }
            catch (final RuntimeException ex)
            {
                errors.record(ex); // e.g. no room for an image's log: that image is not made, and the driver goes on
            }
            work++;
        }
        return work + publications.update() + subscriptions.update() + reResolutions.poll();
    }

    void housekeeping(final long nowNanos)
    {
        publications.housekeeping(nowNanos);
        if (settings.keyRing() != null && nowNanos - nextKeyCheckNanos >= 0)
        {
            nextKeyCheckNanos = nowNanos + KEY_CHECK_INTERVAL_NANOS;
            if (settings.keyRing().reloadIfChanged(errors::record))
            {
                transport.authKeyReloads.add(1);
                LOGGER.log(System.Logger.Level.INFO, "key file " + settings.keyRing().file() + " read again: keys " +
                    settings.keyRing().keys().names());
            }
        }
    }

    long unblockedFrames()
    {
        return publications.unblockedFrames();
    }

    int publicationCount()
    {
        return publications.count();
    }

    int subscriptionCount()
    {
        return subscriptions.count() + publications.spyCount();
    }

    @Override
    public void close()
    {
        resolver.close();
        publications.close();
        subscriptions.close();
        lossReportFile.close();
    }
}
