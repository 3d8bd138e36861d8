package io.nanostream.driver.conductor;

import io.nanostream.buffer.Counter;
import io.nanostream.client.ChannelUri;
import io.nanostream.client.protocol.Responses;
import io.nanostream.concurrent.Clock;
import io.nanostream.concurrent.SystemClock;
import io.nanostream.driver.auth.DatagramAuthenticator;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.status.PublicationCounters;
import io.nanostream.driver.status.SenderCounters;
import io.nanostream.driver.udp.CommandQueue;
import io.nanostream.driver.udp.ConductorCommand;
import io.nanostream.driver.udp.Destinations;
import io.nanostream.driver.udp.FlowControl;
import io.nanostream.driver.udp.NetworkPublication;
import io.nanostream.driver.udp.SenderCommand;
import io.nanostream.driver.udp.UdpChannel;
import io.nanostream.log.LogBuffers;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The UDP publications on the conductor's side: creating them (log, counters, socket) and handing them
 * to the sender, the clients' links to them, the spies that read their logs directly, their limits and
 * cleaning each cycle, and their removal once drained: the sender drops one, then the conductor deletes
 * it. Owned by the conductor thread.
 */
final class NetworkPublications
{
    private final ConductorSettings settings;
    private final LogFactory logs;
    private final DriverCounters counters;
    private final ClientProxy clientProxy;
    private final ErrorRecorder errors;
    private final SessionIds sessionIds;
    private final LongSupplier correlationIds;
    private final Clock clock;
    private final CommandQueue<SenderCommand> sender;
    private final CommandQueue<ConductorCommand> conductor;
    private final List<NetworkPublicationEntry> publications = new ArrayList<>();
    private final Map<Long, NetworkPublicationEntry> links = new HashMap<>();
    private final Map<Long, Long> linkClients = new HashMap<>();
    private final Map<Long, Spy> spies = new HashMap<>();
    private final Map<NetworkPublication, NetworkPublicationEntry> removing = new HashMap<>();
    private long unblocked;

    private record Spy(long registrationId, long clientId, int streamId, String canonical, ChannelUri uri)
    {
    }

    NetworkPublications(
        final ConductorServices services, final CommandQueue<SenderCommand> sender,
        final CommandQueue<ConductorCommand> conductor)
    {
        this.conductor = conductor;
        this.settings = services.settings();
        this.logs = services.logs();
        this.counters = services.counters();
        this.clientProxy = services.clientProxy();
        this.errors = services.errors();
        this.sessionIds = services.sessionIds();
        this.correlationIds = services.correlationIds();
        this.clock = services.clock();
        this.sender = sender;
    }

    /** Adds a client's link to a UDP publication, new or shared; returns the publication. */
    NetworkPublication add(
        final long correlationId, final long clientId, final int streamId, final ChannelUri uri,
        final UdpChannel channel, final boolean exclusive)
    {
        final int termLength = uri.termLength(settings.udpTermLength());
        final int mtu = uri.mtu(settings.mtu());
        NetworkPublicationEntry entry = exclusive ? null : shared(streamId, channel);
        if (entry != null && (entry.termLength != termLength || entry.publication.log.mtu() != mtu))
        {
            throw new CommandException(Responses.ERROR_CLASH, "stream " + streamId + " on " + uri +
                " is already published with term-length " + entry.termLength + " and mtu " +
                entry.publication.log.mtu() + "; ask for the same, or use another stream");
        }
        if (entry == null)
        {
            entry = newPublication(correlationId, clientId, streamId, uri, channel, termLength, mtu, exclusive);
        }
        entry.refCount++;
        links.put(correlationId, entry);
        linkClients.put(correlationId, clientId);
        clientProxy.onPublicationReady(correlationId, entry.sessionId(), streamId, entry.counters.limit(),
            entry.counters.backPressure(), entry.publication.log.path());
        return entry.publication;
    }

    private NetworkPublicationEntry shared(final int streamId, final UdpChannel channel)
    {
        for (final NetworkPublicationEntry existing : publications)
        {
            if (!existing.exclusive && existing.streamId() == streamId && existing.isActive() &&
                existing.publication.channel.canonical().equals(channel.canonical()))
            {
                return existing;
            }
        }
        return null;
    }

