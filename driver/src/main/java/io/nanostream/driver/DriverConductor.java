package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.BroadcastTransmitter;
import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.DistinctErrorLog;
import io.nanostream.buffer.MessageRing;
import io.nanostream.client.ChannelUri;
import io.nanostream.client.protocol.Commands;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.client.protocol.CounterTypes;
import io.nanostream.client.protocol.Responses;
import io.nanostream.concurrent.Agent;
import io.nanostream.log.LogBuffers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The driver's conductor: takes clients' commands, creates and links IPC publications and
 * subscriptions, raises publisher limits, cleans and unblocks logs, drains and deletes closed
 * publications, times out silent clients, and heartbeats so clients know it lives. One thread.
 */
final class DriverConductor implements Agent
{
    private static final long HEARTBEAT_INTERVAL_NANOS = 10_000_000L;
    private static final long HOUSEKEEPING_INTERVAL_NANOS = 50_000_000L;

    private final DriverContext context;
    private final Path publicationsDirectory;
    private final MessageRing commands;
    private final BroadcastTransmitter responses;
    private final CounterSet counters;
    private final DistinctErrorLog errors;
    private final AtomicBuffer response = AtomicBuffer.allocateHeap(8192);
    private final Map<Long, Long> clients = new HashMap<>();
    private final List<IpcPublication> publications = new ArrayList<>();
    private final Map<Long, PublicationLink> publicationLinks = new HashMap<>();
    private final Map<Long, SubscriptionLink> subscriptions = new HashMap<>();
    private final int clientsCounter;
    private final int publicationsCounter;
    private final int subscriptionsCounter;
    private final int errorsCounter;
    private final int unblocksCounter;
    private final UdpConductor udp;
    private final io.nanostream.buffer.MessageHandler commandHandler = this::onCommand;
    private int nextSessionId = ThreadLocalRandom.current().nextInt();
    private long nextHeartbeatNanos;
    private long nextHousekeepingNanos;
    private long lastCommandPosition = -1;
    private long lastCommandChangeNanos;

    DriverConductor(final DriverContext context, final ControlFile control, final Path directory)
    {
        this.context = context;
        this.publicationsDirectory = directory.resolve(ControlFile.PUBLICATIONS_DIRECTORY);
        this.commands = new MessageRing(control.commandRing());
        this.responses = new BroadcastTransmitter(control.broadcast());
        this.counters = new CounterSet(control.countersMetadata(), control.countersValues(), 1_000);
        this.errors = new DistinctErrorLog(control.errorLog(), System::currentTimeMillis);
        final long now = System.currentTimeMillis();
        this.clientsCounter = counters.allocate(CounterTypes.SYSTEM, 0, 0, 0, 0, "clients", now);
        this.publicationsCounter = counters.allocate(CounterTypes.SYSTEM, 0, 0, 0, 0, "publications", now);
        this.subscriptionsCounter = counters.allocate(CounterTypes.SYSTEM, 0, 0, 0, 0, "subscriptions", now);
        this.errorsCounter = counters.allocate(CounterTypes.SYSTEM, 0, 0, 0, 0, "errors", now);
        this.unblocksCounter = counters.allocate(CounterTypes.SYSTEM, 0, 0, 0, 0, "unblocked frames", now);
        commands.consumerHeartbeat(now);
        this.udp = new UdpConductor(this, context, counters, publicationsDirectory);
    }

    /** The sender agent, to run on its own thread or in a composite. */
    io.nanostream.driver.udp.Sender sender()
    {
        return udp.sender();
    }

    /** The receiver agent, to run on its own thread or in a composite. */
    io.nanostream.driver.udp.Receiver receiver()
    {
        return udp.receiver();
    }

    io.nanostream.driver.udp.TransportCounters transportCounters()
    {
        return udp.transportCounters();
    }

    int nextSessionId()
    {
        return nextSessionId++;
    }

    long nextCorrelationId()
    {
        return commands.nextCorrelationId();
    }

