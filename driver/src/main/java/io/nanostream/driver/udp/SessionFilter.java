package io.nanostream.driver.udp;

import io.nanostream.client.ChannelUri;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sessions a UDP subscription hears: those whose SETUP comes from one of the {@code source=} addresses or
 * networks (any source without it), and with {@code session-id=} that session only. The receiver checks it when a
 * session is first seen; an image is made only for a session some subscription of its stream accepts, and linked only
 * to those that accept it. Immutable.
 *
 * @param networks  the accepted networks, empty for any source.
 * @param sessionId the accepted session, if {@code anySession} is false.
 * @param anySession whether every session is accepted.
 */
public record SessionFilter(List<Network> networks, int sessionId, boolean anySession)
{
    /** Accepts every session from every source. */
    public static final SessionFilter ANY = new SessionFilter(List.of(), 0, true);

    /** The {@code source=} parameter: addresses or networks, comma-separated, e.g. {@code 10.0.0.5,192.168.1.0/24}. */
    public static final String SOURCE = "source";

    /**
     * An address and how many of its leading bits a source must share with it.
     *
     * @param address      the network's address.
     * @param prefixLength its prefix length, up to the address's bits.
     */
    public record Network(InetAddress address, int prefixLength)
    {
        boolean contains(final InetAddress candidate)
        {
            final byte[] network = address.getAddress();
            final byte[] bytes = candidate.getAddress();
            if (bytes.length != network.length)
            {
                return false;
            }
            final int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++)
            {
                if (bytes[i] != network[i])
                {
                    return false;
                }
            }
            final int rest = prefixLength % 8;
            final int mask = (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (bytes[whole] & mask) == (network[whole] & mask);
        }
    }

    /**
     * Reads a subscription channel's {@code source=} and {@code session-id=}.
     *
     * @param uri      the channel.
     * @param resolver looks host names up; null to ask the name service directly.
     * @return the filter.
     * @throws IllegalArgumentException naming the parameter at fault and a valid form.
     */
    public static SessionFilter of(final ChannelUri uri, final HostResolver resolver)
    {
        final String sessionText = uri.get(ChannelUri.SESSION_ID);
        final String sourceText = uri.get(SOURCE);
        if (sessionText == null && sourceText == null)
        {
            return ANY;
        }
        int sessionId = 0;
        if (sessionText != null)
        {
            try
            {
                sessionId = Integer.parseInt(sessionText.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("channel " + uri + ": session-id=" + sessionText +
                    " is not a 32-bit integer", ex);
            }
        }
        final List<Network> networks = new ArrayList<>();
        if (sourceText != null)
        {
            for (final String part : sourceText.split(","))
            {
                networks.add(network(uri, part.trim(), resolver));
            }
        }
        return new SessionFilter(List.copyOf(networks), sessionId, sessionText == null);
    }

    private static Network network(final ChannelUri uri, final String text, final HostResolver resolver)
    {
        final int slash = text.indexOf('/');
        final String host = slash < 0 ? text : text.substring(0, slash);
        final InetAddress address;
        try
        {
            address = resolver == null ? InetAddress.getByName(host) : resolver.resolve(host);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("channel " + uri + ": source=" + text +
                " names no host; give addresses or networks, " + "comma-separated, e.g. source=10.0.0.5,192.168.1.0/24",
                ex);
        }
        final int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0)
        {
            try
            {
                prefix = Integer.parseInt(text.substring(slash + 1));
            }
            catch (final NumberFormatException ex)
            {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits)
            {
                throw new IllegalArgumentException("channel " + uri + ": source=" + text +
                    " has a prefix length that is not from 0 to " + bits + "; e.g. source=192.168.1.0/24");
            }
        }
        return new Network(address, prefix);
    }

    /**
     * Whether a session from a source is heard.
     *
     * @param session the session id.
     * @param source  the address its SETUP came from.
     * @return true if accepted.
     */
    public boolean accepts(final int session, final InetAddress source)
    {
        if (!anySession && session != sessionId)
        {
            return false;
        }
        if (networks.isEmpty())
        {
            return true;
        }
        for (final Network network : networks)
        {
            if (network.contains(source))
            {
                return true;
            }
        }
        return false;
    }
}
