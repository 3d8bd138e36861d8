package io.nanostream.driver.conductor;

import io.nanostream.client.ChannelUri;
import io.nanostream.concurrent.Clock;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.udp.CommandQueue;
import io.nanostream.driver.udp.HostResolver;
import io.nanostream.driver.udp.NetworkPublication;
import io.nanostream.driver.udp.SenderCommand;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Follows UDP publications whose endpoint is a host name to wherever the name points now, as a restarted Kubernetes pod
 * moves: each name is looked up again at an interval, and at once when its receiver stops answering; when the address
 * differs, the sender is told to send there ({@link SenderCommand.ChangeEndpoint}). Lookups run on the resolver's
 * thread; this only starts them and polls them. Owned by the conductor thread.
 */
final class ReResolutions
{
    private static final System.Logger LOGGER = System.getLogger(ReResolutions.class.getName());

    /** One publication whose endpoint is a name. */
    private static final class Watched
    {
        final NetworkPublication publication;
        final String host;
        final int port;
        long dueNanos;
        boolean wasConnected;
        Future<InetAddress> pending;

        Watched(final NetworkPublication publication, final String host, final int port, final long dueNanos)
        {
            this.publication = publication;
            this.host = host;
            this.port = port;
            this.dueNanos = dueNanos;
        }
    }

    private final HostResolver resolver;
    private final Clock clock;
    private final long intervalNanos;
    private final CommandQueue<SenderCommand> sender;
    private final TransportCounters transport;
    private final List<Watched> watched = new ArrayList<>();

    ReResolutions(final HostResolver resolver, final Clock clock, final long intervalNanos,
        final CommandQueue<SenderCommand> sender, final TransportCounters transport)
    {
        this.resolver = resolver;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.sender = sender;
        this.transport = transport;
    }

    /**
     * Follows a new publication's endpoint if it is a host name (not an address, and not multi-destination-cast).
     *
     * @param publication the publication.
     * @param uri         its channel.
     */
    void watch(final NetworkPublication publication, final ChannelUri uri)
    {
        final String endpoint = uri.get(ChannelUri.ENDPOINT);
        if (endpoint == null || publication.channel.isMulticast() ||
            watched.stream().anyMatch(entry -> entry.publication == publication))
        {
            return;
        }
        final int colon = endpoint.lastIndexOf(':');
        final String host = endpoint.substring(0, colon);
        if (HostResolver.isAddress(host) || host.startsWith("["))
        {
            return;
        }
        watched.add(new Watched(publication, host, Integer.parseInt(endpoint.substring(colon + 1)), clock.nanoTime() +
            intervalNanos));
    }

    /**
     * Stops following a publication.
     *
     * @param publication the publication.
     */
    void unwatch(final NetworkPublication publication)
    {
        watched.removeIf(entry -> entry.publication == publication);
    }

    /**
     * Starts the lookups that are due, and acts on those that finished.
     *
     * @return work done.
     */
    int poll()
    {
        if (watched.isEmpty())
        {
            return 0;
        }
        final long nowNanos = clock.nanoTime();
        int work = 0;
        for (int i = 0, n = watched.size(); i < n; i++)
        {
            final Watched entry = watched.get(i);
            if (entry.pending != null)
            {
                if (entry.pending.isDone())
                {
                    onAnswer(entry);
                    entry.pending = null;
                    work++;
                }
                continue;
            }
            final boolean connected = entry.publication.isConnected();
            final boolean lost = entry.wasConnected && !connected; // its receiver stopped answering: look now
            entry.wasConnected = connected;
            if (lost || nowNanos - entry.dueNanos >= 0)
            {
                entry.pending = resolver.lookUpAgain(entry.host); // null while another lookup runs: tried again next cycle
                if (entry.pending != null)
                {
                    entry.dueNanos = nowNanos + intervalNanos;
                    work++;
                }
            }
        }
        return work;
    }

    private void onAnswer(final Watched entry)
    {
        transport.reResolutions.add(1);
        final InetAddress address;
        try
        {
            address = entry.pending.get();
        }
        catch (final ExecutionException ex)
        {
            transport.reResolutionFailures.add(1); // the name is gone for now: keep sending where it pointed, and ask again
            return;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return;
        }
        final InetSocketAddress moved = new InetSocketAddress(address, entry.port);
        final InetSocketAddress current = entry.publication.sendingTo(); // the sender's: a move it could not make is asked again
        if (!moved.equals(current)) // asked again after each lookup until the sender sends there
        {
            LOGGER.log(System.Logger.Level.INFO, "{0} now resolves to {1} (was {2}): {3} sends there", entry.host,
                address.getHostAddress(), current.getAddress().getHostAddress(), entry.publication);
            transport.endpointsMoved.add(1);
            sender.offer(new SenderCommand.ChangeEndpoint(entry.publication, moved));
        }
    }
}
