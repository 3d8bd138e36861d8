package io.nanostream.driver.status;

import io.nanostream.buffer.Counter;
import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.CountersReader;
import io.nanostream.client.protocol.CounterTypes;
import io.nanostream.concurrent.Clock;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place counters are made: it picks each counter's type id and writes its label, with every
 * number in the label named ({@code registration 12, session 5, stream 10}), and hands back typed
 * handles. Owned by the conductor thread, which is the only one that allocates and frees counters.
 */
public final class DriverCounters
{
    private final CounterSet counters;
    private final Clock clock;
    private final SystemCounters system;
    private final TransportCounters transport;
    private final List<Counter> group = new ArrayList<>();

    /**
     * Makes the driver-wide counters in a set.
     *
     * @param counters the set, in the control file.
     * @param clock    the wall clock for allocation times.
     */
    public DriverCounters(final CounterSet counters, final Clock clock)
    {
        this.counters = counters;
        this.clock = clock;
        this.system = new SystemCounters(gauge("clients"), gauge("publications"), gauge("subscriptions"),
            system("errors"), system("unblocked frames"), system("clients timed out"));
        this.transport = new TransportCounters(this::system, counters);
    }

    /**
     * An agent's {@code <role> running} gauge: 1 while the agent runs, 0 before it starts and after it stopped.
     *
     * @param role the agent, as its other counters name it.
     * @return the gauge, at 0.
     */
    public Counter agentRunning(final String role)
    {
        return gauge(role + " running");
    }

    /**
     * Makes the duty cycle counters of one agent (before its thread starts: made on the thread that owns the counters).
     *
     * @param role           the agent, as its counters name it: {@code conductor}, {@code sender}, {@code receiver}, or
     *                       {@code shared} for all three on one thread.
     * @param thresholdNanos a cycle longer than this is counted.
     * @return the counters, as the tracker the agent's runner feeds.
     */
    public DutyCycleCounters dutyCycles(final String role, final long thresholdNanos)
    {
        final String threshold = thresholdNanos % 1_000_000 == 0 ? thresholdNanos / 1_000_000 + " ms" :
            thresholdNanos % 1_000 == 0 ? thresholdNanos / 1_000 + " us" : thresholdNanos + " ns";
        return new DutyCycleCounters(gauge(role + " longest cycle ns"), system(role + " cycles over " + threshold),
            thresholdNanos);
    }

    /**
     * The conductor's gauges and totals.
     *
     * @return the system counters.
     */
    public SystemCounters system()
    {
        return system;
    }

    /**
     * The driver-wide UDP counters.
     *
     * @return the transport counters.
     */
    public TransportCounters transport()
    {
        return transport;
    }

    /**
     * The counters of a new publication.
     *
     * @param registrationId the publication's registration id.
     * @param sessionId      its session.
     * @param streamId       its stream.
     * @param clientId       the client that added it.
     * @param channel        its canonical channel.
     * @return the counters.
     */
    public PublicationCounters publication(
        final long registrationId, final int sessionId, final int streamId, final long clientId, final String channel)
    {
        final String id = key(registrationId, sessionId, streamId, channel);
        return allOrNone(() -> new PublicationCounters(
            allocate(CounterTypes.PUBLISHER_LIMIT, registrationId, sessionId, streamId, clientId, "pub-lmt: " + id),
            allocate(CounterTypes.PUBLISHER_POSITION, registrationId, sessionId, streamId, clientId, "pub-pos: " + id),
            allocate(CounterTypes.BACK_PRESSURE_EVENTS, registrationId, sessionId, streamId, clientId,
            "back-pressure: " + id)));
    }

    /**
     * The sender-side counters of a new UDP publication.
     *
     * @param registrationId the publication's registration id.
     * @param sessionId      its session.
     * @param streamId       its stream.
     * @param clientId       the client that added it.
     * @param channel        its canonical channel.
     * @return the counters.
     */
    public SenderCounters sender(final long registrationId, final int sessionId, final int streamId,
        final long clientId, final String channel)
    {
        final String id = key(registrationId, sessionId, streamId, channel);
        return allOrNone(() -> new SenderCounters(
            allocate(CounterTypes.SENDER_POSITION, registrationId, sessionId, streamId, clientId, "snd-pos: " + id),
            allocate(CounterTypes.SENDER_LIMIT, registrationId, sessionId, streamId, clientId, "snd-lmt: " + id),
            allocate(CounterTypes.CHANNEL_EVENTS, registrationId, sessionId, streamId, clientId, "snd-naks received: " +
            id), allocate(CounterTypes.CHANNEL_EVENTS, registrationId, sessionId, streamId, clientId,
            "snd-retransmits: " + id), allocate(CounterTypes.CHANNEL_EVENTS, registrationId, sessionId, streamId,
            clientId, "snd-status messages: " + id)));
    }

    /**
     * The receiver-side counters of a new UDP image.
     *
     * @param correlationId the image's correlation id.
     * @param sessionId     the publisher's session.
     * @param streamId      the stream.
     * @param channel       the receive channel.
     * @return the counters.
     */
    public ImageCounters image(final long correlationId, final int sessionId, final int streamId, final String channel)
    {
        final String id = key(correlationId, sessionId, streamId, channel);
        return allOrNone(() -> new ImageCounters(
            allocate(CounterTypes.RECEIVER_HWM, correlationId, sessionId, streamId, 0, "rcv-hwm: " + id),
            allocate(CounterTypes.RECEIVER_POSITION, correlationId, sessionId, streamId, 0, "rcv-pos: " + id),
            allocate(CounterTypes.CHANNEL_EVENTS, correlationId, sessionId, streamId, 0, "rcv-naks sent: " + id),
            allocate(CounterTypes.CHANNEL_EVENTS, correlationId, sessionId, streamId, 0, "rcv-gap bytes: " + id),
            allocate(CounterTypes.CHANNEL_EVENTS, correlationId, sessionId, streamId, 0, "rcv-status messages: " +
            id)));
    }

