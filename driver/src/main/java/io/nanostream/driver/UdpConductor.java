package io.nanostream.driver;

import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.MappedFile;
import io.nanostream.client.ChannelUri;
import io.nanostream.client.protocol.CounterTypes;
import io.nanostream.driver.loss.LossReport;
import io.nanostream.driver.udp.FlowControl;
import io.nanostream.driver.udp.NetworkPublication;
import io.nanostream.driver.udp.PublicationImage;
import io.nanostream.driver.udp.ReceiveChannelEndpoint;
import io.nanostream.driver.udp.Receiver;
import io.nanostream.driver.udp.Sender;
import io.nanostream.driver.udp.TransportCounters;
import io.nanostream.driver.udp.UdpChannel;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The conductor's UDP side, on the conductor thread: creates network publications and hands them to the
 * {@link Sender}, opens receive endpoints for subscriptions, creates images when the {@link Receiver}
 * asks, raises publisher limits from sender positions, drains and removes what closes.
 */
final class UdpConductor
{
    private final DriverConductor conductor;
    private final DriverContext context;
    private final CounterSet counters;
    private final Path directory;
    private final TransportCounters transport;
    private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final Sender sender = new Sender();
    private final Receiver receiver;
    private final List<NetworkPublicationState> publications = new ArrayList<>();
    private final Map<Long, NetworkPublicationState> publicationLinks = new HashMap<>();
    private final Map<Long, Long> publicationClients = new HashMap<>();
    private final Map<String, EndpointState> endpoints = new HashMap<>();
    private final Map<Long, UdpSubscription> subscriptions = new HashMap<>();
    private final List<ImageState> images = new ArrayList<>();
    private final Map<Long, Spy> spies = new HashMap<>();
    private final long receiverId = ThreadLocalRandom.current().nextLong();
    private final MappedFile lossReportFile;
    private final LossReport lossReport;

    private record Spy(long registrationId, long clientId, int streamId, String canonical)
    {
    }

    private record UdpSubscription(long registrationId, long clientId, int streamId, EndpointState endpoint)
    {
    }

    private static final class EndpointState
    {
        final ReceiveChannelEndpoint endpoint;
        int refCount;

        EndpointState(final ReceiveChannelEndpoint endpoint)
        {
            this.endpoint = endpoint;
        }
    }

    private static final class ImageState
    {
        final PublicationImage image;
        final Map<Long, Integer> subscriberCounters = new HashMap<>();

        ImageState(final PublicationImage image)
        {
            this.image = image;
        }
    }

    UdpConductor(final DriverConductor conductor, final DriverContext context, final CounterSet counters, final Path directory)
    {
        this.conductor = conductor;
        this.context = context;
        this.counters = counters;
        this.directory = directory;
        this.transport = new TransportCounters(counters);
        this.receiver = new Receiver(image -> events.add(() -> onImageClosed(image)));
        this.lossReportFile = MappedFile.create(directory.getParent().resolve(LossReport.FILE_NAME), LossReport.FILE_LENGTH);
        this.lossReport = new LossReport(lossReportFile.buffer());
    }

    TransportCounters transportCounters()
    {
        return transport;
    }

    Sender sender()
    {
        return sender;
    }

    Receiver receiver()
    {
        return receiver;
    }

    int publicationCount()
    {
        return publications.size();
    }

    int subscriptionCount()
    {
        return subscriptions.size() + spies.size();
    }

    int doWork(final long nowNanos)
    {
        int work = 0;
        Runnable event;
        while ((event = events.poll()) != null)
        {
            event.run();
            work++;
        }
        for (int i = 0, n = publications.size(); i < n; i++)
        {
            work += publications.get(i).update(counters);
        }
        return work;
    }

    void housekeeping(final long nowNanos)
    {
        final long lingerNanos = context.publicationLinger().toNanos();
        final Iterator<NetworkPublicationState> iterator = publications.iterator();
        while (iterator.hasNext())
        {
            final NetworkPublicationState state = iterator.next();
            if (state.advanceDrain(nowNanos, lingerNanos))
            {
                iterator.remove();
                unlinkSpies(state);
                sender.remove(state.publication, () -> events.add(() -> delete(state)));
            }
        }
    }

