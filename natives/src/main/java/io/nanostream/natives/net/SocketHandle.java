package io.nanostream.natives.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A socket's descriptor and the native memory its calls use ({@code errno} capture, scratch space for option values
 * and addresses), with the checks that {@link NativeUdpSocket} and {@link UdpSocketOptions} share. Owned as its
 * socket is: opened and closed by one thread, used by one thread at a time in between.
 */
final class SocketHandle
{
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;

    final Arena arena = Arena.ofShared();
    final MemorySegment state = arena.allocate(SocketCalls.STATE_LAYOUT);
    final MemorySegment scratch = arena.allocate(64, 8);
    int fd = -1;

    /** Makes a non-blocking IPv4 datagram socket that child processes do not inherit. */
    void open()
    {
        try
        {
            fd = check("socket", (int)SocketCalls.SOCKET.invokeExact(state, MessageVector.AF_INET,
                SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    void setInt(final int level, final int name, final int value, final String what)
    {
        scratch.set(ValueLayout.JAVA_INT, 0, value);
        setOption(level, name, 4, what);
    }

    /** Sets an int option, or reports that the kernel refused it. */
    boolean trySetInt(final int level, final int name, final int value)
    {
        scratch.set(ValueLayout.JAVA_INT, 0, value);
        try
        {
            return (int)SocketCalls.SETSOCKOPT.invokeExact(state, fd, level, name, scratch.address(), 4) == 0;
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    /** Sets an option whose value is the first {@code length} bytes of {@link #scratch}. */
    void setOption(final int level, final int name, final int length, final String what)
    {
        try
        {
            check("setsockopt(" + what + ")", (int)SocketCalls.SETSOCKOPT.invokeExact(state, fd, level, name,
                scratch.address(), length));
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    /** Calls {@code bind} or {@code connect} with the IPv4 address at the start of {@link #scratch}. */
    void callWithAddress(final String what, final MethodHandle handle)
    {
        try
        {
            check(what, (int)handle.invokeExact(state, fd, scratch.address(), MessageVector.SOCKADDR_LENGTH));
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
    }

    /** {@return the socket's own address, from {@code getsockname}} */
    InetSocketAddress localAddress()
    {
        scratch.set(ValueLayout.JAVA_INT, 32, MessageVector.SOCKADDR_LENGTH);
        try
        {
            check("getsockname", (int)SocketCalls.GETSOCKNAME.invokeExact(state, fd, scratch.address(),
                scratch.address() + 32));
        }
        catch (final Throwable ex)
        {
            throw rethrow(ex);
        }
        return decode(MessageVector.nameKey(scratch, 0));
    }

    int check(final String what, final int result)
    {
        if (result < 0)
        {
            throw new IllegalStateException(what + " failed: " + Errno.describe(SocketCalls.errno(state)));
        }
        return result;
    }

    /** Closes the descriptor and frees the native memory; a second call does nothing. */
    void close()
    {
        if (!arena.scope().isAlive())
        {
            return;
        }
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

    static int ipv4(final InetAddress address)
    {
        if (!(address instanceof Inet4Address))
        {
            throw new IllegalArgumentException(address + " is not an IPv4 address; native UDP sockets are IPv4 only");
        }
        final byte[] bytes = address.getAddress();
        return (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF;
    }

    /** {@return the address of a {@link MessageVector#nameKey} key, or null for a name that was not IPv4} */
    static InetSocketAddress decode(final long key)
    {
        if (key < 0)
        {
            return null;
        }
        final int address = (int)(key >>> 16);
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte)(address >>> 24),
                (byte)(address >>> 16), (byte)(address >>> 8), (byte)address}), (int)(key & 0xFFFF));
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex); // four bytes are always an IPv4 address
        }
    }

    static RuntimeException rethrow(final Throwable ex)
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
