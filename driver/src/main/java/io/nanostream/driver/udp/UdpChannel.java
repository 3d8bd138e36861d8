package io.nanostream.driver.udp;

import io.nanostream.client.ChannelUri;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * A {@code udp} channel resolved: the endpoint (a unicast address, or a multicast group), the interface
 * to use, the TTL, a canonical key under which equal channels share a socket, the checks its datagrams carry, and its
 * control address and multi-destination-cast mode.
 *
 * <p>On a multi-destination-cast publication ({@code control-mode=}) there is no endpoint: {@link #endpoint} is then
 * the local address its socket binds, the control address or an ephemeral port, and the destinations come from status
 * messages (dynamic) or from the application (manual).
 *
 * @param endpoint    the data endpoint; on a multi-destination-cast publication, the address its socket binds.
 * @param iface       the local address to bind or to send multicast from, or null for the default.
 * @param ttl         the multicast TTL, 0 for the system default.
 * @param canonical   a key naming the endpoint and interface.
 * @param checks      what its datagrams carry to be checked ({@code crc=}, {@code auth=}).
 * @param control     {@code control=}: where a publication's socket binds, or where a subscription asks a
 *                    multi-destination-cast publication for data; null if not given.
 * @param controlMode {@code control-mode=}.
 * @param buffers     the socket buffer lengths asked of the kernel ({@code so-sndbuf=}, {@code so-rcvbuf=}).
 */
public record UdpChannel(
    InetSocketAddress endpoint, InetAddress iface, int ttl, String canonical, DatagramChecks checks,
    InetSocketAddress control, ControlMode controlMode, SocketBuffers buffers)
{
    /**
     * The socket buffer lengths a channel asks of the kernel, which may give less (Linux: up
     * to {@code net.core.wmem_max} and
     * {@code net.core.rmem_max}).
     *
     * @param send    {@code so-sndbuf=}, in bytes.
     * @param receive {@code so-rcvbuf=}, in bytes.
     */
    public record SocketBuffers(int send, int receive)
    {
        /** What a channel asks for when it names neither: 2 MB each way. */
        public static final SocketBuffers DEFAULT = new SocketBuffers(2 * 1024 * 1024, 2 * 1024 * 1024);
    }

    /** A channel's {@code control-mode=}: how a publication finds its destinations. */
    public enum ControlMode
    {
        /** Not multi-destination-cast: it sends to its endpoint. */
        NONE,
        /** Receivers join by sending status messages to the control address, and leave by falling silent. */
        DYNAMIC,
        /** The application adds and removes destinations. */
        MANUAL
    }

    /**
     * A channel whose datagrams carry no checks.
     *
     * @param endpoint  the data endpoint.
     * @param iface     the local address, or null.
     * @param ttl       the multicast TTL, 0 for the default.
     * @param canonical a key naming the endpoint and interface.
     */
    public UdpChannel(final InetSocketAddress endpoint, final InetAddress iface, final int ttl, final String canonical)
    {
        this(endpoint, iface, ttl, canonical, DatagramChecks.NONE, null, ControlMode.NONE, SocketBuffers.DEFAULT);
    }

    /**
     * The same channel under another canonical key: a subscription with several
     * destinations has an endpoint of its own.
     *
     * @param key the key.
     * @return the channel.
     */
    public UdpChannel withCanonical(final String key)
    {
        return new UdpChannel(endpoint, iface, ttl, key, checks, control, controlMode, buffers);
    }

    /**
     * Whether it is a multi-destination-cast publication's channel.
     *
     * @return true with {@code control-mode=dynamic} or {@code manual}.
     */
    public boolean isMultiDestination()
    {
        return controlMode != ControlMode.NONE;
    }

    /**
     * Resolves a channel, asking the name service directly (tests, tools; the driver uses {@link
     * #of(ChannelUri, HostResolver)}).
     *
     * @param uri a parsed {@code udp} channel.
     * @return the resolved channel.
     * @throws IllegalArgumentException naming the parameter at fault and how to fix it.
     */
    public static UdpChannel of(final ChannelUri uri)
    {
        return of(uri, null);
    }

    /**
     * Resolves a channel, looking host names up through a resolver that bounds the wait.
     *
     * @param uri      a parsed {@code udp} channel.
     * @param resolver looks host names up; null to ask the name service directly.
     * @return the resolved channel.
     * @throws IllegalArgumentException naming the parameter at fault and how to fix it.
     * @throws IllegalStateException    if a host name is still being looked up: retry.
     */
    public static UdpChannel of(final ChannelUri uri, final HostResolver resolver)
    {
        final String modeText = uri.get(ChannelUri.CONTROL_MODE);
        final ControlMode mode = modeText == null ? ControlMode.NONE :
            modeText.equals(ChannelUri.CONTROL_MODE_DYNAMIC) ? ControlMode.DYNAMIC : ControlMode.MANUAL;
        final String controlText = uri.get(ChannelUri.CONTROL);
        final InetSocketAddress control = controlText == null ? null : address(uri, ChannelUri.CONTROL, controlText,
            resolver);
        final String endpointText = uri.get(ChannelUri.ENDPOINT);
        if (endpointText == null && mode == ControlMode.NONE)
        {
            throw new IllegalArgumentException("channel " + uri +
                " needs endpoint=host:port, or control-mode= for multi-destination-cast");
        }
        InetAddress iface = null;
        final String ifaceText = uri.get("interface");
        if (ifaceText != null)
        {
            final String host = ifaceText.contains(":") ?
                ifaceText.substring(0, ifaceText.lastIndexOf(':')) : ifaceText;
            try
            {
                iface = lookUp(host.replaceAll("/\\d+$", ""), resolver);
            }
            catch (final UnknownHostException ex)
            {
                throw new IllegalArgumentException("channel " + uri + ": interface " + ifaceText +
                    " is not an address of this host; " + "use an address such as 127.0.0.1", ex);
            }
        }
        int ttl = 0;
        final String ttlText = uri.get("ttl");
        if (ttlText != null)
        {
            try
            {
                ttl = Integer.parseInt(ttlText);
            }
            catch (final NumberFormatException ex)
            {
                ttl = -1;
            }
            if (ttl < 0 || ttl > 255)
            {
                throw new IllegalArgumentException("channel " + uri + ": ttl=" + ttlText +
                    " must be a number from 0 to 255");
            }
        }
        final InetSocketAddress endpoint = endpointText != null ? address(uri, ChannelUri.ENDPOINT, endpointText,
            resolver) : control != null ? control : new InetSocketAddress(iface != null ? iface : ANY_IPV4, 0);
        if (control != null && control.getAddress().isMulticastAddress())
        {
            throw new IllegalArgumentException("channel " + uri + ": control=" + controlText +
                " is a multicast group; give a unicast " + "address of the publisher's host");
        }
        if (endpoint.getAddress().isMulticastAddress() &&
            (endpoint.getAddress().getAddress()[endpoint.getAddress().getAddress().length - 1] & 1) == 0)
        {
            throw new IllegalArgumentException("channel " + uri + ": multicast group " + endpoint.getAddress().getHostAddress() +
                " must be odd, as Aeron's are: the next address is its control group, where receivers send status messages and NAKs; " +
                "e.g. 224.0.1.7 (control 224.0.1.8)");
        }
        final String canonical = "udp-" + (mode == ControlMode.NONE ? "" : "mdc-" + modeText + "-") +
            endpoint.getAddress().getHostAddress() + ":" + endpoint.getPort() + (iface == null ? "" : "-" +
            iface.getHostAddress()) + (control == null || mode != ControlMode.NONE ? "" : "-control-" +
            control.getAddress().getHostAddress() + ":" + control.getPort());
        final SocketBuffers buffers = new SocketBuffers(
            (int)uri.size(ChannelUri.SOCKET_SEND_BUFFER, SocketBuffers.DEFAULT.send()),
            (int)uri.size(ChannelUri.SOCKET_RECEIVE_BUFFER, SocketBuffers.DEFAULT.receive()));
        return new UdpChannel(endpoint, iface, ttl, canonical, DatagramChecks.of(uri), control, mode, buffers);
    }

    /**
     * Whether the endpoint is a multicast group.
     *
     * @return true for 224.0.0.0/4 and ff00::/8.
     */
    public boolean isMulticast()
    {
        return endpoint.getAddress().isMulticastAddress();
    }

    /**
     * A multicast channel's control group: the data group's address plus one, on the same port, where receivers send
     * their status messages and NAKs and the sender listens, as in Aeron.
     *
     * @return the control address.
     */
    public InetSocketAddress controlEndpoint()
    {
        final byte[] address = endpoint.getAddress().getAddress();
        address[address.length - 1]++;
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(address), endpoint.getPort());
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("an address of " + address.length + " bytes is always valid", ex);
        }
    }

    /**
     * The network interface for multicast: the one holding {@link #iface}, else the loopback's.
     *
     * @return the interface.
     */
    public NetworkInterface multicastInterface()
    {
        try
        {
            final NetworkInterface found = iface != null ? NetworkInterface.getByInetAddress(iface)
                : NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            if (found == null)
            {
                throw new IllegalArgumentException("no network interface holds " + iface +
                    "; name one with interface=address");
            }
            return found;
        }
        catch (final SocketException ex)
        {
            throw new IllegalArgumentException("cannot list network interfaces: " + ex.getMessage(), ex);
        }
    }

    private static final InetAddress ANY_IPV4 = new InetSocketAddress("0.0.0.0", 0).getAddress();

    private static InetAddress lookUp(final String host, final HostResolver resolver) throws UnknownHostException
    {
        return resolver == null ? InetAddress.getByName(host) : resolver.resolve(host);
    }

    /**
     * Resolves a destination of a manual multi-destination-cast publication: a channel naming only {@code endpoint=}.
     *
     * @param uri      the destination's channel, e.g. {@code nano:udp?endpoint=10.0.0.7:40123}.
     * @param resolver looks host names up; null to ask the name service directly.
     * @return its address.
     * @throws IllegalArgumentException if it names anything else, or no valid endpoint.
     */
    public static InetSocketAddress destination(final ChannelUri uri, final HostResolver resolver)
    {
        final String endpoint = uri.get(ChannelUri.ENDPOINT);
        if (uri.isIpc() || endpoint == null || uri.params().size() != 1)
        {
            throw new IllegalArgumentException("destination " + uri +
                " must name only endpoint=host:port, e.g. nano:udp?endpoint=10.0.0.7:40123");
        }
        final InetSocketAddress address = address(uri, ChannelUri.ENDPOINT, endpoint, resolver);
        if (address.getAddress().isMulticastAddress())
        {
            throw new IllegalArgumentException("destination " + uri +
                " is a multicast group; destinations are unicast receivers");
        }
        return address;
    }

    private static InetSocketAddress address(final ChannelUri uri, final String key, final String text,
        final HostResolver resolver)
    {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1)
        {
            throw new IllegalArgumentException("channel " + uri + ": " + key + "=" + text +
                " needs host:port, e.g. localhost:40123");
        }
        final String host = text.startsWith("[") ? text.substring(1, colon - 1) : text.substring(0, colon);
        final int port;
        try
        {
            port = Integer.parseInt(text.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("channel " + uri + ": " + key + " port '" + text.substring(colon + 1) +
                "' is not a number", ex);
        }
        if (port <= 0 || port > 65535)
        {
            throw new IllegalArgumentException("channel " + uri + ": " + key + " port " + port +
                " must be from 1 to 65535");
        }
        try
        {
            return new InetSocketAddress(lookUp(host, resolver), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("channel " + uri + ": " + key + " host '" + host +
                "' cannot be resolved", ex);
        }
    }
}
