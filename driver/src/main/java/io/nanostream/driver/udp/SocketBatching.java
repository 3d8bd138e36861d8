package io.nanostream.driver.udp;

/**
 * How a channel's sockets move datagrams, as the driver settled it at launch: {@link #OFF} for JDK channels, one
 * datagram per call; else native sockets with up to {@code datagramsPerCall} messages per {@code sendmmsg}/{@code
 * recvmmsg} and, with {@code offload}, UDP segmentation for the sender (several equal datagrams in one message, cut by
 * the kernel) and coalescing for the receiver, where the kernel has them. Immutable.
 *
 * @param datagramsPerCall messages per system call; 0 for JDK channels.
 * @param offload          whether senders segment (UDP_SEGMENT) and receivers coalesce (UDP_GRO).
 */
public record SocketBatching(int datagramsPerCall, boolean offload)
{
    /** JDK channels, one datagram per call. */
    public static final SocketBatching OFF = new SocketBatching(0, false);

    /** {@return whether native sockets are used (for IPv4 channels)} */
    public boolean isOn()
    {
        return datagramsPerCall > 0;
    }
}
