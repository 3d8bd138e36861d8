package io.nanostream.driver.status;

import io.nanostream.buffer.Counter;
import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.CountersReader;
import io.nanostream.client.protocol.CounterTypes;
import io.nanostream.concurrent.Clock;

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
        this.system = new SystemCounters(system("clients"), system("publications"), system("subscriptions"), system("errors"),
            system("unblocked frames"));
        this.transport = new TransportCounters(this::system, counters);
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
        final Counter[] made = allocateAll(registrationId, sessionId, streamId, clientId,
            new int[] {CounterTypes.PUBLISHER_LIMIT, CounterTypes.PUBLISHER_POSITION, CounterTypes.BACK_PRESSURE_EVENTS},
            "pub-lmt: " + id, "pub-pos: " + id, "back-pressure: " + id);
        return new PublicationCounters(made[0], made[1], made[2]);
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
    public SenderCounters sender(final long registrationId, final int sessionId, final int streamId, final long clientId, final String channel)
    {
        final String id = key(registrationId, sessionId, streamId, channel);
        final Counter[] made = allocateAll(registrationId, sessionId, streamId, clientId, new int[] {CounterTypes.SENDER_POSITION,
            CounterTypes.SENDER_LIMIT, CounterTypes.CHANNEL_EVENTS, CounterTypes.CHANNEL_EVENTS, CounterTypes.CHANNEL_EVENTS},
            "snd-pos: " + id, "snd-lmt: " + id, "snd-naks received: " + id, "snd-retransmits: " + id, "snd-status messages: " + id);
        return new SenderCounters(made[0], made[1], made[2], made[3], made[4]);
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
        final Counter[] made = allocateAll(correlationId, sessionId, streamId, 0, new int[] {CounterTypes.RECEIVER_HWM,
            CounterTypes.RECEIVER_POSITION, CounterTypes.CHANNEL_EVENTS, CounterTypes.CHANNEL_EVENTS, CounterTypes.CHANNEL_EVENTS},
            "rcv-hwm: " + id, "rcv-pos: " + id, "rcv-naks sent: " + id, "rcv-gap bytes: " + id, "rcv-status messages: " + id);
        return new ImageCounters(made[0], made[1], made[2], made[3], made[4]);
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
        final long subscriptionId, final int sessionId, final int streamId, final long clientId, final String channel, final long joinPosition)
    {
        final Counter position = allocate(CounterTypes.SUBSCRIBER_POSITION, subscriptionId, sessionId, streamId, clientId,
            "sub-pos: " + key(subscriptionId, sessionId, streamId, channel));
        position.set(joinPosition);
        return position;
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

    Counter system(final String label)
    {
        return allocate(CounterTypes.SYSTEM, 0, 0, 0, 0, label);
    }

    /** Allocates a group of counters, all or none: if the set runs out part-way, those already made are freed. */
    private Counter[] allocateAll(
        final long registrationId, final int sessionId, final int streamId, final long clientId, final int[] typeIds, final String... labels)
    {
        final Counter[] made = new Counter[labels.length];
        try
        {
            for (int i = 0; i < labels.length; i++)
            {
                made[i] = allocate(typeIds[i], registrationId, sessionId, streamId, clientId, labels[i]);
            }
            return made;
        }
        catch (final RuntimeException ex)
        {
            for (final Counter counter : made)
            {
                if (counter != null)
                {
                    counter.free(clock.epochMillis());
                }
            }
            throw ex;
        }
    }

    private Counter allocate(
        final int typeId, final long registrationId, final int sessionId, final int streamId, final long clientId, final String label)
    {
        return counters.newCounter(typeId, registrationId, sessionId, streamId, clientId, label, clock.epochMillis());
    }

    private static String key(final long registrationId, final int sessionId, final int streamId, final String channel)
    {
        return "registration " + registrationId + ", session " + sessionId + ", stream " + streamId + ", " + channel;
    }
}
