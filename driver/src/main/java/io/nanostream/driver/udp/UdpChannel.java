package io.nanostream.driver.udp;

import io.nanostream.client.ChannelUri;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * A {@code udp} channel resolved: the endpoint (a unicast address, or a multicast group), the interface
 * to use, the TTL, a canonical key under which equal channels share a socket, and the checks its datagrams carry.
 *
 * @param endpoint  the data endpoint.
 * @param iface     the local address to bind or to send multicast from, or null for the default.
 * @param ttl       the multicast TTL, 0 for the system default.
 * @param canonical a key naming the endpoint and interface.
 * @param checks    what its datagrams carry to be checked ({@code crc=}, {@code auth=}).
 */
public record UdpChannel(InetSocketAddress endpoint, InetAddress iface, int ttl, String canonical, DatagramChecks checks)
{
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
        this(endpoint, iface, ttl, canonical, DatagramChecks.NONE);
    }

    /**
     * Resolves a channel, asking the name service directly (tests, tools; the driver uses {@link #of(ChannelUri, HostResolver)}).
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
        final String endpointText = uri.get(ChannelUri.ENDPOINT);
        if (endpointText == null)
        {
            throw new IllegalArgumentException("channel " + uri + " needs endpoint=host:port (control-only channels are not supported)");
        }
        final InetSocketAddress endpoint = address(uri, ChannelUri.ENDPOINT, endpointText, resolver);
        InetAddress iface = null;
        final String ifaceText = uri.get("interface");
        if (ifaceText != null)
        {
            final String host = ifaceText.contains(":") ? ifaceText.substring(0, ifaceText.lastIndexOf(':')) : ifaceText;
            try
            {
                iface = lookUp(host.replaceAll("/\\d+$", ""), resolver);
            }
            catch (final UnknownHostException ex)
            {
                throw new IllegalArgumentException("channel " + uri + ": interface " + ifaceText + " is not an address of this host; " +
                    "use an address such as 127.0.0.1", ex);
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
                throw new IllegalArgumentException("channel " + uri + ": ttl=" + ttlText + " must be a number from 0 to 255");
            }
        }
        if (endpoint.getAddress().isMulticastAddress() && (endpoint.getAddress().getAddress()[endpoint.getAddress().getAddress().length - 1] & 1) == 0)
        {
            throw new IllegalArgumentException("channel " + uri + ": multicast group " + endpoint.getAddress().getHostAddress() +
                " must be odd, as Aeron's are: the next address is its control group, where receivers send status messages and NAKs; " +
                "e.g. 224.0.1.7 (control 224.0.1.8)");
        }
        final String canonical = "udp-" + endpoint.getAddress().getHostAddress() + ":" + endpoint.getPort() +
            (iface == null ? "" : "-" + iface.getHostAddress());
        return new UdpChannel(endpoint, iface, ttl, canonical, DatagramChecks.of(uri));
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
                throw new IllegalArgumentException("no network interface holds " + iface + "; name one with interface=address");
            }
            return found;
        }
        catch (final SocketException ex)
        {
            throw new IllegalArgumentException("cannot list network interfaces: " + ex.getMessage(), ex);
        }
    }

    private static InetAddress lookUp(final String host, final HostResolver resolver) throws UnknownHostException
    {
        return resolver == null ? InetAddress.getByName(host) : resolver.resolve(host);
    }

    private static InetSocketAddress address(final ChannelUri uri, final String key, final String text, final HostResolver resolver)
    {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1)
        {
            throw new IllegalArgumentException("channel " + uri + ": " + key + "=" + text + " needs host:port, e.g. localhost:40123");
        }
        final String host = text.startsWith("[") ? text.substring(1, colon - 1) : text.substring(0, colon);
        final int port;
        try
        {
            port = Integer.parseInt(text.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("channel " + uri + ": " + key + " port '" + text.substring(colon + 1) + "' is not a number", ex);
        }
        if (port <= 0 || port > 65535)
        {
            throw new IllegalArgumentException("channel " + uri + ": " + key + " port " + port + " must be from 1 to 65535");
        }
        try
        {
            return new InetSocketAddress(lookUp(host, resolver), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("channel " + uri + ": " + key + " host '" + host + "' cannot be resolved", ex);
        }
    }
}
