package io.nanostream.driver;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How the driver turns a channel's host names into addresses, as Aeron's {@code NameResolver} does: the JDK's name
 * service by default ({@link DriverContext#nameResolver}). The driver calls it on its resolver thread, never on a duty
 * cycle, both when a channel is added and again to follow a name whose address moves ({@link
 * DriverContext#reResolutionInterval}).
 */
@FunctionalInterface
public interface NameResolver
{
    /**
     * Looks a host name up.
     *
     * @param host the name.
     * @return its address now.
     * @throws UnknownHostException if it has none.
     */
    InetAddress resolve(String host) throws UnknownHostException;
}
