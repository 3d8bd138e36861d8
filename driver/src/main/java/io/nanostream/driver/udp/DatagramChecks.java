package io.nanostream.driver.udp;

import io.nanostream.client.ChannelUri;
import io.nanostream.driver.auth.AuthKeys;

/**
 * What a UDP channel adds to its datagrams so that the other end can check them, opt-in and between Nano-Stream peers
 * only: {@code crc=crc32c} puts the CRC32C of each data frame's payload in the frame's reserved value (Aeron peers
 * ignore it), and {@code auth=<key name>} signs every datagram, both ways, with a key from the driver's key file
 * ({@link DatagramAuthenticator}). Both ends of a stream must name the same checks. Immutable.
 *
 * @param crc32c  whether data frames carry and are checked against a CRC32C of their payload.
 * @param authKey the name of the key that signs the datagrams, or null for none.
 */
public record DatagramChecks(boolean crc32c, String authKey)
{
    /** No checks: the wire is Aeron's. */
    public static final DatagramChecks NONE = new DatagramChecks(false, null);
    /** The {@code crc=} parameter; its one value is {@code crc32c}. */
    public static final String CRC = "crc";
    /** The {@code auth=} parameter: the name of a key in the driver's key file. */
    public static final String AUTH = "auth";

    /**
     * Reads a channel's {@code crc=} and {@code auth=}.
     *
     * @param uri the channel.
     * @return the checks.
     * @throws IllegalArgumentException naming the parameter at fault and a valid form.
     */
    public static DatagramChecks of(final ChannelUri uri)
    {
        final String crc = uri.get(CRC);
        if (crc != null && !crc.equals("crc32c"))
        {
            throw new IllegalArgumentException("channel " + uri + ": crc=" + crc +
                " is not a checksum this driver knows; use crc=crc32c");
        }
        final String auth = uri.get(AUTH);
        if (auth != null && !AuthKeys.NAME.matcher(auth).matches())
        {
            throw new IllegalArgumentException("channel " + uri + ": auth=" + auth +
                " is not a key name; use letters, digits, '.', '_' " +
                "or '-', up to 64, as in the key file (nanostream.udp.auth.keys), e.g. auth=ops");
        }
        return crc == null && auth == null ? NONE : new DatagramChecks(crc != null, auth);
    }

    /** {@return the checks as channel parameters, e.g. {@code crc=crc32c|auth=ops}, or "none"} */
    public String describe()
    {
        if (!crc32c && authKey == null)
        {
            return "none";
        }
        return (crc32c ? "crc=crc32c" : "") + (crc32c && authKey != null ? "|" : "") + (authKey != null ? "auth=" +
            authKey : "");
    }
}