    void addPublication(final long correlationId, final long clientId, final int streamId, final ChannelUri uri, final boolean exclusive)
    {
        final UdpChannel channel = UdpChannel.of(uri);
        final int termLength = uri.termLength(context.udpTermLength());
        final int mtu = uri.mtu(context.mtu());
        NetworkPublicationState state = null;
        if (!exclusive)
        {
            for (final NetworkPublicationState existing : publications)
            {
                if (!existing.exclusive && existing.streamId() == streamId && existing.isActive() &&
                    existing.publication.channel.canonical().equals(channel.canonical()))
                {
                    if (existing.termLength != termLength || existing.publication.log.mtu() != mtu)
                    {
                        throw new IllegalArgumentException("stream " + streamId + " on " + uri + " is already published with term-length " +
                            existing.termLength + " and mtu " + existing.publication.log.mtu() + "; ask for the same, or use another stream");
                    }
                    state = existing;
                    break;
                }
            }
        }
        if (state == null)
        {
            state = newPublication(correlationId, clientId, streamId, uri, channel, termLength, mtu, exclusive);
        }
        state.refCount++;
        publicationLinks.put(correlationId, state);
        publicationClients.put(correlationId, clientId);
        conductor.sendPublicationReady(correlationId, state.sessionId(), streamId, state.limitCounterId, state.backPressureCounterId,
            state.publication.log.path());
    }

    private NetworkPublicationState newPublication(
        final long registrationId, final long clientId, final int streamId, final ChannelUri uri, final UdpChannel channel,
        final int termLength, final int mtu, final boolean exclusive)
    {
        final String sessionText = uri.get(ChannelUri.SESSION_ID);
        final int sessionId;
        try
        {
            sessionId = sessionText == null ? conductor.nextSessionId() : Integer.parseInt(sessionText);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("channel " + uri + ": session-id=" + sessionText + " is not a 32-bit integer", ex);
        }
        final FlowControl flowControl = FlowControl.parse(uri.get("fc"));
        final Path file = directory.resolve(registrationId + ".logbuffer");
        final LogBuffers log = LogBuffers.create(file, termLength, 4096, mtu, ThreadLocalRandom.current().nextInt(), sessionId, streamId,
            registrationId, !context.sparseLogFiles());
        final long now = System.currentTimeMillis();
        final String id = registrationId + " " + sessionId + " " + streamId + " " + channel.canonical();
        final int limit = counters.allocate(CounterTypes.PUBLISHER_LIMIT, registrationId, sessionId, streamId, clientId, "pub-lmt: " + id, now);
        final int position = counters.allocate(CounterTypes.PUBLISHER_POSITION, registrationId, sessionId, streamId, clientId,
            "pub-pos: " + id, now);
        final int backPressure = counters.allocate(CounterTypes.BACK_PRESSURE_EVENTS, registrationId, sessionId, streamId, clientId,
            "back-pressure: " + id, now);
        final int senderPosition = counters.allocate(CounterTypes.SENDER_POSITION, registrationId, sessionId, streamId, clientId,
            "snd-pos: " + id, now);
        final int senderLimit = counters.allocate(CounterTypes.SENDER_LIMIT, registrationId, sessionId, streamId, clientId,
            "snd-lmt: " + id, now);
        final int naks = counters.allocate(CounterTypes.CHANNEL_EVENTS, registrationId, sessionId, streamId, clientId,
            "snd-naks received: " + id, now);
        final int retransmits = counters.allocate(CounterTypes.CHANNEL_EVENTS, registrationId, sessionId, streamId, clientId,
            "snd-retransmits: " + id, now);
        final int statusMessages = counters.allocate(CounterTypes.CHANNEL_EVENTS, registrationId, sessionId, streamId, clientId,
            "snd-status messages: " + id, now);
        final NetworkPublication publication;
        try
        {
            publication = new NetworkPublication(registrationId, log, channel, context.sendLoss().get(), context.receiveLoss().get(),
                transport, new int[] {senderPosition, senderLimit, naks, retransmits, statusMessages},
                context.imageLivenessTimeout().toNanos(), flowControl);
        }
        catch (final RuntimeException ex)
        {
            for (final int counter : new int[] {limit, position, backPressure, senderPosition, senderLimit, naks, retransmits, statusMessages})
            {
                counters.free(counter, now);
            }
            log.close();
            deleteQuietly(file);
            throw ex;
        }
        final NetworkPublicationState state = new NetworkPublicationState(publication, exclusive, limit, position, backPressure,
            new int[] {senderPosition, senderLimit, naks, retransmits, statusMessages});
        publications.add(state);
        sender.add(publication);
        for (final Spy spy : spies.values())
        {
            linkSpy(state, spy);
        }
        return state;
    }

    boolean removePublication(final long registrationId)
    {
        final NetworkPublicationState state = publicationLinks.remove(registrationId);
        if (state == null)
        {
            return false;
        }
        publicationClients.remove(registrationId);
        if (--state.refCount == 0)
        {
            state.startDraining();
        }
        return true;
    }