    @Override
    public String roleName()
    {
        return "nano-stream-driver-conductor";
    }

    @Override
    public int doWork()
    {
        int work = commands.read(commandHandler, 16);
        final long nowNanos = System.nanoTime();
        if (nowNanos - nextHeartbeatNanos >= 0)
        {
            commands.consumerHeartbeat(System.currentTimeMillis());
            nextHeartbeatNanos = nowNanos + HEARTBEAT_INTERVAL_NANOS;
        }
        final long unblockNanos = context.publicationUnblockTimeout().toNanos();
        for (int i = 0, n = publications.size(); i < n; i++)
        {
            work += publications.get(i).update(counters, nowNanos, unblockNanos);
        }
        work += udp.doWork(nowNanos);
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
        for (final IpcPublication publication : publications)
        {
            publication.log.close();
        }
        publications.clear();
        udp.close();
    }

    /** Records an error in the distinct-error log and counts it. */
    void recordError(final Throwable error)
    {
        errors.record(error);
        counters.add(errorsCounter, 1);
    }

    private int housekeeping(final long nowNanos)
    {
        int work = 0;
        final long nowMillis = System.currentTimeMillis();
        final long livenessMillis = context.clientLivenessTimeout().toMillis();
        final Iterator<Map.Entry<Long, Long>> clientIterator = clients.entrySet().iterator();
        while (clientIterator.hasNext())
        {
            final Map.Entry<Long, Long> client = clientIterator.next();
            if (nowMillis - client.getValue() > livenessMillis)
            {
                clientIterator.remove();
                releaseClient(client.getKey());
                response.putLong(0, client.getKey());
                responses.transmit(Commands.ON_CLIENT_TIMEOUT, response, 0, 8);
                work++;
            }
        }
        final long lingerNanos = context.publicationLinger().toNanos();
        final Iterator<IpcPublication> publicationIterator = publications.iterator();
        while (publicationIterator.hasNext())
        {
            final IpcPublication publication = publicationIterator.next();
            if (publication.advanceDrain(counters, nowNanos, lingerNanos) && publication.state == IpcPublication.State.DONE)
            {
                for (final SubscriberPosition subscriber : publication.subscribers)
                {
                    sendUnavailableImage(subscriber, publication.streamId);
                    counters.free(subscriber.counterId(), nowMillis);
                }
                counters.free(publication.limitCounterId, nowMillis);
                counters.free(publication.positionCounterId, nowMillis);
                counters.free(publication.backPressureCounterId, nowMillis);
                counters.add(unblocksCounter, publication.unblockCount());
                try
                {
                    publication.delete();
                }
                catch (final RuntimeException ex)
                {
                    recordError(ex);
                }
                publicationIterator.remove();
                work++;
            }
        }
        final long commandPosition = commands.consumerPosition();
        if (commandPosition != lastCommandPosition || commands.producerPosition() == commandPosition)
        {
            lastCommandPosition = commandPosition;
            lastCommandChangeNanos = nowNanos;
        }
        else if (nowNanos - lastCommandChangeNanos > context.clientLivenessTimeout().toNanos())
        {
            if (commands.unblock())
            {
                recordError(new IllegalStateException("a client died while writing a command; the command ring was unblocked"));
            }
            lastCommandChangeNanos = nowNanos;
        }
        counters.set(clientsCounter, clients.size());
        counters.set(publicationsCounter, publications.size() + udp.publicationCount());
        counters.set(subscriptionsCounter, subscriptions.size() + udp.subscriptionCount());
        udp.housekeeping(nowNanos);
        return work;
    }