    /**
     * A destination of a multi-destination-cast publication, shown while the sender sends to it; its value is 1.
     *
     * @param registrationId the publication's registration id.
     * @param sessionId      its session.
     * @param streamId       its stream.
     * @param address        the destination.
     * @param how            how it was added, e.g. {@code manual} or {@code dynamic, receiver 5f3a}.
     * @param channel        the publication's canonical channel.
     * @return the counter.
     */
    public Counter destination(
        final long registrationId, final int sessionId, final int streamId, final InetSocketAddress address,
        final String how, final String channel)
    {
        final Counter counter = allocate(CounterTypes.MDC_DESTINATION, registrationId, sessionId, streamId, 0,
            "mdc-dst: " + address.getAddress().getHostAddress() + ":" + address.getPort() + " (" + how + "), " +
            key(registrationId, sessionId, streamId, channel));
        counter.set(1);
        return counter;
    }

    /**
     * A subscriber's position in one image (IPC, UDP or spy), starting at its join position.
     *
     * @param subscriptionId the subscription's registration id.
     * @param sessionId      the publisher's session.
     * @param streamId       the stream.
     * @param clientId       the client that owns the subscription.
     * @param channel        the channel, e.g. {@code nano:ipc} or {@code spy nano:udp?...}.
     * @param joinPosition   where the subscriber starts.
     * @return the position counter.
     */
    public Counter subscriberPosition(
        final long subscriptionId, final int sessionId, final int streamId, final long clientId, final String channel,
        final long joinPosition)
    {
        final Counter position = allocate(CounterTypes.SUBSCRIBER_POSITION, subscriptionId, sessionId, streamId,
            clientId, "sub-pos: " + key(subscriptionId, sessionId, streamId, channel));
        position.set(joinPosition);
        return position;
    }

    /**
     * An untethered subscriber's state, as {@code Untethered.State}'s ordinal: 0 active, 1 left behind, 2 resting.
     *
     * @param subscriptionId the subscription's registration id.
     * @param sessionId      the publisher's session.
     * @param streamId       the stream.
     * @param clientId       the client that owns the subscription.
     * @param channel        the channel.
     * @return the counter.
     */
    public Counter untethered(final long subscriptionId, final int sessionId, final int streamId, final long clientId,
        final String channel)
    {
        return allocate(CounterTypes.UNTETHERED_SUBSCRIBER, subscriptionId, sessionId, streamId, clientId,
            "sub-tether (0 active, 1 left behind, 2 resting): " + key(subscriptionId, sessionId, streamId, channel));
    }

    /**
     * A client's counters, which the client finds by its id: its heartbeat, which starts at the time it is
     * made, and its slow duty cycles.
     *
     * @param clientId the client.
     * @return the counters, both or neither.
     */
    public ClientCounters client(final long clientId)
    {
        return allOrNone(() ->
        {
            final Counter heartbeat = allocate(CounterTypes.CLIENT_HEARTBEAT, clientId, 0, 0, clientId,
                "client-hb: client " + clientId);
            heartbeat.set(clock.epochMillis());
            return new ClientCounters(heartbeat, allocate(CounterTypes.CLIENT_SLOW_CYCLES, clientId, 0, 0, clientId,
                "client-cycles over its threshold: client " + clientId));
        });
    }

    /**
     * Shows whether a native feature is in effect: a counter of type {@code feature}, 1 for on and 0 for off,
     * labelled with the status and its reason. Kept for the driver's life.
     *
     * @param status the feature's status.
     * @return the counter.
     */
    public Counter feature(final FeatureStatus status)
    {
        final Counter counter = allocate(CounterTypes.FEATURE, 0, 0, 0, 0, status.label());
        counter.set(status.on() ? 1 : 0);
        return counter;
    }

    /**
     * Reads the counters, for what only looks.
     *
     * @return the reader.
     */
    public CountersReader reader()
    {
        return counters;
    }

    private Counter gauge(final String label)
    {
        return allocate(CounterTypes.GAUGE, 0, 0, 0, 0, label);
    }

    Counter system(final String label)
    {
        return allocate(CounterTypes.SYSTEM, 0, 0, 0, 0, label);
    }

    private Counter allocate(
        final int typeId, final long registrationId, final int sessionId, final int streamId, final long clientId,
        final String label)
    {
        final Counter counter = counters.newCounter(typeId, registrationId, sessionId, streamId, clientId, label,
            clock.epochMillis());
        group.add(counter);
        return counter;
    }

    /** Makes a set of counters, or none: if one cannot be allocated (all in use), those made before it are freed. */
    private <T> T allOrNone(final Supplier<T> make)
    {
        group.clear();
        try
        {
            return make.get();
        }
        catch (final RuntimeException ex)
        {
            group.forEach(counter -> counter.free(clock.epochMillis()));
            throw ex;
        }
        finally
        {
            group.clear();
        }
    }

    private static String key(final long registrationId, final int sessionId, final int streamId, final String channel)
    {
        return "registration " + registrationId + ", session " + sessionId + ", stream " + streamId + ", " + channel;
    }
}