    void addSubscription(final long correlationId, final long clientId, final int streamId, final ChannelUri uri)
    {
        final UdpChannel channel = UdpChannel.of(uri);
        if (uri.isSpy())
        {
            spies.put(correlationId, new Spy(correlationId, clientId, streamId, channel.canonical()));
            return;
        }
        EndpointState endpoint = endpoints.get(channel.canonical());
        if (endpoint == null)
        {
            endpoint = new EndpointState(new ReceiveChannelEndpoint(channel, context.sendLoss().get(), context.receiveLoss().get(),
                transport, (e, sessionId, stream, initialTermId, activeTermId, termOffset, termLength, mtu, source) ->
                    events.add(() -> createImage(e, sessionId, stream, initialTermId, activeTermId, termOffset, termLength, mtu, source))));
            endpoints.put(channel.canonical(), endpoint);
        }
        endpoint.refCount++;
        subscriptions.put(correlationId, new UdpSubscription(correlationId, clientId, streamId, endpoint));
        receiver.addSubscription(endpoint.endpoint, streamId);
    }

    /** Links a new subscription to the images already on its endpoint and stream. */
    void linkImages(final long subscriptionId)
    {
        final Spy spy = spies.get(subscriptionId);
        if (spy != null)
        {
            for (final NetworkPublicationState state : publications)
            {
                linkSpy(state, spy);
            }
            return;
        }
        final UdpSubscription subscription = subscriptions.get(subscriptionId);
        for (final ImageState state : images)
        {
            if (state.image.endpoint() == subscription.endpoint.endpoint && state.image.streamId == subscription.streamId)
            {
                final long position = state.image.rebuildPosition();
                linkImage(state, subscription, position);
                state.image.subscriberCounterIds(counterIds(state));
            }
        }
    }

    private void linkImage(final ImageState state, final UdpSubscription subscription, final long position)
    {
        final PublicationImage image = state.image;
        final int counterId = counters.allocate(CounterTypes.SUBSCRIBER_POSITION, subscription.registrationId, image.sessionId,
            image.streamId, subscription.clientId, "sub-pos: " + subscription.registrationId + " " + image.sessionId + " " +
            image.streamId + " " + subscription.endpoint.endpoint.channel.canonical(), System.currentTimeMillis());
        counters.set(counterId, position);
        state.subscriberCounters.put(subscription.registrationId, counterId);
        conductor.sendAvailableImage(image.correlationId, subscription.registrationId, image.sessionId, image.streamId, counterId,
            position, image.log.path());
    }

    private void linkSpy(final NetworkPublicationState state, final Spy spy)
    {
        if (!state.isActive() || state.streamId() != spy.streamId || !state.publication.channel.canonical().equals(spy.canonical))
        {
            return;
        }
        final long joinPosition = state.producerPosition();
        final int counterId = counters.allocate(CounterTypes.SUBSCRIBER_POSITION, spy.registrationId, state.sessionId(), spy.streamId,
            spy.clientId, "sub-pos: " + spy.registrationId + " " + state.sessionId() + " " + spy.streamId + " spy " + spy.canonical,
            System.currentTimeMillis());
        counters.set(counterId, joinPosition);
        final long imageCorrelationId = conductor.nextCorrelationId();
        state.spies.put(spy.registrationId, new SubscriberPosition(counterId, spy.registrationId, imageCorrelationId, spy.clientId));
        conductor.sendAvailableImage(imageCorrelationId, spy.registrationId, state.sessionId(), spy.streamId, counterId, joinPosition,
            state.publication.log.path());
    }

    private void unlinkSpies(final NetworkPublicationState state)
    {
        final long now = System.currentTimeMillis();
        for (final SubscriberPosition spy : state.spies.values())
        {
            conductor.sendUnavailableImage(spy.imageCorrelationId(), spy.subscriptionRegistrationId(), state.streamId());
            counters.free(spy.counterId(), now);
        }
        state.spies.clear();
    }

    private static int[] counterIds(final ImageState state)
    {
        return state.subscriberCounters.values().stream().mapToInt(Integer::intValue).toArray();
    }

    boolean removeSubscription(final long registrationId)
    {
        if (spies.remove(registrationId) != null)
        {
            for (final NetworkPublicationState state : publications)
            {
                final SubscriberPosition spy = state.spies.remove(registrationId);
                if (spy != null)
                {
                    counters.free(spy.counterId(), System.currentTimeMillis());
                }
            }
            return true;
        }
        final UdpSubscription subscription = subscriptions.remove(registrationId);
        if (subscription == null)
        {
            return false;
        }
        for (final ImageState state : images)
        {
            final Integer counterId = state.subscriberCounters.remove(registrationId);
            if (counterId != null)
            {
                state.image.subscriberCounterIds(counterIds(state));
                counters.free(counterId, System.currentTimeMillis());
            }
        }
        receiver.removeSubscription(subscription.endpoint.endpoint, subscription.streamId);
        if (--subscription.endpoint.refCount == 0)
        {
            endpoints.remove(subscription.endpoint.endpoint.channel.canonical());
            subscription.endpoint.endpoint.close(); // the port is free for the next subscription at once; the receiver drops the endpoint soon
        }
        return true;
    }

