package io.nanostream.driver.conductor;

import io.nanostream.buffer.Counter;
import io.nanostream.client.ChannelUri;
import io.nanostream.client.protocol.Responses;
import io.nanostream.concurrent.Clock;
import io.nanostream.driver.auth.DatagramAuthenticator;
import io.nanostream.driver.loss.LossRecorder;
import io.nanostream.driver.loss.LossReport;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.status.ImageCounters;
import io.nanostream.driver.udp.CommandQueue;
import io.nanostream.driver.udp.ConductorCommand;
import io.nanostream.driver.udp.ImageOptions;
import io.nanostream.driver.udp.PublicationImage;
import io.nanostream.driver.udp.ReceiveChannelEndpoint;
import io.nanostream.driver.udp.ReceiveDestination;
import io.nanostream.driver.udp.ReceiverCommand;
import io.nanostream.driver.udp.SessionFilter;
import io.nanostream.driver.udp.UdpChannel;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The UDP subscriptions on the conductor's side: the receive endpoints they share (opened with the
 * first subscription of a channel, closed with the last), the subscriptions, and the images the
 * receiver asks for: created here (log and counters) and handed to the receiver, linked to every
 * subscription of their endpoint and stream, and freed when the receiver drops them. Owned by the
 * conductor thread.
 */
final class NetworkSubscriptions
{
    private final ConductorSettings settings;
    private final LogFactory logs;
    private final DriverCounters counters;
    private final ClientProxy clientProxy;
    private final ErrorRecorder errors;
    private final LongSupplier correlationIds;
    private final Clock clock;
    private final CommandQueue<ReceiverCommand> receiver;
    private final CommandQueue<ConductorCommand> conductor;
    private final LossReport lossReport;
    private final Clock receiverClock;
    private final SharedEndpoints endpoints;
    private final Map<Long, Subscription> subscriptions = new HashMap<>();
    private final List<Image> images = new ArrayList<>();
    private final ImagePlaces places;

    private record Subscription(
        long registrationId, long clientId, int streamId, ReceiveChannelEndpoint endpoint, SessionFilter filter,
        ImageOptions options, ChannelUri uri, Map<String, ReceiveDestination> destinations)
    {
        boolean hears(final ReceiveChannelEndpoint endpoint, final int streamId, final int sessionId,
            final InetSocketAddress source)
        {
            return this.endpoint == endpoint && this.streamId == streamId && filter.accepts(sessionId,
                source.getAddress());
        }
    }

    private record Image(PublicationImage image, Map<Long, SubscriberPosition> subscribers, Untethered.Link link)
    {
        Counter[] positions()
        {
            return positionsOf(subscribers);
        }

        /** The positions the image's status messages follow: every subscriber's but a resting untethered one's. */
        static Counter[] positionsOf(final Map<Long, SubscriberPosition> subscribers)
        {
            return subscribers.values().stream().filter(SubscriberPosition::holdsBack).map(SubscriberPosition::position)
                .toArray(Counter[]::new);
        }

        boolean hasUntethered()
        {
            for (final SubscriberPosition subscriber : subscribers.values())
            {
                if (subscriber.untethered() != null)
                {
                    return true;
                }
            }
            return false;
        }
    }

    NetworkSubscriptions(
        final ConductorServices services, final CommandQueue<ReceiverCommand> receiver,
        final CommandQueue<ConductorCommand> conductor, final LossReport lossReport, final Clock receiverClock)
    {
        this.settings = services.settings();
        this.logs = services.logs();
        this.counters = services.counters();
        this.clientProxy = services.clientProxy();
        this.errors = services.errors();
        this.correlationIds = services.correlationIds();
        this.clock = services.clock();
        this.receiver = receiver;
        this.conductor = conductor;
        this.lossReport = lossReport;
        this.receiverClock = receiverClock;
        this.places = new ImagePlaces(settings.receiverLimits(), counters.transport(), errors, receiverClock);
        this.endpoints = new SharedEndpoints(channel -> new ReceiveChannelEndpoint(channel, settings.sendLoss().get(),
            settings.receiveLoss().get(), counters.transport(), conductor, settings.receiverLimits(), errors::record,
            settings.udpBatching(), DatagramAuthenticator.of(settings.keyRing(), channel.endpoint().toString(),
            channel.checks().authKey(), receiverClock)));
    }

