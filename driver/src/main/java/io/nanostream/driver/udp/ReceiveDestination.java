package io.nanostream.driver.udp;

import io.nanostream.driver.status.TransportCounters;

import java.util.function.Consumer;

/**
 * One destination of a subscription with several ({@code control-mode=manual}): its channel and the socket bound to its
 * endpoint. The conductor opens it and closes it; in between the receiver reads it as part of its endpoint.
 */
public final class ReceiveDestination
{
    /** The destination's channel. */
    public final UdpChannel channel;
    final ReceiveSocket socket;

    private ReceiveDestination(final UdpChannel channel, final ReceiveSocket socket)
    {
        this.channel = channel;
        this.socket = socket;
    }

    /**
     * Opens a destination's socket (conductor thread).
     *
     * @param channel   the destination's channel: where to bind.
     * @param batching  JDK channel, or batched native socket.
     * @param transport the transport counters.
     * @param errors    the distinct-error log, for the socket's failures.
     * @return the destination.
     * @throws IllegalArgumentException if the endpoint cannot be bound.
     */
    public static ReceiveDestination open(final UdpChannel channel, final SocketBatching batching,
        final TransportCounters transport, final Consumer<Throwable> errors)
    {
        return new ReceiveDestination(channel, ReceiveSocket.open(channel, batching, transport, errors));
    }

    /** Closes the socket, once the receiver has let go of it (conductor thread). */
    public void close()
    {
        socket.close();
    }

    @Override
    public String toString()
    {
        return "ReceiveDestination{" + channel.endpoint() + "}";
    }
}