    private void createImage(
        final ReceiveChannelEndpoint endpoint, final int sessionId, final int streamId, final int initialTermId, final int activeTermId,
        final int termOffset, final int termLength, final int mtu, final InetSocketAddress source)
    {
        final List<UdpSubscription> subscribers = new ArrayList<>();
        for (final UdpSubscription subscription : subscriptions.values())
        {
            if (subscription.endpoint.endpoint == endpoint && subscription.streamId == streamId)
            {
                subscribers.add(subscription);
            }
        }
        if (subscribers.isEmpty())
        {
            return;
        }
        final long correlationId = conductor.nextCorrelationId();
        final Path file = directory.resolve("image-" + correlationId + ".logbuffer");
        final LogBuffers log = LogBuffers.create(file, termLength, 4096, mtu, initialTermId, sessionId, streamId, correlationId,
            !context.sparseLogFiles());
        final long joinPosition = LogLayout.position(activeTermId, termOffset, LogLayout.positionBitsToShift(termLength), initialTermId);
        final long now = System.currentTimeMillis();
        final String id = correlationId + " " + sessionId + " " + streamId + " " + endpoint.channel.canonical();
        final int[] imageCounters = {
            counters.allocate(CounterTypes.RECEIVER_HWM, correlationId, sessionId, streamId, 0, "rcv-hwm: " + id, now),
            counters.allocate(CounterTypes.RECEIVER_POSITION, correlationId, sessionId, streamId, 0, "rcv-pos: " + id, now),
            counters.allocate(CounterTypes.CHANNEL_EVENTS, correlationId, sessionId, streamId, 0, "rcv-naks sent: " + id, now),
            counters.allocate(CounterTypes.CHANNEL_EVENTS, correlationId, sessionId, streamId, 0, "rcv-gap bytes: " + id, now),
            counters.allocate(CounterTypes.CHANNEL_EVENTS, correlationId, sessionId, streamId, 0, "rcv-status messages: " + id, now)};
        final PublicationImage image = new PublicationImage(correlationId, log, endpoint, source, joinPosition, context.receiverWindow(),
            transport, imageCounters, new int[0], context.imageLivenessTimeout().toNanos(), receiverId, System.nanoTime(), lossReport);
        final ImageState state = new ImageState(image);
        for (final UdpSubscription subscription : subscribers)
        {
            linkImage(state, subscription, joinPosition);
        }
        image.subscriberCounterIds(counterIds(state));
        images.add(state);
        receiver.addImage(image);
    }

    private void onImageClosed(final PublicationImage image)
    {
        final Iterator<ImageState> iterator = images.iterator();
        while (iterator.hasNext())
        {
            final ImageState state = iterator.next();
            if (state.image == image)
            {
                iterator.remove();
                final long now = System.currentTimeMillis();
                for (final Map.Entry<Long, Integer> subscriber : state.subscriberCounters.entrySet())
                {
                    conductor.sendUnavailableImage(image.correlationId, subscriber.getKey(), image.streamId);
                    counters.free(subscriber.getValue(), now);
                }
                for (final int counter : image.counterIds())
                {
                    counters.free(counter, now);
                }
                image.log.close();
                deleteQuietly(image.log.path());
            }
        }
    }

    void releaseClient(final long clientId)
    {
        final List<Long> ids = new ArrayList<>();
        publicationClients.forEach((registrationId, owner) ->
        {
            if (owner == clientId)
            {
                ids.add(registrationId);
            }
        });
        ids.forEach(this::removePublication);
        ids.clear();
        subscriptions.values().forEach(subscription ->
        {
            if (subscription.clientId == clientId)
            {
                ids.add(subscription.registrationId);
            }
        });
        spies.values().forEach(spy ->
        {
            if (spy.clientId == clientId)
            {
                ids.add(spy.registrationId);
            }
        });
        ids.forEach(this::removeSubscription);
    }

    private void delete(final NetworkPublicationState state)
    {
        state.publication.closeSocket();
        final long now = System.currentTimeMillis();
        for (final int counter : state.counterIds())
        {
            counters.free(counter, now);
        }
        state.publication.log.close();
        deleteQuietly(state.publication.log.path());
    }

    private void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            conductor.recordError(ex);
        }
    }

    void close()
    {
        for (final NetworkPublicationState state : publications)
        {
            state.publication.closeSocket();
            state.publication.log.close();
        }
        for (final EndpointState endpoint : endpoints.values())
        {
            endpoint.endpoint.close();
        }
        for (final ImageState state : images)
        {
            state.image.log.close();
        }
        lossReportFile.close();
    }
}