    private void onCommand(final int type, final AtomicBuffer buffer, final int offset, final int length)
    {
        final long correlationId = buffer.getLong(offset + Commands.CORRELATION_ID);
        try
        {
            if (length < 16)
            {
                throw new IllegalArgumentException("command of type " + type + " is only " + length + " bytes");
            }
            final long clientId = buffer.getLong(offset + Commands.CLIENT_ID);
            clients.put(clientId, System.currentTimeMillis());
            switch (type)
            {
                case Commands.ADD_PUBLICATION, Commands.ADD_EXCLUSIVE_PUBLICATION -> onAddPublication(correlationId, clientId,
                    buffer.getInt(offset + Commands.STREAM_ID),
                    Commands.getString(buffer, offset + Commands.CHANNEL_LENGTH, offset + length),
                    type == Commands.ADD_EXCLUSIVE_PUBLICATION);
                case Commands.ADD_SUBSCRIPTION -> onAddSubscription(correlationId, clientId,
                    buffer.getInt(offset + Commands.STREAM_ID),
                    Commands.getString(buffer, offset + Commands.CHANNEL_LENGTH, offset + length));
                case Commands.REMOVE_PUBLICATION -> onRemovePublication(correlationId, buffer.getLong(offset + Commands.REGISTRATION_ID));
                case Commands.REMOVE_SUBSCRIPTION -> onRemoveSubscription(correlationId, buffer.getLong(offset + Commands.REGISTRATION_ID));
                case Commands.CLIENT_KEEPALIVE ->
                {
                }
                case Commands.CLIENT_CLOSE ->
                {
                    clients.remove(clientId);
                    releaseClient(clientId);
                }
                default -> throw new IllegalArgumentException("unknown command type " + type);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            sendError(correlationId, Commands.ERROR_INVALID_CHANNEL, ex.getMessage());
            recordError(ex);
        }
        catch (final RuntimeException ex)
        {
            sendError(correlationId, Commands.ERROR_GENERIC, ex.toString());
            recordError(ex);
        }
    }

    private void onAddPublication(
        final long correlationId, final long clientId, final int streamId, final String channel, final boolean exclusive)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        if (!uri.isIpc())
        {
            udp.addPublication(correlationId, clientId, streamId, uri, exclusive);
            return;
        }
        final int termLength = uri.termLength(context.ipcTermLength());
        final int mtu = uri.mtu(context.mtu());
        IpcPublication publication = null;
        if (!exclusive)
        {
            for (final IpcPublication existing : publications)
            {
                if (!existing.exclusive && existing.streamId == streamId && existing.state == IpcPublication.State.ACTIVE)
                {
                    if (existing.termLength != termLength || existing.log.mtu() != mtu)
                    {
                        sendError(correlationId, Commands.ERROR_CLASH, "stream " + streamId + " is already published with term-length " +
                            existing.termLength + " and mtu " + existing.log.mtu() + "; ask for the same, or use another stream");
                        return;
                    }
                    publication = existing;
                    break;
                }
            }
        }
        if (publication == null)
        {
            publication = newPublication(correlationId, clientId, streamId, termLength, mtu, exclusive);
        }
        publication.refCount++;
        publicationLinks.put(correlationId, new PublicationLink(correlationId, clientId, publication));
        sendPublicationReady(correlationId, publication.sessionId, streamId, publication.limitCounterId,
            publication.backPressureCounterId, publication.logFile);
    }

    void sendPublicationReady(
        final long correlationId, final int sessionId, final int streamId, final int limitCounterId, final int backPressureCounterId,
        final Path logFile)
    {
        response.putLong(0, correlationId);
        response.putLong(Responses.PUBLICATION_REGISTRATION_ID, correlationId);
        response.putInt(Responses.PUBLICATION_SESSION_ID, sessionId);
        response.putInt(Responses.PUBLICATION_STREAM_ID, streamId);
        response.putInt(Responses.PUBLICATION_LIMIT_COUNTER_ID, limitCounterId);
        response.putInt(Responses.PUBLICATION_BACK_PRESSURE_COUNTER_ID, backPressureCounterId);
        final int length = Responses.PUBLICATION_LOG_FILE + Commands.putString(response, Responses.PUBLICATION_LOG_FILE, logFile.toString());
        responses.transmit(Commands.ON_PUBLICATION_READY, response, 0, length);
    }