    void add(
        final long correlationId, final long clientId, final int streamId, final UdpChannel channel,
        final SessionFilter filter, final ImageOptions options, final ChannelUri uri)
    {
        // several destinations: an endpoint of the subscription's own, whatever the channel,
        // as its destinations are its own
        final ReceiveChannelEndpoint endpoint = endpoints.acquire(channel.isMultiDestination() ?
            channel.withCanonical(channel.canonical() + "-subscription-" + correlationId) : channel);
        for (final Subscription other : subscriptions.values())
        {
            if (other.endpoint == endpoint && other.streamId == streamId && !other.options.equals(options))
            {
                endpoints.release(endpoint);
                // one image serves every subscription of a stream on an endpoint: it has one
                // window, one NAK delay, one repair
                throw new IllegalArgumentException(options + " conflicts with subscription " + other.registrationId +
                    " on the same channel and stream " + streamId + ", which has " + other.options +
                    "; give both the same values");
            }
        }
        final Subscription subscription = new Subscription(correlationId, clientId, streamId, endpoint, filter, options,
            uri, new HashMap<>());
        subscriptions.put(correlationId, subscription);
        receiver.offer(new ReceiverCommand.AddSubscription(endpoint, streamId, filter));
        clientProxy.onSubscriptionReady(correlationId);
        for (final Image image : images)
        {
            final PublicationImage existing = image.image();
            if (subscription.hears(existing.endpoint(), existing.streamId, existing.sessionId, existing.controlAddress))
            {
                link(image, subscription, image.image().rebuildPosition());
                image.image().subscriberPositions(image.positions());
            }
        }
    }

    private void link(final Image image, final Subscription subscription, final long position)
    {
        final PublicationImage publicationImage = image.image();
        final Counter counter = counters.subscriberPosition(subscription.registrationId, publicationImage.sessionId,
            publicationImage.streamId, subscription.clientId,
            ChannelParameters.label(subscription.endpoint.channel.canonical(), subscription.uri), position);
        image.subscribers().put(subscription.registrationId, subscriber(subscription, counter,
            publicationImage.correlationId, publicationImage.sessionId, publicationImage.streamId,
            subscription.endpoint.channel.canonical()));
        clientProxy.onAvailableImage(publicationImage.correlationId, subscription.registrationId,
            publicationImage.sessionId, publicationImage.streamId, counter, position, publicationImage.log.path());
    }

    /** The most destinations one subscription receives on. */
    static final int MAX_DESTINATIONS = 8;

    /**
     * Adds a destination to a subscription with several ({@code control-mode=manual}): opens its socket and hands it to
     * the receiver.
     *
     * @param registrationId the subscription.
     * @param uri            the destination's channel.
     * @param channel        the destination's channel, resolved.
     * @return false if the registration is not a UDP subscription.
     * @throws CommandException if the subscription has no several destinations, has this one, or has its most.
     */
    boolean addDestination(final long registrationId, final ChannelUri uri, final UdpChannel channel)
    {
        final Subscription subscription = subscriptions.get(registrationId);
        if (subscription == null)
        {
            return false;
        }
        checkSeveral(subscription, uri);
        if (subscription.destinations.containsKey(channel.canonical()))
        {
            throw new CommandException(Responses.ERROR_CLASH, "subscription " + registrationId +
                " already receives on " + uri);
        }
        if (subscription.destinations.size() >= MAX_DESTINATIONS)
        {
            throw new CommandException(Responses.ERROR_GENERIC, "subscription " + registrationId +
                " has its most destinations, " + MAX_DESTINATIONS + "; remove one first");
        }
        final ReceiveDestination destination = ReceiveDestination.open(channel, settings.udpBatching(),
            counters.transport(), errors::record);
        if (!receiver.tryOffer(new ReceiverCommand.AddDestination(subscription.endpoint, destination)))
        {
            destination.close();
            throw new CommandException(Responses.ERROR_GENERIC,
                "the receiver takes no commands now (its queue is full); " + "add the destination again in a moment");
        }
        subscription.destinations.put(channel.canonical(), destination);
        return true;
    }

