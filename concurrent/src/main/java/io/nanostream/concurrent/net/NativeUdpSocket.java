package io.nanostream.concurrent.net;

import io.nanostream.concurrent.affinity.NativeAccess;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * A non-blocking IPv4 UDP socket made through the FFM {@link java.lang.foreign.Linker}, which sends up to
 * {@link #batchCapacity()} datagrams per {@code sendmmsg} call and receives as many per {@code recvmmsg} call (Linux).
 * Outgoing datagrams are staged as pointers into the caller's memory (zero copy); incoming ones land in the socket's
 * own slots. Nothing is linked unless {@link #unavailableReason()} is null, so with native access disabled the JDK
 * prints no warning. Opened and closed by one thread; used by one thread at a time in between.
 */
public final class NativeUdpSocket implements AutoCloseable
{
    /** {@code EAGAIN}: the socket cannot take or give a datagram now. */
    public static final int EAGAIN = 11;
    /** {@code EIO}: among others, a device that cannot segment a staged message. */
    public static final int EIO = 5;
    /** The most bytes of one segmented message: an IPv4 datagram's limit less its IP and UDP headers. */
    public static final int MAX_SEGMENTED_LENGTH = 65_507;
    /** The most datagrams one segmented message may be cut into (the kernel's {@code UDP_MAX_SEGMENTS}, 64 before 5.x kernels). */
    public static final int MAX_SEGMENTS = 64;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int IPPROTO_IP = 0;
    private static final int IP_MULTICAST_IF = 32;
    private static final int IP_MULTICAST_TTL = 33;
    private static final int IP_ADD_MEMBERSHIP = 35;
    private static final int IP_MULTICAST_ALL = 49;
    private static final int MSG_TRUNC = 0x20;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int SOURCE_CACHE = 8;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment state = arena.allocate(SocketCalls.STATE_LAYOUT);
    private final MemorySegment scratch = arena.allocate(64, 8);
    private final MemorySegment destination = arena.allocate(MessageVector.SOCKADDR_LENGTH, 8);
    private final MessageVector sending;
    private final MessageVector receiving;
    private final MemorySegment slots;
    private final int slotLength;
    private final long[] sourceKeys = new long[SOURCE_CACHE];
    private final InetSocketAddress[] sources = new InetSocketAddress[SOURCE_CACHE];
    private int nextSource;
    private InetSocketAddress lastDestination;
    private int fd = -1;

    private NativeUdpSocket(final int batch, final int slotLength)
    {
        this.sending = new MessageVector(arena, batch);
        this.receiving = new MessageVector(arena, batch);
        this.slotLength = slotLength;
        this.slots = arena.allocate((long)batch * slotLength, 64);
        receiving.nameEachMessage();
        for (int i = 0; i < batch; i++)
        {
            receiving.setBuffer(i, slots.address() + (long)i * slotLength, slotLength);
        }
        java.util.Arrays.fill(sourceKeys, -1);
    }

    /**
     * Why this process cannot make native UDP sockets, or null if it can: native access must be enabled for this
     * module, and the system must be Linux on x86-64 or aarch64 (the message layouts are LP64 Linux).
     *
     * @return the reason and its fix, or null.
     */
    public static String unavailableReason()
    {
        final String noAccess = NativeAccess.whyNot(NativeUdpSocket.class.getModule());
        if (noAccess != null)
        {
            return noAccess;
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"))
        {
            return "sendmmsg/recvmmsg need Linux; this is " + System.getProperty("os.name");
        }
        final String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64"))
        {
            return "the batched socket knows the message layouts of x86-64 and aarch64 only; this is " + arch;
        }
        return SocketCalls.LINK_FAILURE;
    }

    /**
     * Opens a socket.
     *
     * @param batch      datagrams per call, 1 to 1024.
     * @param slotLength bytes of each receive slot (64 KiB takes any datagram; a shorter one is reported truncated).
     * @return the socket.
     * @throws IllegalStateException if native sockets are unavailable or the system refuses one.
     */
    public static NativeUdpSocket open(final int batch, final int slotLength)
    {
        final String reason = unavailableReason();
        if (reason != null)
        {
            throw new IllegalStateException("native UDP sockets are off: " + reason);
        }
        if (batch < 1 || batch > 1024 || slotLength < 0)
        {
            throw new IllegalArgumentException("batch must be 1 to 1024 and the slot length not negative: " + batch + ", " + slotLength);
        }
        final NativeUdpSocket socket = new NativeUdpSocket(batch, slotLength);
        try
        {
            socket.fd = socket.check("socket", (int)SocketCalls.SOCKET.invokeExact(socket.state, MessageVector.AF_INET,
                SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
            socket.setInt(IPPROTO_IP, IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL"); // only the groups this socket joined
        }
        catch (final Throwable ex)
        {
            socket.close();
            throw rethrow(ex);
        }
        return socket;
    }

    /** {@return how many datagrams one call sends or receives} */
    public int batchCapacity()
    {
        return sending.capacity;
    }

    /**
     * Asks for kernel buffers; the kernel may give less.
     *
     * @param sendLength    bytes of the send buffer.
     * @param receiveLength bytes of the receive buffer.
     */
    public void bufferLengths(final int sendLength, final int receiveLength)
    {
        setInt(SOL_SOCKET, SO_SNDBUF, sendLength, "SO_SNDBUF");
        setInt(SOL_SOCKET, SO_RCVBUF, receiveLength, "SO_RCVBUF");
    }

    /** Lets other sockets bind the same address and port (multicast groups). */
    public void reuseAddress()
    {
        setInt(SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
    }

    /**
     * Sets the interface multicast datagrams leave by.
     *
     * @param networkInterface the interface.
     */
    public void multicastInterface(final NetworkInterface networkInterface)
    {
        putMembership(0, networkInterface);
        setOption(IPPROTO_IP, IP_MULTICAST_IF, 12, "IP_MULTICAST_IF " + networkInterface.getName());
    }

    /**
     * Sets the time-to-live of multicast datagrams.
     *
     * @param ttl 0 to 255.
     */
    public void multicastTtl(final int ttl)
    {
        setInt(IPPROTO_IP, IP_MULTICAST_TTL, ttl, "IP_MULTICAST_TTL");
    }

    /**
     * Joins a multicast group on an interface.
     *
     * @param group            the IPv4 group.
     * @param networkInterface the interface.
     */
    public void joinGroup(final InetAddress group, final NetworkInterface networkInterface)
    {
        putMembership(ipv4(group), networkInterface);
        setOption(IPPROTO_IP, IP_ADD_MEMBERSHIP, 12, "IP_ADD_MEMBERSHIP " + group.getHostAddress() + " on " + networkInterface.getName());
    }

    /**
     * Binds the socket.
     *
     * @param address an IPv4 address and port (0 for any port).
     */
    public void bind(final InetSocketAddress address)
    {
        MessageVector.encode(scratch.asSlice(0, MessageVector.SOCKADDR_LENGTH), ipv4(address.getAddress()), address.getPort());
        call("bind to " + address, SocketCalls.BIND, scratch.address());
    }

    /**
     * Connects the socket: staged datagrams go to this address, and the kernel drops datagrams from any other.
     *
     * @param address an IPv4 address and port.
     */
    public void connect(final InetSocketAddress address)
    {
        MessageVector.encode(scratch.asSlice(0, MessageVector.SOCKADDR_LENGTH), ipv4(address.getAddress()), address.getPort());
        call("connect to " + address, SocketCalls.CONNECT, scratch.address());
        sending.nameAllMessages(null);
    }

    /**
     * Sends every staged datagram to this address (an unconnected socket, e.g. to a multicast group).
     *
     * @param address an IPv4 address and port.
     */
    public void sendStagedTo(final InetSocketAddress address)
    {
        MessageVector.encode(destination, ipv4(address.getAddress()), address.getPort());
        sending.nameAllMessages(destination);
    }

    /** {@return the address and port the socket is bound to} */
    public InetSocketAddress localAddress()
    {
        scratch.set(ValueLayout.JAVA_INT, 32, MessageVector.SOCKADDR_LENGTH);
        call("getsockname", SocketCalls.GETSOCKNAME, scratch.address(), scratch.address() + 32);
        return decode(MessageVector.nameKey(scratch, 0));
    }

    /**
     * Stages datagram {@code i} of the next {@link #sendStaged} call: {@code length} bytes of {@code memory} from
     * {@code offset}. The memory must stay mapped until that call returns.
     *
     * @param i      0 to {@link #batchCapacity()} - 1.
     * @param memory native memory (direct or mapped).
     * @param offset where the datagram starts.
     * @param length its length.
     */
    public void stage(final int i, final MemorySegment memory, final long offset, final int length)
    {
        stage(i, memory, offset, length, 0);
    }

    /**
     * Stages message {@code i} as {@link #stage(int, MemorySegment, long, int)} does, for the kernel to cut into
     * datagrams of {@code segmentLength} bytes each (the last may be shorter): UDP segmentation offload
     * ({@code UDP_SEGMENT}), one trip through the network stack for them all. See {@link #segmentsDatagrams()}.
     *
     * @param i             0 to {@link #batchCapacity()} - 1.
     * @param memory        native memory (direct or mapped).
     * @param offset        where the first datagram starts.
     * @param length        the bytes of all its datagrams, at most {@link #MAX_SEGMENTED_LENGTH}.
     * @param segmentLength each datagram's length, or 0 to send the bytes as one datagram.
     */
    public void stage(final int i, final MemorySegment memory, final long offset, final int length, final int segmentLength)
    {
        Objects.checkFromIndexSize(offset, length, memory.byteSize());
        Objects.checkIndex(i, sending.capacity);
        if (segmentLength < 0 || segmentLength > 0 && (length > MAX_SEGMENTED_LENGTH || length > segmentLength * MAX_SEGMENTS))
        {
            throw new IllegalArgumentException("cannot cut " + length + " bytes into datagrams of " + segmentLength);
        }
        sending.setBuffer(i, memory.address() + offset, length);
        sending.setSegmentLength(i, length > segmentLength ? segmentLength : 0);
    }

    /**
     * Whether this kernel cuts staged messages into datagrams ({@code UDP_SEGMENT}, Linux 4.18 and later), probed
     * once per socket. A device that cannot (no checksum offload) makes the send fail with {@code EIO}.
     *
     * @return true if it does.
     */
    public boolean segmentsDatagrams()
    {
        scratch.set(ValueLayout.JAVA_INT, 0, 0);
        try
        {
            return (int)SocketCalls.SETSOCKOPT.invokeExact(state, fd, MessageVector.SOL_UDP, MessageVector.UDP_SEGMENT, scratch.address(), 4) == 0;
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    /**
     * Asks the kernel to hand over datagrams of one flow that arrive together as one message ({@code UDP_GRO}, Linux 5.0
     * and later): {@link #segmentLength(int)} then says how to cut it.
     *
     * @return true if the kernel agreed.
     */
    public boolean coalesceDatagrams()
    {
        scratch.set(ValueLayout.JAVA_INT, 0, 1);
        try
        {
            return (int)SocketCalls.SETSOCKOPT.invokeExact(state, fd, MessageVector.SOL_UDP, MessageVector.UDP_GRO, scratch.address(), 4) == 0;
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    /**
     * {@return the length of each datagram in the {@code i}-th message of the last {@link #receive}, if the kernel
     * coalesced several (the last may be shorter), or 0 if the message is one datagram}
     *
     * @param i its index.
     */
    public int segmentLength(final int i)
    {
        return receiving.receivedSegmentLength(i);
    }

    /**
     * Sends the first {@code count} staged datagrams, in order, with one {@code sendmmsg} call.
     *
     * @param count datagrams, 1 to {@link #batchCapacity()}.
     * @return how many the kernel took (0 if its buffer is full: try again), or minus the errno of a failure.
     */
    public int sendStaged(final int count)
    {
        Objects.checkFromIndexSize(0, count, sending.capacity);
        try
        {
            final int sent = (int)SocketCalls.SENDMMSG.invokeExact(state, fd, sending.headers.address(), count, MSG_DONTWAIT);
            return sent >= 0 ? sent : errnoResult();
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    /**
     * Sends one datagram to an address, e.g. a status message to a sender.
     *
     * @param memory      native memory.
     * @param offset      where the datagram starts.
     * @param length      its length.
     * @param address     an IPv4 address and port.
     * @return 1 if sent, 0 if the kernel buffer is full, or minus the errno of a failure.
     */
    public int sendTo(final MemorySegment memory, final long offset, final int length, final InetSocketAddress address)
    {
        Objects.checkFromIndexSize(offset, length, memory.byteSize());
        if (address != lastDestination)
        {
            MessageVector.encode(scratch.asSlice(0, MessageVector.SOCKADDR_LENGTH), ipv4(address.getAddress()), address.getPort());
            lastDestination = address;
        }
        try
        {
            final long sent = (long)SocketCalls.SENDTO.invokeExact(state, fd, memory.address() + offset, (long)length, MSG_DONTWAIT,
                scratch.address(), MessageVector.SOCKADDR_LENGTH);
            return sent >= 0 ? 1 : errnoResult();
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    /**
     * Receives up to {@link #batchCapacity()} datagrams with one {@code recvmmsg} call into the slots.
     *
     * @return how many arrived (0 if none waits), or minus the errno of a failure.
     */
    public int receive()
    {
        receiving.resetForReceive(receiving.capacity);
        try
        {
            final int received = (int)SocketCalls.RECVMMSG.invokeExact(state, fd, receiving.headers.address(), receiving.capacity,
                MSG_DONTWAIT, 0L);
            return received >= 0 ? received : errnoResult();
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    /**
     * Receives one datagram into the caller's memory; its sender is not reported.
     *
     * @param memory native memory, as long as the largest datagram expected.
     * @return its length (0 if none waits), or minus the errno of a failure; a longer datagram is cut to the memory's length.
     */
    public int receiveInto(final MemorySegment memory)
    {
        try
        {
            final long received = (long)SocketCalls.RECV.invokeExact(state, fd, memory.address(), memory.byteSize(), MSG_DONTWAIT);
            return received >= 0 ? (int)received : errnoResult();
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    /**
     * Slot {@code i}, where the {@code i}-th datagram of a {@link #receive} call lands.
     *
     * @param i 0 to {@link #batchCapacity()} - 1.
     * @return the slot's memory.
     */
    public MemorySegment slot(final int i)
    {
        return slots.asSlice((long)i * slotLength, slotLength);
    }

    /**
     * {@return the length of the {@code i}-th datagram of the last {@link #receive}, or -1 if it was cut to the slot}
     *
     * @param i its index.
     */
    public int length(final int i)
    {
        return (receiving.flags(i) & MSG_TRUNC) != 0 ? -1 : receiving.messageLength(i);
    }

    /**
     * {@return the sender of the {@code i}-th datagram of the last {@link #receive}; the same object for a recent sender}
     *
     * @param i its index.
     */
    public InetSocketAddress source(final int i)
    {
        final long key = receiving.nameKey(i);
        for (int j = 0; j < SOURCE_CACHE; j++)
        {
            if (sourceKeys[j] == key)
            {
                return sources[j];
            }
        }
        final InetSocketAddress source = decode(key);
        sourceKeys[nextSource] = key;
        sources[nextSource] = source;
        nextSource = (nextSource + 1) % SOURCE_CACHE;
        return source;
    }

    /** Closes the descriptor and frees the native memory; the socket must no longer be in use. */
    @Override
    public void close()
    {
        if (fd >= 0)
        {
            try
            {
                final int ignored = (int)SocketCalls.CLOSE.invokeExact(state, fd);
            }
            catch (final Throwable ex)
            {
                // close(2) fails only on a bad descriptor: nothing to recover
            }
            fd = -1;
        }
        arena.close();
    }

    private void setInt(final int level, final int name, final int value, final String what)
    {
        scratch.set(ValueLayout.JAVA_INT, 0, value);
        setOption(level, name, 4, what);
    }

    private void setOption(final int level, final int name, final int length, final String what)
    {
        try
        {
            check("setsockopt(" + what + ")", (int)SocketCalls.SETSOCKOPT.invokeExact(state, fd, level, name, scratch.address(), length));
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    /** Writes a {@code struct ip_mreqn} (group, no local address, interface index) to the scratch memory. */
    private void putMembership(final int group, final NetworkInterface networkInterface)
    {
        scratch.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 0, group);
        scratch.set(ValueLayout.JAVA_INT, 4, 0);
        scratch.set(ValueLayout.JAVA_INT, 8, networkInterface.getIndex());
    }

    private void call(final String what, final java.lang.invoke.MethodHandle handle, final long address)
    {
        try
        {
            check(what, (int)handle.invokeExact(state, fd, address, MessageVector.SOCKADDR_LENGTH));
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    private void call(final String what, final java.lang.invoke.MethodHandle handle, final long address, final long lengthAddress)
    {
        try
        {
            check(what, (int)handle.invokeExact(state, fd, address, lengthAddress));
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    private int check(final String what, final int result)
    {
        if (result < 0)
        {
            final int errno = SocketCalls.errno(state);
            throw new IllegalStateException(what + " failed: " + Errno.describe(errno));
        }
        return result;
    }

    private int errnoResult()
    {
        final int errno = SocketCalls.errno(state);
        return errno == EAGAIN ? 0 : -errno;
    }

    private static int ipv4(final InetAddress address)
    {
        if (!(address instanceof Inet4Address))
        {
            throw new IllegalArgumentException(address + " is not an IPv4 address; native UDP sockets are IPv4 only");
        }
        final byte[] bytes = address.getAddress();
        return (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF;
    }

    private static InetSocketAddress decode(final long key)
    {
        if (key < 0)
        {
            return null;
        }
        final int address = (int)(key >>> 16);
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte)(address >>> 24), (byte)(address >>> 16),
                (byte)(address >>> 8), (byte)address}), (int)(key & 0xFFFF));
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex); // four bytes are always an IPv4 address
        }
    }

    private static RuntimeException rethrow(final Throwable ex)
    {
        if (ex instanceof RuntimeException runtime)
        {
            return runtime;
        }
        if (ex instanceof Error error)
        {
            throw error;
        }
        return new IllegalStateException(ex);
    }
}
