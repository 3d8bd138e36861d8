package io.nanostream.cli;

import io.nanostream.client.protocol.CounterTypes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One stream's path through a driver, from its counters: for IPC, publisher then subscribers; for UDP, publisher,
 * sender, receiver and subscribers (the hops this driver holds: a publication's half, an image's half, or both). Each
 * hop says how many bytes it holds back from the next, and {@link #limitingHop} names the hop that stops the
 * publisher when it is at its limit.
 *
 * <pre>
 *   IPC:  publisher --(subscriber behind)--> subscriber, subscriber ...
 *   UDP:  publisher --(unsent)--> sender --(in flight)--> receiver --(unread)--> subscriber, subscriber ...
 * </pre>
 *
 * @param streamId         the stream.
 * @param sessionId        the session: one publisher's stream.
 * @param channel          the channel's label text, as the first counter of the stream names it.
 * @param publisherPosition where publishers have written to, or -1 if the publication is not in this driver.
 * @param publisherLimit   how far they may write, or -1.
 * @param senderPosition   what the sender has sent, or -1 on IPC or with no publication here.
 * @param senderLimit      how far flow control lets the sender go, or -1.
 * @param receiverHwm      the highest position the receiver has seen, or -1 with no image here.
 * @param receiverPosition what the receiver has received without gaps, or -1.
 * @param subscribers      each subscriber's position, slowest first.
 */
record StreamChain(
    int streamId, int sessionId, String channel, long publisherPosition, long publisherLimit, long senderPosition,
    long senderLimit, long receiverHwm, long receiverPosition, List<Subscriber> subscribers)
{
    /** The least room under its limit below which a publisher counts as held back: an offer of a few KiB would fail. */
    static final long NEAR_LIMIT = 4096;
    /** Or this share of its window, for large messages: a publisher within an eighth of its window is held back. */
    static final int WINDOW_SHARE = 8;

    /**
     * One subscriber of the stream.
     *
     * @param registrationId its subscription.
     * @param clientId       the client that owns it.
     * @param position       how far it has read.
     * @param label          its counter's label.
     */
    record Subscriber(long registrationId, long clientId, long position, String label)
    {
    }

    /**
     * Groups counters into chains, one per stream and session.
     *
     * @param rows   the counters.
     * @param filter which streams to keep.
     * @return the chains, by stream then session.
     */
    static List<StreamChain> of(final List<CounterRow> rows, final CounterFilter filter)
    {
        final Map<Long, Builder> builders = new LinkedHashMap<>();
        for (final CounterRow row : rows)
        {
            if (row.streamId() == 0 && row.sessionId() == 0 || !filter.testStream(row.streamId(), row.sessionId()))
            {
                continue;
            }
            final Builder chain = builders.computeIfAbsent(((long)row.streamId() << 32) | (row.sessionId() & 0xFFFF_FFFFL),
                key -> new Builder(row.streamId(), row.sessionId()));
            switch (row.type())
            {
                case CounterTypes.PUBLISHER_POSITION -> chain.publisherPosition = chain.named(row, row.value());
                case CounterTypes.PUBLISHER_LIMIT -> chain.publisherLimit = row.value();
                case CounterTypes.SENDER_POSITION -> chain.senderPosition = row.value();
                case CounterTypes.SENDER_LIMIT -> chain.senderLimit = row.value();
                case CounterTypes.RECEIVER_HWM -> chain.receiverHwm = chain.named(row, row.value());
                case CounterTypes.RECEIVER_POSITION -> chain.receiverPosition = row.value();
                case CounterTypes.SUBSCRIBER_POSITION ->
                {
                    chain.named(row, 0);
                    chain.subscribers.add(new Subscriber(row.registrationId(), row.clientId(), row.value(),
                        row.label()));
                }
                default ->
                {
                }
            }
        }
        final List<StreamChain> chains = new ArrayList<>();
        for (final Builder builder : builders.values())
        {
            if (builder.channel == null || filter.channelText() != null &&
                !builder.channel.toLowerCase(Locale.ROOT).contains(filter.channelText().toLowerCase(Locale.ROOT)))
            {
                continue; // no positions: only other counters of the stream (back pressure, tether state)
            }
            builder.subscribers.sort(Comparator.comparingLong(Subscriber::position));
            chains.add(new StreamChain(builder.streamId, builder.sessionId, builder.channel, builder.publisherPosition,
                builder.publisherLimit, builder.senderPosition, builder.senderLimit, builder.receiverHwm,
                builder.receiverPosition, List.copyOf(builder.subscribers)));
        }
        chains.sort(Comparator.comparingInt(StreamChain::streamId).thenComparingInt(StreamChain::sessionId));
        return chains;
    }

    /** {@return the channel a position counter's label names: what follows its stream id} */
    static String channelOf(final String label)
    {
        final int stream = label.indexOf(", stream ");
        final int channel = stream < 0 ? -1 : label.indexOf(", ", stream + 2);
        return channel < 0 ? label : label.substring(channel + 2);
    }

    /** {@return whether the stream goes over UDP: it has a sender or a receiver here} */
    boolean isNetwork()
    {
        return senderPosition >= 0 || receiverHwm >= 0;
    }

    /**
     * Whether the publication is in this driver and near its limit: within {@link #NEAR_LIMIT} bytes, or within an
     * eighth of its window (the limit less the position of the hop it waits for: the sender, or the slowest
     * subscriber), so that a publisher of large messages held back shows as such.
     *
     * @return true if held back.
     */
    boolean publisherHeldBack()
    {
        if (publisherPosition < 0 || publisherLimit < 0)
        {
            return false;
        }
        final long downstream = senderPosition >= 0 ? senderPosition : subscribers.isEmpty() ?
            -1 : subscribers.getFirst().position();
        final long window = downstream >= 0 ? publisherLimit - downstream : 0;
        return publisherLimit - publisherPosition < Math.max(NEAR_LIMIT, window / WINDOW_SHARE);
    }

    /**
     * Which hop stops the publisher, following the chain from the publisher outwards: on IPC the slowest subscriber; on
     * UDP the sender if it has window left, else the receiver side's slowest subscriber when the image is in this
     * driver, else the remote receivers' flow control.
     *
     * @return the hop and why, or null if the publisher is not held back (or not in this driver).
     */
    String limitingHop()
    {
        if (!publisherHeldBack())
        {
            return null;
        }
        if (!isNetwork())
        {
            return subscribers.isEmpty() ? "the publisher's window: no subscriber has read yet" :
                "subscriber " + subscribers.getFirst().registrationId() + " (client " +
                subscribers.getFirst().clientId() +
                    "), the slowest: the publisher may run at most a window ahead of it";
        }
        if (senderPosition >= 0 && senderLimit >= 0 &&
            senderLimit - senderPosition >= NEAR_LIMIT) // room to send a frame or more
        {
            return "the sender: flow control lets it send " + (senderLimit - senderPosition) +
                " more bytes, but it is not " + "keeping up (a busy sender thread, or the socket's send buffer)";
        }
        if (receiverHwm >= 0 && !subscribers.isEmpty())
        {
            return "subscriber " + subscribers.getFirst().registrationId() + " (client " +
                subscribers.getFirst().clientId() +
                "), the slowest: the receiver window advances only as fast as it reads, and flow control holds the sender to it";
        }
        return "the receivers' flow control: the sender has sent all its window allows; run backlog on the receiving " +
            "driver to see which subscriber is behind";
    }

    /** Collects one stream's counters. */
    private static final class Builder
    {
        private final int streamId;
        private final int sessionId;
        private final List<Subscriber> subscribers = new ArrayList<>();
        private String channel;
        private long publisherPosition = -1;
        private long publisherLimit = -1;
        private long senderPosition = -1;
        private long senderLimit = -1;
        private long receiverHwm = -1;
        private long receiverPosition = -1;

        Builder(final int streamId, final int sessionId)
        {
            this.streamId = streamId;
            this.sessionId = sessionId;
        }

        /**
         * Takes the channel from the first position counter's label ({@code ..., stream 3,
         * nano:ipc}); returns the value.
         */
        long named(final CounterRow row, final long value)
        {
            if (channel == null)
            {
                channel = channelOf(row.label());
            }
            return value;
        }
    }
}