    private IpcPublication newPublication(
        final long registrationId, final long clientId, final int streamId, final int termLength, final int mtu, final boolean exclusive)
    {
        final int sessionId = nextSessionId();
        final Path file = publicationsDirectory.resolve(registrationId + ".logbuffer");
        final LogBuffers log = LogBuffers.create(file, termLength, 4096, mtu,
            ThreadLocalRandom.current().nextInt(), sessionId, streamId, registrationId, !context.sparseLogFiles());
        final long now = System.currentTimeMillis();
        final String id = registrationId + " " + sessionId + " " + streamId + " nano:ipc";
        final IpcPublication publication = new IpcPublication(registrationId, sessionId, streamId, exclusive, log,
            context.ipcPublicationWindowFor(termLength),
            counters.allocate(CounterTypes.PUBLISHER_LIMIT, registrationId, sessionId, streamId, clientId, "pub-lmt: " + id, now),
            counters.allocate(CounterTypes.PUBLISHER_POSITION, registrationId, sessionId, streamId, clientId, "pub-pos: " + id, now),
            counters.allocate(CounterTypes.BACK_PRESSURE_EVENTS, registrationId, sessionId, streamId, clientId,
                "back-pressure: " + id, now));
        publications.add(publication);
        for (final SubscriptionLink subscription : subscriptions.values())
        {
            if (subscription.streamId() == streamId)
            {
                link(publication, subscription);
            }
        }
        return publication;
    }

    private void onAddSubscription(final long correlationId, final long clientId, final int streamId, final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        if (!uri.isIpc())
        {
            udp.addSubscription(correlationId, clientId, streamId, uri);
            sendSubscriptionReady(correlationId);
            udp.linkImages(correlationId);
            return;
        }
        final SubscriptionLink subscription = new SubscriptionLink(correlationId, clientId, streamId, channel);
        subscriptions.put(correlationId, subscription);
        sendSubscriptionReady(correlationId);
        for (final IpcPublication publication : publications)
        {
            if (publication.streamId == streamId && publication.state == IpcPublication.State.ACTIVE)
            {
                link(publication, subscription);
            }
        }
    }

    private void link(final IpcPublication publication, final SubscriptionLink subscription)
    {
        final long joinPosition = publication.producerPosition();
        final int counterId = counters.allocate(CounterTypes.SUBSCRIBER_POSITION, subscription.registrationId(),
            publication.sessionId, publication.streamId, subscription.clientId(),
            "sub-pos: " + subscription.registrationId() + " " + publication.sessionId + " " + publication.streamId + " nano:ipc",
            System.currentTimeMillis());
        counters.set(counterId, joinPosition);
        final long imageCorrelationId = commands.nextCorrelationId();
        publication.subscribers.add(new SubscriberPosition(counterId, subscription.registrationId(), imageCorrelationId,
            subscription.clientId()));
        sendAvailableImage(imageCorrelationId, subscription.registrationId(), publication.sessionId, publication.streamId, counterId,
            joinPosition, publication.logFile);
    }

    void sendAvailableImage(
        final long imageCorrelationId, final long subscriptionId, final int sessionId, final int streamId, final int counterId,
        final long joinPosition, final Path logFile)
    {
        response.putLong(0, imageCorrelationId);
        response.putLong(Responses.IMAGE_SUBSCRIPTION_ID, subscriptionId);
        response.putInt(Responses.IMAGE_SESSION_ID, sessionId);
        response.putInt(Responses.IMAGE_STREAM_ID, streamId);
        response.putInt(Responses.IMAGE_POSITION_COUNTER_ID, counterId);
        response.putLong(Responses.IMAGE_JOIN_POSITION, joinPosition);
        final int length = Responses.IMAGE_LOG_FILE + Commands.putString(response, Responses.IMAGE_LOG_FILE, logFile.toString());
        responses.transmit(Commands.ON_AVAILABLE_IMAGE, response, 0, length);
    }

