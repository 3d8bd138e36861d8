package io.nanostream.natives.net;

import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.NetworkInterface;

/**
 * The options of a {@link NativeUdpSocket} ({@link NativeUdpSocket#options()}): kernel buffers, address reuse,
 * multicast, and the UDP offloads. Each is a {@code setsockopt} call; a refusal throws with the errno named, except
 * the offloads, which report whether the kernel has them. Used by the thread that sets the socket up.
 */
public final class UdpSocketOptions
{
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int IPPROTO_IP = 0;
    private static final int IP_MULTICAST_IF = 32;
    private static final int IP_MULTICAST_TTL = 33;
    private static final int IP_ADD_MEMBERSHIP = 35;
    private static final int IP_MULTICAST_ALL = 49;
    /** {@code struct ip_mreqn}: group, local address, interface index. */
    private static final int MREQN_LENGTH = 12;

    private final SocketHandle handle;

    UdpSocketOptions(final SocketHandle handle)
    {
        this.handle = handle;
    }

    /**
     * Receives only from the groups this socket joined, not every group the host joined on its port (Linux's default).
     */
    void ownGroupsOnly()
    {
        handle.setInt(IPPROTO_IP, IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
    }

    /**
     * Asks for kernel buffers; the kernel may give less.
     *
     * @param sendLength    bytes of the send buffer.
     * @param receiveLength bytes of the receive buffer.
     * @return this.
     */
    public UdpSocketOptions bufferLengths(final int sendLength, final int receiveLength)
    {
        handle.setInt(SOL_SOCKET, SO_SNDBUF, sendLength, "SO_SNDBUF");
        handle.setInt(SOL_SOCKET, SO_RCVBUF, receiveLength, "SO_RCVBUF");
        return this;
    }

    /**
     * Lets other sockets bind the same address and port (multicast groups).
     *
     * @return this.
     */
    public UdpSocketOptions reuseAddress()
    {
        handle.setInt(SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
        return this;
    }

    /**
     * Sets the interface multicast datagrams leave by.
     *
     * @param networkInterface the interface.
     * @return this.
     */
    public UdpSocketOptions multicastInterface(final NetworkInterface networkInterface)
    {
        putMembership(0, networkInterface);
        handle.setOption(IPPROTO_IP, IP_MULTICAST_IF, MREQN_LENGTH, "IP_MULTICAST_IF " + networkInterface.getName());
        return this;
    }

    /**
     * Sets the time-to-live of multicast datagrams.
     *
     * @param ttl 0 to 255.
     * @return this.
     */
    public UdpSocketOptions multicastTtl(final int ttl)
    {
        handle.setInt(IPPROTO_IP, IP_MULTICAST_TTL, ttl, "IP_MULTICAST_TTL");
        return this;
    }

    /**
     * Joins a multicast group on an interface.
     *
     * @param group            the IPv4 group.
     * @param networkInterface the interface.
     * @return this.
     */
    public UdpSocketOptions joinGroup(final InetAddress group, final NetworkInterface networkInterface)
    {
        putMembership(SocketHandle.ipv4(group), networkInterface);
        handle.setOption(IPPROTO_IP, IP_ADD_MEMBERSHIP, MREQN_LENGTH, "IP_ADD_MEMBERSHIP " + group.getHostAddress() +
            " on " + networkInterface.getName());
        return this;
    }

    /**
     * Whether this kernel cuts staged messages into datagrams ({@code UDP_SEGMENT}, Linux 4.18 and later; see
     * {@link NativeUdpSocket#stage(int, java.lang.foreign.MemorySegment, long, int, int)}). A device that cannot (no
     * checksum offload) makes the send fail with {@code EIO}.
     *
     * @return true if it does.
     */
    public boolean segmentsDatagrams()
    {
        return handle.trySetInt(MessageVector.SOL_UDP, MessageVector.UDP_SEGMENT, 0);
    }

    /**
     * Asks the kernel to hand over datagrams of one flow that arrive together as one message ({@code UDP_GRO}, Linux
     * 5.0 and later): {@link ReceivedDatagrams#segmentLength(int)} then says how to cut it.
     *
     * @return true if the kernel agreed.
     */
    public boolean coalesceDatagrams()
    {
        return handle.trySetInt(MessageVector.SOL_UDP, MessageVector.UDP_GRO, 1);
    }

    /** Writes a {@code struct ip_mreqn} (group, no local address, interface index) to the scratch memory. */
    private void putMembership(final int group, final NetworkInterface networkInterface)
    {
        handle.scratch.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 0, group);
        handle.scratch.set(ValueLayout.JAVA_INT, 4, 0);
        handle.scratch.set(ValueLayout.JAVA_INT, 8, networkInterface.getIndex());
    }
}
