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
                joinGroup(socket, channel, channel.endpoint());
                socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, channel.multicastInterface()); // status messages and NAKs
                if (channel.ttl() > 0)                                                                 // go to the control group
                {
                    socket.setOption(StandardSocketOptions.IP_MULTICAST_TTL, channel.ttl());
                }
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

    /**
     * Opens a multicast sender's control socket: it joins the channel's control group, where receivers (ours and Aeron's)
     * send status messages and NAKs.
     */
    static DatagramChannel openControlReceiver(final UdpChannel channel)
    {
        final DatagramChannel socket = open(channel);
        try
        {
            joinGroup(socket, channel, channel.controlEndpoint());
            return socket;
        }
        catch (final IOException ex)
        {
            close(socket);
            throw new IllegalArgumentException("cannot receive status messages on the control group " + channel.controlEndpoint() + " (" +
                ex.getMessage() + "); is multicast enabled on the interface?", ex);
        }
    }

    /**
     * Binds to a group's port, sharing it, and joins the group. Bound to the group address where the system allows it
     * (Linux, the BSDs), so that the data group's socket does not also get the control group's datagrams on one host.
     */
    private static void joinGroup(final DatagramChannel socket, final UdpChannel channel, final InetSocketAddress group) throws IOException
    {
        socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        try
        {
            socket.bind(group);
        }
        catch (final IOException ex)
        {
            socket.bind(new InetSocketAddress(group.getPort())); // e.g. Windows: the wildcard, and frames of the other group are dropped
        }
        socket.join(group.getAddress(), channel.multicastInterface());
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