    private NetworkPublicationEntry newPublication(
        final long registrationId, final long clientId, final int streamId, final ChannelUri uri,
        final UdpChannel channel, final int termLength, final int mtu, final boolean exclusive)
    {
        final int initialTermId = LogStart.initialTermId(uri, exclusive, termLength);
        final int sessionId = sessionId(uri);
        final FlowControl flowControl = FlowControl.parse(uri.get("fc"));
        final DatagramAuthenticator authenticator = DatagramAuthenticator.of(settings.keyRing(), uri.toString(),
            channel.checks().authKey(), SystemClock.INSTANCE);
        final int window = ChannelParameters.window(uri, termLength, termLength / 2);
        final long lingerNanos = uri.nanos(ChannelUri.LINGER, settings.publicationLingerNanos());
        final String label = ChannelParameters.label(channel.canonical(), uri);
        final NetworkPublicationEntry entry = logs.create(registrationId + ".logbuffer", termLength, mtu, initialTermId,
            sessionId, streamId, registrationId, uri.flag(ChannelUri.SPARSE, settings.sparseLogFiles()), created ->
            {
                final LogBuffers log = LogStart.place(created, uri);
                final PublicationCounters publicationCounters = counters.publication(registrationId, sessionId,
                    streamId, clientId, label);
                SenderCounters senderCounters = null;
                try
                {
                    senderCounters = counters.sender(registrationId, sessionId, streamId, clientId, label);
                    final NetworkPublication publication = new NetworkPublication(registrationId, log, channel,
                        settings.sendLoss().get(), settings.receiveLoss().get(), counters.transport(), senderCounters,
                        settings.imageLivenessNanos(), flowControl, settings.udpBatching(), authenticator, conductor,
                        errors::record);
                    if (!uri.flag(ChannelUri.END_OF_STREAM, true))
                    {
                        publication.withoutEndOfStream();
                    }
                    publication.maxResends(uri.maxResend(16));
                    if (uri.flag(ChannelUri.SPIES_SIMULATE_CONNECTION, false))
                    {
                        publication.spiesSimulateConnection();
                    }
                    return new NetworkPublicationEntry(publication, exclusive, publicationCounters, senderCounters,
                        window, lingerNanos);
                }
                catch (final RuntimeException ex)
                {
                    publicationCounters.free(clock.epochMillis());
                    if (senderCounters != null)
                    {
                        senderCounters.free(clock.epochMillis());
                    }
                    throw ex; // the log goes too (LogFactory)
                }
            });
        publications.add(entry);
        sender.offer(new SenderCommand.AddPublication(entry.publication));
        for (final Spy spy : spies.values())
        {
            linkSpy(entry, spy);
        }
        return entry;
    }

    private int sessionId(final ChannelUri uri)
    {
        final String text = uri.get(ChannelUri.SESSION_ID);
        try
        {
            return text == null ? sessionIds.next() : Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("channel " + uri + ": session-id=" + text + " is not a 32-bit integer",
                ex);
        }
    }

    /** Removes a client's link; false if the registration is not a UDP publication. */
    boolean remove(final long registrationId)
    {
        final NetworkPublicationEntry entry = links.remove(registrationId);
        if (entry == null)
        {
            return false;
        }
        linkClients.remove(registrationId);
        if (--entry.refCount == 0)
        {
            entry.startDraining();
        }
        return true;
    }

    /**
     * Adds a destination to a manual multi-destination-cast publication.
     *
     * @param registrationId the publication link's registration id.
     * @param destination    the destination's channel.
     * @param address        its address, resolved.
     * @return false if the registration is not a UDP publication.
     * @throws CommandException if the publication is not {@code control-mode=manual}, has
     * the destination, or has its most.
     */
    boolean addDestination(final long registrationId, final ChannelUri destination, final InetSocketAddress address)
    {
        final NetworkPublicationEntry entry = links.get(registrationId);
        if (entry == null)
        {
            return false;
        }
        checkManual(entry, destination);
        if (entry.manualDestinations.containsKey(address))
        {
            throw new CommandException(Responses.ERROR_CLASH, "publication " + registrationId + " already sends to " +
                address + " (added as " + entry.manualDestinations.get(address) + ")");
        }
        if (entry.manualDestinations.size() >= Destinations.MAX_DESTINATIONS)
        {
            throw new CommandException(Responses.ERROR_GENERIC, "publication " + registrationId +
                " has its most destinations, " + Destinations.MAX_DESTINATIONS +
                "; remove one first, or use another publication");
        }
        if (address.getAddress().getClass() != entry.publication.channel.endpoint().getAddress().getClass())
        {
            throw new CommandException(Responses.ERROR_INVALID_CHANNEL, "destination " + destination + " is " +
                (address.getAddress() instanceof java.net.Inet6Address ? "IPv6" : "IPv4") + ", but publication " +
                registrationId + " sends from " + entry.publication.channel.endpoint() +
                "; give control= an address of the same family");
        }
        entry.manualDestinations.put(address, destination.toString());
        sender.offer(new SenderCommand.AddDestination(entry.publication, address));
        return true;
    }

