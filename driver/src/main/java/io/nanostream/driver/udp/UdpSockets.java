package io.nanostream.driver.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/** Opening the non-blocking datagram sockets that the sender and receiver use. */
final class UdpSockets
{
    /** Socket buffer size asked for; the kernel may give less. */
    static final int SOCKET_BUFFER_LENGTH = 2 * 1024 * 1024;

    private UdpSockets()
    {
    }

    static DatagramChannel open(final UdpChannel channel)
    {
        try
        {
            final InetAddress address = channel.endpoint().getAddress();
            final DatagramChannel socket = DatagramChannel.open(
                address instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_LENGTH);
            socket.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_LENGTH);
            return socket;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a UDP socket for " + channel.canonical(), ex);
        }
    }

    /** Opens the sending side: an ephemeral port, connected to a unicast endpoint so replies are filtered by the kernel. */
    static DatagramChannel openSender(final UdpChannel channel)
    {
        final DatagramChannel socket = open(channel);
        try
        {
            socket.bind(new InetSocketAddress(channel.iface(), 0));
            if (channel.isMulticast())
            {
                socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, channel.multicastInterface());
                if (channel.ttl() > 0)
                {
                    socket.setOption(StandardSocketOptions.IP_MULTICAST_TTL, channel.ttl());
                }
            }
            else
            {
                socket.connect(channel.endpoint());
            }
            return socket;
        }
        catch (final IOException ex)
        {
            close(socket);
            throw new UncheckedIOException("cannot set up sending to " + channel.endpoint() + ": " + ex.getMessage(), ex);
        }
    }

    /** Opens the receiving side: bound to the endpoint's port (and group, joined on the interface, for multicast). */
    static DatagramChannel openReceiver(final UdpChannel channel)
    {
        final DatagramChannel socket = open(channel);
        try
        {
            if (channel.isMulticast())
            {
                socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                socket.bind(new InetSocketAddress(channel.endpoint().getPort()));
                socket.join(channel.endpoint().getAddress(), channel.multicastInterface());
            }
            else
            {
                socket.bind(channel.endpoint());
            }
            return socket;
        }
        catch (final IOException ex)
        {
            close(socket);
            throw new IllegalArgumentException("cannot receive on " + channel.endpoint() + " (" + ex.getMessage() +
                "); is another process bound to that port? choose another endpoint port", ex);
        }
    }

    static void close(final DatagramChannel socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignore)
        {
            // closing a datagram socket fails only if it was already broken; nothing to recover
        }
    }
}
