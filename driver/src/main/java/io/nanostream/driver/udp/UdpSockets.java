package io.nanostream.driver.udp;

import io.nanostream.natives.net.NativeUdpSocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Opening the non-blocking datagram sockets that the sender and receiver use: JDK channels, or batched native sockets
 * ({@link NativeUdpSocket}) for IPv4 channels when batching is on.
 */
final class UdpSockets
{
    private static final System.Logger LOGGER = System.getLogger(UdpSockets.class.getName());

    private UdpSockets()
    {
    }

    private static final InetAddress ANY_IPV4 = new InetSocketAddress("0.0.0.0", 0).getAddress();
    /** Bytes of each receive slot of a batched socket: any UDP datagram fits. */
    static final int RECEIVE_SLOT_LENGTH = 64 * 1024;

    /**
     * Whether a channel's sockets are batched.
     *
     * @param channel the channel.
     * @param batching how the driver was told to move datagrams.
     * @return true for batching over IPv4 (native sockets are IPv4 only; IPv6 channels keep the JDK channel), except on
     * a multi-destination-cast publication, whose JDK channel sends each datagram to every destination.
     */
    static boolean batches(final UdpChannel channel, final SocketBatching batching)
    {
        return batching.isOn() && channel.endpoint().getAddress() instanceof java.net.Inet4Address &&
            !channel.isMultiDestination();
    }

    /** The batched twin of {@link #openSender}. */
    static NativeUdpSocket openBatchedSender(final UdpChannel channel, final int batch)
    {
        final NativeUdpSocket socket = NativeUdpSocket.open(batch, 0);
        try
        {
            socket.options().bufferLengths(channel.buffers().send(), channel.buffers().receive());
            socket.bind(channel.control() != null ? channel.control() :
                new InetSocketAddress(channel.iface() instanceof java.net.Inet4Address local ? local : ANY_IPV4, 0));
            if (channel.isMulticast())
            {
                socket.options().multicastInterface(channel.multicastInterface());
                if (channel.ttl() > 0)
                {
                    socket.options().multicastTtl(channel.ttl());
                }
                socket.sendStagedTo(channel.endpoint());
            }
            else
            {
                socket.connect(channel.endpoint());
            }
            return socket;
        }
        catch (final RuntimeException ex)
        {
            socket.close();
            throw new IllegalStateException("cannot set up sending to " + channel.endpoint() + ": " + ex.getMessage(),
                ex);
        }
    }

    /** The batched twin of {@link #openReceiver}. */
    static NativeUdpSocket openBatchedReceiver(final UdpChannel channel, final int batch)
    {
        final NativeUdpSocket socket = NativeUdpSocket.open(batch, RECEIVE_SLOT_LENGTH);
        try
        {
            socket.options().bufferLengths(channel.buffers().send(), channel.buffers().receive());
            if (channel.isMulticast())
            {
                socket.options().reuseAddress();
                socket.bind(channel.endpoint()); // bound to the group, as openReceiver does on Linux
                socket.options().joinGroup(channel.endpoint().getAddress(), channel.multicastInterface());
                socket.options().multicastInterface(channel.multicastInterface()); // status messages and NAKs go to the control group
                if (channel.ttl() > 0)
                {
                    socket.options().multicastTtl(channel.ttl());
                }
            }
            else
            {
                socket.bind(channel.endpoint());
            }
            return socket;
        }
        catch (final RuntimeException ex)
        {
            socket.close();
            throw new IllegalArgumentException("cannot receive on " + channel.endpoint() + " (" + ex.getMessage() +
                "); is another process bound to that port? choose another endpoint port", ex);
        }
    }

    static DatagramChannel open(final UdpChannel channel)
    {
        try
        {
            final InetAddress address = channel.endpoint().getAddress();
            final DatagramChannel socket = DatagramChannel.open(
                address instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.SO_SNDBUF, channel.buffers().send());
            socket.setOption(StandardSocketOptions.SO_RCVBUF, channel.buffers().receive());
            warnIfCapped(channel, "so-sndbuf", channel.buffers().send(),
                socket.getOption(StandardSocketOptions.SO_SNDBUF));
            warnIfCapped(channel, "so-rcvbuf", channel.buffers().receive(),
                socket.getOption(StandardSocketOptions.SO_RCVBUF));
            return socket;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a UDP socket for " + channel.canonical(), ex);
        }
    }

    /**
     * Opens the sending side: an ephemeral port (or the {@code control=} address), connected to a unicast endpoint so
     * replies are filtered by the kernel; a multi-destination-cast publication's stays unconnected, as it sends to each
     * destination and hears from all of them.
     */
    static DatagramChannel openSender(final UdpChannel channel)
    {
        final DatagramChannel socket = open(channel);
        try
        {
            socket.bind(channel.control() != null ? channel.control() : new InetSocketAddress(channel.iface(), 0));
            if (channel.isMultiDestination())
            {
                return socket;
            }
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
            if (channel.control() != null && ex instanceof java.net.BindException)
            {
                throw new IllegalArgumentException("cannot bind the publication's control address " +
                    channel.control() + " (" + ex.getMessage() +
                    "); is another publication or process bound to it? each control=host:port carries one " +
                    "publication: choose another port", ex);
            }
            throw new UncheckedIOException("cannot set up sending to " + channel.endpoint() + ": " + ex.getMessage(),
                ex);
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
                socket.setOption(StandardSocketOptions.IP_MULTICAST_IF,
                    channel.multicastInterface()); // status messages and NAKs
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
     * Opens a multicast sender's control socket: it joins the channel's control group, where receivers (ours and
     * Aeron's) send status messages and NAKs.
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
            throw new IllegalArgumentException("cannot receive status messages on the control group " +
                channel.controlEndpoint() + " (" + ex.getMessage() + "); is multicast enabled on the interface?", ex);
        }
    }

    /**
     * Binds to a group's port, sharing it, and joins the group. Bound to the group address where the system allows it
     * (Linux, the BSDs), so that the data group's socket does not also get the control group's datagrams on one host.
     */
    private static void joinGroup(final DatagramChannel socket, final UdpChannel channel,
        final InetSocketAddress group) throws IOException
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

    /**
     * Linux keeps twice what is asked (its bookkeeping included) and reports that: less than twice means it capped it.
     */
    private static void warnIfCapped(final UdpChannel channel, final String name, final int asked, final int got)
    {
        if (got < 2L * asked)
        {
            LOGGER.log(System.Logger.Level.WARNING,
                "{0}: {1}={2} asked, the kernel gave {3}; raise net.core.{4}_max to get it", channel.canonical(), name,
                asked, got, name.equals("so-sndbuf") ? "wmem" : "rmem");
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