    /**
     * Removes a destination from a subscription with several.
     *
     * @param registrationId the subscription.
     * @param channel        the destination's channel, resolved.
     * @return false if the registration is not a UDP subscription.
     * @throws CommandException if the subscription does not have that destination.
     */
    boolean removeDestination(final long registrationId, final UdpChannel channel)
    {
        final Subscription subscription = subscriptions.get(registrationId);
        if (subscription == null)
        {
            return false;
        }
        final ReceiveDestination destination = subscription.destinations.remove(channel.canonical());
        if (destination == null)
        {
            throw new CommandException(Responses.ERROR_UNKNOWN, "subscription " + registrationId +
                " has no destination " + channel.endpoint() + "; it has " + subscription.destinations.values());
        }
        receiver.offer(new ReceiverCommand.RemoveDestination(subscription.endpoint,
            destination)); // closed when the receiver lets go
        return true;
    }

    private static void checkSeveral(final Subscription subscription, final ChannelUri destination)
    {
        if (!subscription.endpoint.channel.isMultiDestination())
        {
            throw new CommandException(Responses.ERROR_GENERIC, "subscription " + subscription.registrationId + " on " +
                subscription.uri + " cannot take destination " + destination +
                ": destinations are for subscriptions whose channel has control-mode=manual");
        }
    }

    /** Removes a subscription; false if the registration is not a UDP subscription. */
    boolean remove(final long registrationId)
    {
        final Subscription subscription = subscriptions.remove(registrationId);
        if (subscription == null)
        {
            return false;
        }
        for (final Image image : images)
        {
            final SubscriberPosition subscriber = image.subscribers().remove(registrationId);
            if (subscriber != null)
            {
                image.image().subscriberPositions(image.positions());
                subscriber.free(clock.epochMillis());
            }
        }
        receiver.offer(new ReceiverCommand.RemoveSubscription(subscription.endpoint, subscription.streamId,
            subscription.filter));
        endpoints.release(subscription.endpoint); // the last one's socket closes once the receiver has let go of it
        return true;
    }

    /**
     * The receiver has let go of an endpoint: closes its socket, unless a subscription took the endpoint back.
     *
     * @param endpoint the endpoint.
     */
    void onEndpointReleased(final ReceiveChannelEndpoint endpoint)
    {
        endpoints.onReleased(endpoint);
    }

    /**
     * Creates the image the receiver asked for, if its stream still has subscribers and the limits allow: the log, its
     * counters and its subscribers' positions, all or nothing (a failure part-way removes what was made), and only then
     * tells the subscribers.
     */
    void onCreateImage(final ConductorCommand.CreateImage request)
    {
        final List<Subscription> subscribers = new ArrayList<>();
        for (final Subscription subscription : subscriptions.values())
        {
            if (subscription.hears(request.endpoint(), request.streamId(), request.sessionId(), request.source()))
            {
                subscribers.add(subscription);
            }
        }
        if (subscribers.isEmpty() || !places.admit(request, publicationImages()))
        {
            return;
        }
        final long correlationId = correlationIds.getAsLong();
        final String channel = request.endpoint().channel.canonical();
        final long joinPosition = LogLayout.position(request.activeTermId(), request.termOffset(),
            LogLayout.positionBitsToShift(request.termLength()), request.initialTermId());
        final Image created;
        try
        {
            created = logs.create("image-" + correlationId + ".logbuffer", request.termLength(), request.mtu(),
                request.initialTermId(), request.sessionId(), request.streamId(), correlationId,
                log -> image(request, correlationId, channel, joinPosition, log,
                    subscribers));
        }
        catch (final RuntimeException ex)
        {
            final long before = counters.transport().imageCreationFailures.add(1);
            if ((before & (before +
                1)) == 0) // the first, then every power of two: a full disk under a SETUP flood is one story
            {
                errors.record(ex);
            }
            return;
        }
        images.add(created);
        receiver.offer(new ReceiverCommand.AddImage(created.image()));
        for (final SubscriberPosition subscriber : created.subscribers().values())
        {
            clientProxy.onAvailableImage(correlationId, subscriber.subscriptionRegistrationId(), request.sessionId(),
                request.streamId(), subscriber.position(), joinPosition, created.image().log.path());
        }
    }

