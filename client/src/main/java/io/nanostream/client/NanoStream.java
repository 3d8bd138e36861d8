package io.nanostream.client;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.CountersReader;
import io.nanostream.buffer.MappedFile;
import io.nanostream.buffer.MessageRing;
import io.nanostream.client.protocol.Commands;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.log.LogBuffers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of a media driver: connect once, then add publications and subscriptions. Adding and
 * closing are round trips to the driver (microseconds to a millisecond); offering and polling never
 * involve it. A background thread takes the driver's responses, heartbeats, and watches the driver.
 *
 * <p>Threads: {@code add*}, {@code close} and {@code isClosed} may be called from any thread, at once; each
 * add waits for the driver's answer on the calling thread. The client's conductor (the driver's answers, image changes,
 * keepalives) runs on a thread of its own, or on the application's thread in {@link #invoke()} with
 * {@link ClientContext#useConductorInvoker(boolean)}. It calls the image handlers and the error handler: keep them
 * short, and expect them to run while your threads poll (an image can be polled, and give its first fragments, before
 * its available-image handler has run). What a handler throws goes to the error handler and the conductor goes on. A
 * handler may close publications, subscriptions and the client (the close is sent, not waited for); an add from a
 * handler is refused at once, since the answer it would wait for is the conductor's to take: hand it to another thread.
 *
 * <pre>{@code
 * try (NanoStream client = NanoStream.connect();
 *      Publication publication = client.addPublication("nano:ipc", 10);
 *      Subscription subscription = client.addSubscription("nano:ipc", 10)) {
 *     publication.offer(buffer, 0, length);
 *     subscription.poll((buf, offset, len, header) -> handle(buf, offset, len), 10);
 * }
 * }</pre>
 */
public final class NanoStream implements AutoCloseable
{
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.client");

    private final ClientContext context;
    private final MappedFile controlMapping;
    private final MessageRing commands;
    private final CountersReader counters;
    private final ClientSlowCycles slowCycles;
    private final long clientId;
    private final DriverRequests requests;
    private final Map<Long, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<Long, Publication> publications = new ConcurrentHashMap<>();
    private final ThreadLocal<AtomicBuffer> scratch = ThreadLocal.withInitial(() -> AtomicBuffer.allocateHeap(64 * 1024));
    private final ClientConductor conductor;
    private final ClientConductorRunner conductorRunner;
    private volatile boolean closed;
    private volatile String closedReason;
    private boolean closing;
    private boolean released;

    private NanoStream(final ClientContext context, final MappedFile controlMapping, final ControlFile control)
    {
        this.context = context;
        this.controlMapping = controlMapping;
        this.commands = new MessageRing(control.commandRing());
        this.counters = new CountersReader(control.countersMetadata(), control.countersValues());
        this.clientId = commands.nextCorrelationId();
        this.conductor = new ClientConductor(this, control.broadcast(), commands, context, control.process());
        this.slowCycles = new ClientSlowCycles(counters, clientId, context.dutyCycleThreshold().toNanos());
        this.conductorRunner = new ClientConductorRunner(conductor, context, this::hasPendingRequests, slowCycles);
        this.requests = new DriverRequests(context, commands, clientId, conductor, conductorRunner);
    }

    /**
     * Connects to the driver in the default directory.
     *
     * @return the client.
     * @throws DriverUnavailableException if no driver runs there.
     */
    public static NanoStream connect()
    {
        return connect(new ClientContext());
    }

    /**
     * Connects to a driver.
     *
     * @param context where the driver is, and the timeouts.
     * @return the client.
     * @throws DriverUnavailableException if no driver runs there, naming what was found and how to start one.
     */
    public static NanoStream connect(final ClientContext context)
    {
        final DriverConnector.Connection connection = DriverConnector.await(context);
        final NanoStream client = new NanoStream(context, connection.mapping(), connection.control());
        client.conductor.keepalive();
        client.conductorRunner.start();
        return client;
    }

    /**
     * Adds a publication shared by every publisher of the channel and stream (in any process).
     *
     * @param channel  the channel, e.g. {@code nano:ipc}.
     * @param streamId the stream id.
     * @return the publication, ready once a subscriber connects.
     * @throws IllegalArgumentException if the channel is malformed.
     * @throws RegistrationException    if the driver refuses it.
     */
    public ConcurrentPublication addPublication(final String channel, final int streamId)
    {
        ChannelUri.parse(channel);
        checkOpen();
        final PublicationReady ready = (PublicationReady)requests.add(Commands.ADD_PUBLICATION, channel, streamId, null,
            null);
        final LogBuffers log = LogBuffers.open(Path.of(ready.logFile()), context.preTouchLogs());
        final ConcurrentPublication publication = new ConcurrentPublication(this, ready.registrationId(), channel,
            streamId, ready.sessionId(), log, counters.values(), ready.limitCounterId(), ready.backPressureCounterId());
        publications.put(publication.registrationId(), publication);
        return publication;
    }

    /**
     * Adds a publication with one writer and a log of its own (its own session).
     *
     * @param channel  the channel.
     * @param streamId the stream id.
     * @return the publication.
     */
    public ExclusivePublication addExclusivePublication(final String channel, final int streamId)
    {
        ChannelUri.parse(channel);
        checkOpen();
        final PublicationReady ready = (PublicationReady)requests.add(Commands.ADD_EXCLUSIVE_PUBLICATION, channel,
            streamId, null, null);
        final LogBuffers log = LogBuffers.open(Path.of(ready.logFile()), context.preTouchLogs());
        final ExclusivePublication publication = new ExclusivePublication(this, ready.registrationId(), channel,
            streamId, ready.sessionId(), log, counters.values(), ready.limitCounterId(), ready.backPressureCounterId());
        publications.put(publication.registrationId(), publication);
        return publication;
    }

    /**
     * Adds a subscription.
     *
     * @param channel  the channel.
     * @param streamId the stream id.
     * @return the subscription.
     */
    public Subscription addSubscription(final String channel, final int streamId)
    {
        return addSubscription(channel, streamId, null, null);
    }

    /**
     * Adds a subscription and is told, on the client's thread, when publishers come and go.
     *
     * @param channel                 the channel.
     * @param streamId                the stream id.
     * @param availableImageHandler   told of each new image, or null.
     * @param unavailableImageHandler told of each image that goes, or null.
     * @return the subscription.
     */
    public Subscription addSubscription(
        final String channel, final int streamId,
        final AvailableImageHandler availableImageHandler, final UnavailableImageHandler unavailableImageHandler)
    {
        final List<String> ignored = ignoredBySubscriptions(ChannelUri.parse(channel));
        if (!ignored.isEmpty())
        {
            LOGGER.log(System.Logger.Level.WARNING, "'" + channel + "': " + String.join(", ", ignored) +
                " only mean(s) something on a " +
                "publication and a subscription ignores it; the publisher's log decides (remove it from the subscription's channel)");
        }
        checkOpen();
        final Subscription[] created = new Subscription[1];
        requests.add(Commands.ADD_SUBSCRIPTION, channel, streamId, correlationId ->
        {
            // registered before the command goes out, so that no image can arrive before its subscription
            created[0] = new Subscription(this, correlationId, channel, streamId, availableImageHandler,
                unavailableImageHandler);
            subscriptions.put(correlationId, created[0]);
        }, subscriptions::remove);
        return created[0];
    }

    /**
     * The channel parameters a subscription ignores, because the publisher decides them.
     *
     * @param uri a subscription's channel.
     * @return the ones the channel has, by name.
     */
    static List<String> ignoredBySubscriptions(final ChannelUri uri)
    {
        return uri.params().keySet().stream().filter(ChannelUri.PUBLICATION_ONLY::contains).sorted().toList();
    }

    /**
     * The driver's counters (positions, limits, statistics), readable from any thread.
     *
     * @return the counters.
     */
    public CountersReader counters()
    {
        return counters;
    }

    /**
     * This client's id at the driver.
     *
     * @return the client id.
     */
    public long clientId()
    {
        return clientId;
    }

    /**
     * Whether the client is closed, by the application or because the driver went away.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Runs one duty cycle of the client's conductor on the calling thread: the driver's answers, image changes (and the
     * image handlers), the keepalive, the driver's liveness. Only with {@link
     * ClientContext#useConductorInvoker(boolean)}; call it often (at least every keepalive
     * interval), from one thread at a time.
     *
     * @return the work done, 0 once closed.
     * @throws IllegalStateException if the conductor has a thread of its own, or if called from a handler it runs.
     */
    public int invoke()
    {
        return conductorRunner.invoke();
    }

    /**
     * Releases everything this client holds at the driver and unmaps its memory; from any thread, handlers included.
     */
    @Override
    public void close()
    {
        final boolean driverAlive;
        synchronized (this)
        {
            if (closing)
            {
                return;
            }
            closing = true;
            driverAlive = !closed;
            closed = true;
        }
        conductor.stop();
        if (conductor.isDutyCycleThread())
        {
            // called from a handler: the duty cycle still reads the control file, so it is unmapped when the cycle ends
            conductor.afterCycle(() -> release(driverAlive));
            return;
        }
        conductorRunner.close();
        release(driverAlive);
    }

    private synchronized void release(final boolean driverAlive)
    {
        if (released)
        {
            return;
        }
        released = true;
        if (driverAlive)
        {
            requests.sendClose();
        }
        for (final Publication publication : publications.values())
        {
            publication.closed = true;
            publication.log.close();
        }
        for (final Subscription subscription : subscriptions.values())
        {
            for (final Image image : subscription.markClosed())
            {
                image.log().close();
            }
        }
        publications.clear();
        subscriptions.clear();
        conductor.closeLingering();
        slowCycles.stop(); // the cycle that released the client is timed after this: it must not touch the unmapped counters
        controlMapping.close();
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw closedReason == null ? new IllegalStateException("this client is closed; connect a new one") :
                new DriverUnavailableException(closedReason, null);
        }
    }

    void destination(final int type, final Subscription subscription, final String destination)
    {
        checkOpen();
        if (subscription.isClosed())
        {
            throw new IllegalStateException("subscription " + subscription.registrationId() + " is closed");
        }
        requests.destination(type, subscription.registrationId(), destination);
    }

    void destination(final int type, final Publication publication, final String destination)
    {
        checkOpen();
        if (publication.closed)
        {
            throw new IllegalStateException("publication " + publication.registrationId() + " is closed");
        }
        requests.destination(type, publication.registrationId(), destination);
    }

    void releasePublication(final Publication publication)
    {
        publication.closed = true;
        publications.remove(publication.registrationId());
        if (!closed)
        {
            requests.remove(Commands.REMOVE_PUBLICATION, publication.registrationId());
        }
        conductor.linger(publication.log);
    }

    void releaseSubscription(final Subscription subscription)
    {
        subscriptions.remove(subscription.registrationId());
        final Image[] images = subscription.markClosed();
        if (!closed)
        {
            requests.remove(Commands.REMOVE_SUBSCRIPTION, subscription.registrationId());
        }
        for (final Image image : images)
        {
            conductor.linger(image.log());
        }
    }

    AtomicBuffer scratch(final int length)
    {
        AtomicBuffer buffer = scratch.get();
        if (buffer.capacity() < length)
        {
            buffer = AtomicBuffer.allocateHeap((length + 7) & ~7);
            scratch.set(buffer);
        }
        return buffer;
    }

    /** The future of a request the driver answered, taken out of the waiting ones; null if none waits. */
    CompletableFuture<Object> takePending(final long correlationId)
    {
        return requests.take(correlationId);
    }

    private boolean hasPendingRequests()
    {
        return requests.hasPending();
    }

    Subscription subscription(final long registrationId)
    {
        return subscriptions.get(registrationId);
    }

    AtomicBuffer counterValues()
    {
        return counters.values();
    }

    void onDriverLost(final String reason)
    {
        closedReason = reason;
        closed = true;
        final DriverUnavailableException lost = new DriverUnavailableException(reason, null);
        requests.failAll(lost);
        final List<Publication> lostPublications = List.copyOf(publications.values()); // the handler may close the client
        final List<Subscription> lostSubscriptions = List.copyOf(subscriptions.values());
        conductor.reportError(lost); // first: an application that sees a publication or subscription closed can ask the handler why
        lostPublications.forEach(publication -> publication.closed = true);
        lostSubscriptions.forEach(Subscription::markClosed);
    }

    /** What the driver answers to an added publication. */
    record PublicationReady(long registrationId, int sessionId, int limitCounterId, int backPressureCounterId,
        String logFile)
    {
    }
}
