package io.nanostream.natives.net;

import io.nanostream.natives.affinity.NativeAccess;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
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
    /**
     * {@code EINVAL}: among others, a segmented message whose datagrams the route's MTU cannot carry (older kernels).
     */
    public static final int EINVAL = 22;
    /** {@code EMSGSIZE}: a datagram, or a segment of a staged message, longer than the route allows. */
    public static final int EMSGSIZE = 90;
    /** The most bytes of one segmented message: an IPv4 datagram's limit less its IP and UDP headers. */
    public static final int MAX_SEGMENTED_LENGTH = 65_507;
    /**
     * The most datagrams one segmented message may be cut into (the kernel's {@code
     * UDP_MAX_SEGMENTS}, 64 before 5.x kernels).
     */
    public static final int MAX_SEGMENTS = 64;
    private static final int MSG_DONTWAIT = 0x40;

    private final SocketHandle handle = new SocketHandle();
    private final UdpSocketOptions options = new UdpSocketOptions(handle);
    private final MemorySegment scratch = handle.scratch;
    private final MemorySegment destination = handle.arena.allocate(MessageVector.SOCKADDR_LENGTH, 8);
    /** The address of the last {@link #sendTo}, encoded once per new destination. */
    private final MemorySegment sendToAddress = handle.arena.allocate(MessageVector.SOCKADDR_LENGTH, 8);
    private final MessageVector sending;
    private final ReceivedDatagrams received;
    private InetSocketAddress lastDestination;
    /** This thread's errno, and the thread it belongs to: the data calls' errno is read here after a failure. */
    private MemorySegment errno;
    private Thread errnoThread;
    /** The descriptor, copied from the handle once open. */
    private int fd = -1;

    private NativeUdpSocket(final int batch, final int slotLength)
    {
        this.sending = new MessageVector(handle.arena, batch);
        this.received = new ReceivedDatagrams(handle.arena, batch, slotLength);
    }

    /**
     * Why this process cannot make native UDP sockets, or null if it can: native access must be enabled for this
     * module, and the system must be Linux on x86-64 or aarch64 (the message layouts are LP64 Linux).
     *
     * @return the reason and its fix, or null.
     */
    public static String unavailableReason()
    {
        final String notHere = NativeAccess.whyNotOnLinux(NativeUdpSocket.class.getModule(), "sendmmsg/recvmmsg need");
        if (notHere != null)
        {
            return notHere;
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
            throw new IllegalArgumentException("batch must be 1 to 1024 and the slot length not negative: " + batch +
                ", " + slotLength);
        }
        final NativeUdpSocket socket = new NativeUdpSocket(batch, slotLength);
        try
        {
            socket.handle.open();
            socket.fd = socket.handle.fd;
            socket.options.ownGroupsOnly();
        }
        catch (final RuntimeException ex)
        {
            socket.close();
            throw ex;
        }
        return socket;
    }

    /** {@return how many datagrams one call sends or receives} */
    public int batchCapacity()
    {
        return sending.capacity;
    }

    /** {@return what the last {@link #receive} brought} */
    public ReceivedDatagrams received()
    {
        return received;
    }

    /** {@return the socket's options, to set before use} */
    public UdpSocketOptions options()
    {
        return options;
    }

    /**
     * Binds the socket.
     *
     * @param address an IPv4 address and port (0 for any port).
     */
    public void bind(final InetSocketAddress address)
    {
        MessageVector.encode(scratch.asSlice(0, MessageVector.SOCKADDR_LENGTH), SocketHandle.ipv4(address.getAddress()),
            address.getPort());
        handle.callWithAddress("bind to " + address, SocketCalls.BIND);
    }

    /**
     * Connects the socket: staged datagrams go to this address, and the kernel drops datagrams from any other.
     *
     * @param address an IPv4 address and port.
     */
    public void connect(final InetSocketAddress address)
    {
        MessageVector.encode(scratch.asSlice(0, MessageVector.SOCKADDR_LENGTH), SocketHandle.ipv4(address.getAddress()),
            address.getPort());
        handle.callWithAddress("connect to " + address, SocketCalls.CONNECT);
        sending.nameAllMessages(null);
    }

    /**
     * Sends every staged datagram to this address (an unconnected socket, e.g. to a multicast group).
     *
     * @param address an IPv4 address and port.
     */
    public void sendStagedTo(final InetSocketAddress address)
    {
        MessageVector.encode(destination, SocketHandle.ipv4(address.getAddress()), address.getPort());
        sending.nameAllMessages(destination);
    }

    /** {@return the address and port the socket is bound to} */
    public InetSocketAddress localAddress()
    {
        return handle.localAddress();
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
     * ({@code UDP_SEGMENT}), one trip through the network stack for them all. See {@link
     * UdpSocketOptions#segmentsDatagrams()}.
     *
     * @param i             0 to {@link #batchCapacity()} - 1.
     * @param memory        native memory (direct or mapped).
     * @param offset        where the first datagram starts.
     * @param length        the bytes of all its datagrams, at most {@link #MAX_SEGMENTED_LENGTH}.
     * @param segmentLength each datagram's length, or 0 to send the bytes as one datagram.
     */
    public void stage(final int i, final MemorySegment memory, final long offset, final int length,
        final int segmentLength)
    {
        Objects.checkFromIndexSize(offset, length, memory.byteSize());
        Objects.checkIndex(i, sending.capacity);
        if (segmentLength < 0 || segmentLength > 0 && (length > MAX_SEGMENTED_LENGTH ||
            length > segmentLength * MAX_SEGMENTS))
        {
            throw new IllegalArgumentException("cannot cut " + length + " bytes into datagrams of " + segmentLength);
        }
        sending.setBuffer(i, memory.address() + offset, length);
        sending.setSegmentLength(i, length > segmentLength ? segmentLength : 0);
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
            final int sent = (int)SocketCalls.SENDMMSG.invokeExact(fd, sending.headers.address(), count, MSG_DONTWAIT);
            if (sent >= 0)
            {
                return sent;
            }
            // failed: the errno decides between trying later and giving up on a message, so ask again with it captured
            final int again = (int)SocketCalls.SENDMMSG_CAPTURING.invokeExact(handle.state, fd,
                sending.headers.address(), count, MSG_DONTWAIT);
            if (again >= 0)
            {
                return again;
            }
            final int errno = SocketCalls.errno(handle.state);
            return errno == EAGAIN ? 0 : -errno;
        }
        catch (final Throwable ex)
        {
            throw SocketHandle.rethrow(ex);
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
            MessageVector.encode(sendToAddress, SocketHandle.ipv4(address.getAddress()), address.getPort());
            lastDestination = address;
        }
        try
        {
            lookUpErrno(); // before the call: nothing may run between a failure and the read of errno
            final long sent = (long)SocketCalls.SENDTO.invokeExact(fd, memory.address() + offset, (long)length,
            MSG_DONTWAIT,
                sendToAddress.address(), MessageVector.SOCKADDR_LENGTH);
            return sent >= 0 ? 1 : errnoResult();
        }
        catch (final Throwable ex)
        {
            throw SocketHandle.rethrow(ex);
        }
    }

    /**
     * Receives up to {@link #batchCapacity()} datagrams with one {@code recvmmsg} call into
     * the slots of {@link #received()}.
     *
     * @return how many arrived (0 if none waits), or minus the errno of a failure.
     */
    public int receive()
    {
        return receive(received.capacity());
    }

    /**
     * Receives up to {@code max} datagrams with one {@code recvmmsg} call into the first slots of {@link #received()}.
     *
     * @param max 1 to {@link #batchCapacity()}.
     * @return how many arrived (0 if none waits), or minus the errno of a failure.
     */
    public int receive(final int max)
    {
        Objects.checkFromIndexSize(0, max, received.capacity());
        final long headers = received.prepare(max);
        try
        {
            lookUpErrno(); // before the call: nothing may run between a failure and the read of errno
            final int count = (int)SocketCalls.RECVMMSG.invokeExact(fd, headers, max, MSG_DONTWAIT, 0L);
            return count >= 0 ? count : errnoResult();
        }
        catch (final Throwable ex)
        {
            throw SocketHandle.rethrow(ex);
        }
    }

    /**
     * Receives one datagram into the caller's memory; its sender is not reported.
     *
     * @param memory native memory, as long as the largest datagram expected.
     * @return its length (0 if none waits), or minus the errno of a failure; a longer datagram
     * is cut to the memory's length.
     */
    public int receiveInto(final MemorySegment memory)
    {
        try
        {
            lookUpErrno(); // before the call: nothing may run between a failure and the read of errno
            final long received = (long)SocketCalls.RECV.invokeExact(fd, memory.address(), memory.byteSize(),
            MSG_DONTWAIT);
            return received >= 0 ? (int)received : errnoResult();
        }
        catch (final Throwable ex)
        {
            throw SocketHandle.rethrow(ex);
        }
    }

    /**
     * Finds where this thread's errno lives, once per thread (virtual threads: every
     * time, as their carrier may change).
     */
    private void lookUpErrno() throws Throwable
    {
        final Thread current = Thread.currentThread();
        if (current != errnoThread || current.isVirtual())
        {
            errno = MemorySegment.ofAddress((long)SocketCalls.ERRNO_LOCATION.invokeExact()).reinterpret(Integer.BYTES);
            errnoThread = current;
        }
    }

    /**
     * {@return 0 for {@code EAGAIN} (try again), else minus the errno of the receive or {@code sendto} that just
     * failed, read where the C library keeps it for this thread (see {@link SocketCalls}); for these calls a wrong
     * value only miscounts an error}
     */
    private int errnoResult()
    {
        final int value = errno.get(ValueLayout.JAVA_INT, 0);
        return value == EAGAIN ? 0 : -value;
    }

    /** Closes the descriptor and frees the native memory; the socket must no longer be in use. */
    @Override
    public void close()
    {
        fd = -1;
        handle.close();
    }
}