    /**
     * Removes a destination from a manual multi-destination-cast publication.
     *
     * @param registrationId the publication link's registration id.
     * @param destination    the destination's channel.
     * @param address        its address, resolved.
     * @return false if the registration is not a UDP publication.
     * @throws CommandException if the publication is not {@code control-mode=manual} or does not have the destination.
     */
    boolean removeDestination(final long registrationId, final ChannelUri destination, final InetSocketAddress address)
    {
        final NetworkPublicationEntry entry = links.get(registrationId);
        if (entry == null)
        {
            return false;
        }
        checkManual(entry, destination);
        if (entry.manualDestinations.remove(address) == null)
        {
            throw new CommandException(Responses.ERROR_UNKNOWN, "publication " + registrationId +
                " has no destination " + destination + "; it has " + entry.manualDestinations.values());
        }
        sender.offer(new SenderCommand.RemoveDestination(entry.publication, address));
        return true;
    }

    private static void checkManual(final NetworkPublicationEntry entry, final ChannelUri destination)
    {
        if (entry.publication.channel.controlMode() != UdpChannel.ControlMode.MANUAL)
        {
            throw new CommandException(Responses.ERROR_GENERIC, "publication " + entry.publication.registrationId +
                " on " + entry.publication.channel.canonical() + " cannot take destination " + destination +
                ": destinations are for " + "channels with control-mode=manual" +
                (entry.publication.channel.controlMode() == UdpChannel.ControlMode.DYNAMIC ?
                "; with control-mode=dynamic, receivers join by subscribing with control=" +
                entry.publication.channel.control() : ""));
        }
    }

    /** The sender started sending to a destination: show it. */
    void onDestinationAdded(final ConductorCommand.DestinationAdded added)
    {
        final NetworkPublicationEntry entry = entryOf(added.publication());
        if (entry == null || entry.destinationCounters.containsKey(added.address()))
        {
            return;
        }
        final NetworkPublication publication = entry.publication;
        entry.destinationCounters.put(added.address(), counters.destination(publication.registrationId,
            publication.sessionId, publication.streamId, added.address(),
            publication.channel.controlMode() == UdpChannel.ControlMode.DYNAMIC ? "dynamic, receiver " +
            Long.toHexString(added.receiverId()) : "manual", publication.channel.canonical()));
    }

    /** The sender stopped sending to a destination. */
    void onDestinationRemoved(final ConductorCommand.DestinationRemoved removed)
    {
        final NetworkPublicationEntry entry = entryOf(removed.publication());
        final Counter counter = entry == null ? null : entry.destinationCounters.remove(removed.address());
        if (counter != null)
        {
            counter.free(clock.epochMillis());
        }
    }

    private NetworkPublicationEntry entryOf(final NetworkPublication publication)
    {
        for (final NetworkPublicationEntry entry : publications)
        {
            if (entry.publication == publication)
            {
                return entry;
            }
        }
        return null; // already removed: its counters went with it
    }

    /** Adds a spy subscription and links it to the publications it reads. */
    void addSpy(final long correlationId, final long clientId, final int streamId, final UdpChannel channel,
        final ChannelUri uri)
    {
        final Spy spy = new Spy(correlationId, clientId, streamId, channel.canonical(), uri);
        spies.put(correlationId, spy);
        clientProxy.onSubscriptionReady(correlationId);
        for (final NetworkPublicationEntry entry : publications)
        {
            linkSpy(entry, spy);
        }
    }

