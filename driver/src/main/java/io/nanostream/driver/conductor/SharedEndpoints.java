package io.nanostream.driver.conductor;

import io.nanostream.driver.udp.ReceiveChannelEndpoint;
import io.nanostream.driver.udp.UdpChannel;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The receive endpoints UDP subscriptions share, one per channel, counted by subscription. When the last subscription
 * of a channel leaves, its endpoint waits until the receiver thread confirms it has let go ({@link #onReleased}) before
 * its socket closes: closing it at once could pull memory from under a receive in flight. A subscription to the same
 * channel in between takes the open endpoint back. Owned by the conductor thread.
 */
final class SharedEndpoints
{
    private final Function<UdpChannel, ReceiveChannelEndpoint> opener;
    private final Map<String, Shared> open = new HashMap<>();
    private final Map<String, Shared> releasing = new HashMap<>();

    private static final class Shared
    {
        final ReceiveChannelEndpoint endpoint;
        int subscriptions;
        /** Times the last subscription left whose release the receiver has not confirmed yet. */
        int releasesAwaited;

        Shared(final ReceiveChannelEndpoint endpoint)
        {
            this.endpoint = endpoint;
        }
    }

    /**
     * @param opener opens a channel's endpoint and its socket.
     */
    SharedEndpoints(final Function<UdpChannel, ReceiveChannelEndpoint> opener)
    {
        this.opener = opener;
    }

    /**
     * The endpoint for a new subscription: the channel's open one, one waiting to close, or a new one.
     *
     * @param channel the channel.
     * @return the endpoint, counted once more.
     * @throws IllegalArgumentException if the open endpoint checks its datagrams otherwise
     * ({@code crc=}, {@code auth=}).
     */
    ReceiveChannelEndpoint acquire(final UdpChannel channel)
    {
        final Shared existing = open.getOrDefault(channel.canonical(), releasing.get(channel.canonical()));
        if (existing != null && !existing.endpoint.channel.checks().equals(channel.checks()))
        {
            throw new IllegalArgumentException("a subscription on " + channel.endpoint() + " asks for checks " +
                channel.checks().describe() + " where the endpoint's other subscriptions have " +
                existing.endpoint.channel.checks().describe() +
                "; every subscription on one endpoint names the same crc= and auth=");
        }
        Shared shared = open.get(channel.canonical());
        if (shared == null)
        {
            shared = releasing.remove(channel.canonical()); // its last subscription just left: take it back, socket and all
        }
        if (shared == null)
        {
            shared = new Shared(opener.apply(channel));
        }
        open.put(channel.canonical(), shared);
        shared.subscriptions++;
        return shared.endpoint;
    }

    /**
     * A subscription left its endpoint; the last one sends the endpoint to wait for the receiver's release.
     *
     * @param endpoint the endpoint.
     */
    void release(final ReceiveChannelEndpoint endpoint)
    {
        final String channel = endpoint.channel.canonical();
        final Shared shared = open.get(channel);
        if (shared == null || shared.endpoint != endpoint || --shared.subscriptions > 0)
        {
            return;
        }
        open.remove(channel);
        releasing.put(channel, shared);
        shared.releasesAwaited++;
    }

    /**
     * The receiver has let go of an endpoint: closes its socket, unless a subscription took the endpoint back.
     *
     * @param endpoint the endpoint.
     */
    void onReleased(final ReceiveChannelEndpoint endpoint)
    {
        final String channel = endpoint.channel.canonical();
        final Shared taken = open.get(channel);
        final Shared waiting = releasing.get(channel);
        final Shared shared = taken != null && taken.endpoint == endpoint ? taken : waiting != null &&
            waiting.endpoint == endpoint ? waiting : null;
        if (shared == null)
        {
            return;
        }
        shared.releasesAwaited--;
        if (shared == waiting &&
            shared.releasesAwaited == 0) // the receiver has processed every removal: no poll can be in flight
        {
            releasing.remove(channel);
            endpoint.close();
        }
    }

    /** Closes every endpoint's socket (driver shutdown, after the receiver stopped). */
    void closeAll()
    {
        open.values().forEach(shared -> shared.endpoint.close());
        releasing.values().forEach(shared -> shared.endpoint.close());
    }
}