    /**
     * The image's counters, its subscribers' positions and the image itself over a new log; what
     * was made is freed if any fails.
     */
    private Image image(
        final ConductorCommand.CreateImage request, final long correlationId, final String channel,
        final long joinPosition, final LogBuffers log, final List<Subscription> subscribers)
    {
        final Map<Long, SubscriberPosition> positions = new HashMap<>();
        ImageCounters imageCounters = null;
        try
        {
            imageCounters = counters.image(correlationId, request.sessionId(), request.streamId(), channel);
            for (final Subscription subscription : subscribers)
            {
                final Counter position = counters.subscriberPosition(subscription.registrationId, request.sessionId(),
                    request.streamId(), subscription.clientId, ChannelParameters.label(channel, subscription.uri),
                    joinPosition);
                positions.put(subscription.registrationId, subscriber(subscription, position, correlationId,
                    request.sessionId(), request.streamId(), channel));
            }
            return image(new PublicationImage(correlationId, log, request.endpoint(), request.source(), joinPosition,
                counters.transport(), imageCounters, Image.positionsOf(positions), settings.imageLivenessNanos(),
                request.endpoint().receiverId, clock.nanoTime(), new LossRecorder(lossReport, receiverClock,
                request.sessionId(), request.streamId(), channel, request.source().toString()),
                subscribers.get(0).options()), positions);
        }
        catch (final RuntimeException ex)
        {
            final long nowMillis = clock.epochMillis();
            positions.values().forEach(subscriber -> subscriber.free(nowMillis));
            if (imageCounters != null)
            {
                imageCounters.free(nowMillis);
            }
            throw ex;
        }
    }

    private Image image(final PublicationImage publicationImage, final Map<Long, SubscriberPosition> positions)
    {
        return new Image(publicationImage, positions, new ClientImageLink(clientProxy, publicationImage.sessionId,
            publicationImage.streamId, publicationImage.log.path()));
    }

    /**
     * A subscriber's position in an image, with its untethered state if its channel has {@code
     * tether=false}; frees the counter on failure.
     */
    private SubscriberPosition subscriber(
        final Subscription subscription, final Counter position, final long imageCorrelationId, final int sessionId,
        final int streamId, final String channel)
    {
        try
        {
            final Untethered untethered = Untethered.of(subscription.uri, clock.nanoTime());
            return new SubscriberPosition(position, subscription.registrationId, imageCorrelationId,
                subscription.clientId, untethered == null ?
                null : untethered.showIn(counters.untethered(subscription.registrationId, sessionId, streamId,
                subscription.clientId, channel)));
        }
        catch (final RuntimeException ex)
        {
            position.free(clock.epochMillis());
            throw ex;
        }
    }

    /**
     * Moves untethered subscribers on: those left behind stop holding their image's status messages back, and rejoin.
     *
     * @return work done.
     */
    int update()
    {
        int work = 0;
        for (int i = 0, n = images.size(); i < n; i++)
        {
            final Image image = images.get(i);
            if (!image.hasUntethered())
            {
                continue;
            }
            if (Untethered.updateAll(image.subscribers().values(), image.image().rebuildPosition(),
                image.image().window(), clock.nanoTime(), clock, image.link()))
            {
                image.image().subscriberPositions(image.positions());
                work++;
            }
        }
        return work;
    }

    private List<PublicationImage> publicationImages()
    {
        final List<PublicationImage> all = new ArrayList<>(images.size());
        images.forEach(image -> all.add(image.image()));
        return all;
    }

    /** The receiver dropped an image: tell its subscribers, free its counters, delete its log. */
    void onImageClosed(final PublicationImage publicationImage)
    {
        final Iterator<Image> iterator = images.iterator();
        while (iterator.hasNext())
        {
            final Image image = iterator.next();
            if (image.image() == publicationImage)
            {
                iterator.remove();
                final long nowMillis = clock.epochMillis();
                for (final SubscriberPosition subscriber : image.subscribers().values())
                {
                    clientProxy.onUnavailableImage(publicationImage.correlationId,
                        subscriber.subscriptionRegistrationId(), publicationImage.streamId);
                    subscriber.free(nowMillis);
                }
                publicationImage.counters().free(nowMillis);
                publicationImage.log.close();
                logs.delete(publicationImage.log.path());
            }
        }
    }

    /** Releases every subscription a client held. */
    void releaseClient(final long clientId)
    {
        final List<Long> held = new ArrayList<>();
        subscriptions.values().forEach(subscription ->
        {
            if (subscription.clientId == clientId)
            {
                held.add(subscription.registrationId);
            }
        });
        held.forEach(this::remove);
    }

    int count()
    {
        return subscriptions.size();
    }

    void close()
    {
        endpoints.closeAll();
        for (final Image image : images)
        {
            image.image().log.close();
        }
    }
}