    private void linkSpy(final NetworkPublicationEntry entry, final Spy spy)
    {
        if (!entry.isActive() || entry.streamId() != spy.streamId ||
            !entry.publication.channel.canonical().equals(spy.canonical))
        {
            return;
        }
        final long joinPosition = entry.producerPosition();
        final Counter position = counters.subscriberPosition(spy.registrationId, entry.sessionId(), spy.streamId,
            spy.clientId, "spy " + spy.canonical, joinPosition);
        final long imageCorrelationId = correlationIds.getAsLong();
        final Untethered untethered;
        try
        {
            untethered = Untethered.of(spy.uri, clock.nanoTime());
            if (untethered != null)
            {
                untethered.showIn(counters.untethered(spy.registrationId, entry.sessionId(), spy.streamId, spy.clientId,
                    "spy " + spy.canonical));
                if (entry.untetheredLink == null)
                {
                    entry.untetheredLink = new ClientImageLink(clientProxy, entry.sessionId(), entry.streamId(),
                        entry.publication.log.path());
                }
            }
        }
        catch (final RuntimeException ex)
        {
            position.free(clock.epochMillis());
            throw ex;
        }
        entry.spies.put(spy.registrationId, new SubscriberPosition(position, spy.registrationId, imageCorrelationId,
            spy.clientId, untethered));
        entry.publishSpyPositions();
        clientProxy.onAvailableImage(imageCorrelationId, spy.registrationId, entry.sessionId(), spy.streamId, position,
            joinPosition, entry.publication.log.path());
    }

    /** Removes a spy subscription; false if the registration is not one. */
    boolean removeSpy(final long registrationId)
    {
        if (spies.remove(registrationId) == null)
        {
            return false;
        }
        for (final NetworkPublicationEntry entry : publications)
        {
            final SubscriberPosition spy = entry.spies.remove(registrationId);
            if (spy != null)
            {
                entry.publishSpyPositions();
                spy.free(clock.epochMillis());
            }
        }
        return true;
    }

    /** Releases every publication link and spy a client held. */
    void releaseClient(final long clientId)
    {
        final List<Long> held = new ArrayList<>();
        linkClients.forEach((registrationId, owner) ->
        {
            if (owner == clientId)
            {
                held.add(registrationId);
            }
        });
        held.forEach(this::remove);
        held.clear();
        spies.values().forEach(spy ->
        {
            if (spy.clientId == clientId)
            {
                held.add(spy.registrationId);
            }
        });
        held.forEach(this::removeSpy);
    }

    /** Every publication's limit and cleaning. */
    int update()
    {
        final long nowNanos = clock.nanoTime();
        int work = 0;
        for (int i = 0, n = publications.size(); i < n; i++)
        {
            final NetworkPublicationEntry entry = publications.get(i);
            if (entry.untetheredLink != null && Untethered.updateAll(entry.spies.values(), entry.producerPosition(),
                entry.window(), nowNanos, clock, entry.untetheredLink))
            {
                entry.publishSpyPositions();
                work++;
            }
            work += entry.update(nowNanos, settings.publicationUnblockNanos());
        }
        return work;
    }

    /** Hands drained publications to the sender for removal. */
    void housekeeping(final long nowNanos)
    {
        final Iterator<NetworkPublicationEntry> iterator = publications.iterator();
        while (iterator.hasNext())
        {
            final NetworkPublicationEntry entry = iterator.next();
            if (entry.advanceDrain(nowNanos))
            {
                iterator.remove();
                for (final SubscriberPosition spy : entry.spies.values())
                {
                    clientProxy.onUnavailableImage(spy.imageCorrelationId(), spy.subscriptionRegistrationId(),
                        entry.streamId());
                }
                removing.put(entry.publication, entry);
                sender.offer(new SenderCommand.RemovePublication(entry.publication));
            }
        }
    }

    /** The sender has dropped a publication: close its socket, free its counters, delete its log. */
    void onRemoved(final NetworkPublication publication)
    {
        final NetworkPublicationEntry entry = removing.remove(publication);
        publication.closeSocket();
        if (entry != null)
        {
            entry.freeCounters(clock.epochMillis());
            unblocked += entry.unblockCount();
        }
        sessionIds.release(publication.sessionId);
        publication.log.close();
        logs.delete(publication.log.path());
    }

    int count()
    {
        return publications.size();
    }

    /** {@return frames padded over because their publisher died mid-claim, in every UDP publication so far} */
    long unblockedFrames()
    {
        long total = unblocked;
        for (final NetworkPublicationEntry entry : publications)
        {
            total += entry.unblockCount();
        }
        for (final NetworkPublicationEntry entry : removing.values())
        {
            total += entry.unblockCount();
        }
        return total;
    }

    int spyCount()
    {
        return spies.size();
    }

    void close()
    {
        for (final NetworkPublicationEntry entry : publications)
        {
            entry.publication.closeSocket();
            entry.publication.log.close();
        }
        for (final NetworkPublicationEntry entry : removing.values())
        {
            entry.publication.closeSocket();
            entry.publication.log.close();
        }
    }
}