    private void onRemovePublication(final long correlationId, final long registrationId)
    {
        if (udp.removePublication(registrationId))
        {
            sendSuccess(correlationId);
            return;
        }
        final PublicationLink link = publicationLinks.remove(registrationId);
        if (link == null)
        {
            sendError(correlationId, Commands.ERROR_UNKNOWN, "no publication with registration id " + registrationId);
            return;
        }
        releasePublicationLink(link);
        sendSuccess(correlationId);
    }

    private void onRemoveSubscription(final long correlationId, final long registrationId)
    {
        if (udp.removeSubscription(registrationId))
        {
            sendSuccess(correlationId);
            return;
        }
        final SubscriptionLink subscription = subscriptions.remove(registrationId);
        if (subscription == null)
        {
            sendError(correlationId, Commands.ERROR_UNKNOWN, "no subscription with registration id " + registrationId);
            return;
        }
        unlink(subscription);
        sendSuccess(correlationId);
    }

    private void releasePublicationLink(final PublicationLink link)
    {
        final IpcPublication publication = link.publication();
        if (--publication.refCount == 0 && publication.state == IpcPublication.State.ACTIVE)
        {
            publication.startDraining();
        }
    }

    private void unlink(final SubscriptionLink subscription)
    {
        final long now = System.currentTimeMillis();
        for (final IpcPublication publication : publications)
        {
            final Iterator<SubscriberPosition> iterator = publication.subscribers.iterator();
            while (iterator.hasNext())
            {
                final SubscriberPosition subscriber = iterator.next();
                if (subscriber.subscriptionRegistrationId() == subscription.registrationId())
                {
                    iterator.remove();
                    counters.free(subscriber.counterId(), now);
                }
            }
        }
    }

    private void releaseClient(final long clientId)
    {
        udp.releaseClient(clientId);
        final Iterator<PublicationLink> links = publicationLinks.values().iterator();
        while (links.hasNext())
        {
            final PublicationLink link = links.next();
            if (link.clientId() == clientId)
            {
                links.remove();
                releasePublicationLink(link);
            }
        }
        final Iterator<SubscriptionLink> subscriptionIterator = subscriptions.values().iterator();
        while (subscriptionIterator.hasNext())
        {
            final SubscriptionLink subscription = subscriptionIterator.next();
            if (subscription.clientId() == clientId)
            {
                subscriptionIterator.remove();
                unlink(subscription);
            }
        }
    }

    private void sendUnavailableImage(final SubscriberPosition subscriber, final int streamId)
    {
        sendUnavailableImage(subscriber.imageCorrelationId(), subscriber.subscriptionRegistrationId(), streamId);
    }

    void sendUnavailableImage(final long imageCorrelationId, final long subscriptionId, final int streamId)
    {
        response.putLong(0, imageCorrelationId);
        response.putLong(Responses.IMAGE_SUBSCRIPTION_ID, subscriptionId);
        response.putInt(Responses.UNAVAILABLE_IMAGE_STREAM_ID, streamId);
        responses.transmit(Commands.ON_UNAVAILABLE_IMAGE, response, 0, 24);
    }

    private void sendSubscriptionReady(final long correlationId)
    {
        response.putLong(0, correlationId);
        responses.transmit(Commands.ON_SUBSCRIPTION_READY, response, 0, 8);
    }

    void sendSuccess(final long correlationId)
    {
        response.putLong(0, correlationId);
        responses.transmit(Commands.ON_OPERATION_SUCCESS, response, 0, 8);
    }

    void sendError(final long correlationId, final int code, final String message)
    {
        response.putLong(0, correlationId);
        response.putInt(Responses.ERROR_CODE, code);
        final String text = message == null ? "error" : message;
        final int length = Responses.ERROR_MESSAGE + Commands.putString(response, Responses.ERROR_MESSAGE,
            text.length() > 2000 ? text.substring(0, 2000) : text);
        responses.transmit(Commands.ON_ERROR, response, 0, length);
    }
}
