package io.nanostream.natives.net;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C library's socket calls, linked on first use, only after native access was found enabled. Pointers are passed
 * as {@code long} addresses (LP64). Setup calls capture {@code errno} through the linker. The four data calls do not:
 * a capturing call slices its state segment each time until C2 compiles it with the capture check inlined, and a
 * driver's colder paths (a resend after a NAK) ran in C1 code long enough to allocate about 1 MB (UdpLossTest,
 * batched). After a receive or {@code sendto} fails they read {@code errno} where the C library keeps it ({@link
 * #ERRNO_LOCATION}, looked up before the call). The JVM may change that value if the thread stops for a safepoint on
 * its way back from the call, so it is used only where a wrong value miscounts an error; a failed {@code sendmmsg},
 * whose errno decides whether the sender waits or gives up on a message, is asked again with errno captured.
 */
final class SocketCalls
{
    static final StructLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO = STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** int socket(int domain, int type, int protocol) */
    static final MethodHandle SOCKET;
    /** int setsockopt(int fd, int level, int name, const void *value, socklen_t length) */
    static final MethodHandle SETSOCKOPT;
    /** int bind(int fd, const struct sockaddr *address, socklen_t length) */
    static final MethodHandle BIND;
    /** int connect(int fd, const struct sockaddr *address, socklen_t length) */
    static final MethodHandle CONNECT;
    /** int getsockname(int fd, struct sockaddr *address, socklen_t *length) */
    static final MethodHandle GETSOCKNAME;
    /** int sendmmsg(int fd, struct mmsghdr *messages, unsigned int count, int flags); no errno capture */
    static final MethodHandle SENDMMSG;
    /** The same, with errno captured: asked again after a failure, whose errno decides what the sender does */
    static final MethodHandle SENDMMSG_CAPTURING;
    /**
     * int recvmmsg(int fd, struct mmsghdr *messages, unsigned int count, int flags, struct
     * timespec *timeout); no errno capture
     */
    static final MethodHandle RECVMMSG;
    /** ssize_t recv(int fd, void *buffer, size_t length, int flags); no errno capture */
    static final MethodHandle RECV;
    /**
     * ssize_t sendto(int fd, const void *buffer, size_t length, int flags, const struct sockaddr *to,
     * socklen_t to_length); no errno capture
     */
    static final MethodHandle SENDTO;
    /** int *__errno_location(void): where this thread's errno lives */
    static final MethodHandle ERRNO_LOCATION;
    /** int close(int fd) */
    static final MethodHandle CLOSE;
    static final String LINK_FAILURE;

    static
    {
        final MethodHandle[] handles = new MethodHandle[12];
        String failure = null;
        try
        {
            handles[0] = link("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
            handles[1] = link("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG,
                JAVA_INT));
            handles[2] = link("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT));
            handles[3] = link("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT));
            handles[4] = link("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
            handles[5] = linkPlain("sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT,
                JAVA_INT));
            handles[6] = linkPlain("recvmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT,
                JAVA_LONG));
            handles[7] = linkPlain("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
            handles[8] = linkPlain("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT,
                JAVA_LONG, JAVA_INT));
            handles[9] = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
            handles[10] = linkPlain("__errno_location", FunctionDescriptor.of(JAVA_LONG));
            handles[11] = link("sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT));
        }
        catch (final RuntimeException ex)
        {
            failure = "the C library lacks a socket call: " + ex.getMessage();
        }
        SOCKET = handles[0];
        SETSOCKOPT = handles[1];
        BIND = handles[2];
        CONNECT = handles[3];
        GETSOCKNAME = handles[4];
        SENDMMSG = handles[5];
        RECVMMSG = handles[6];
        RECV = handles[7];
        SENDTO = handles[8];
        CLOSE = handles[9];
        ERRNO_LOCATION = handles[10];
        SENDMMSG_CAPTURING = handles[11];
        LINK_FAILURE = failure;
    }

    private SocketCalls()
    {
    }

    private static MethodHandle link(final String name, final FunctionDescriptor descriptor)
    {
        final Linker linker = Linker.nativeLinker();
        final MemorySegment symbol = linker.defaultLookup().find(name).orElseThrow(() -> new IllegalStateException(name + " not found"));
        return linker.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    private static MethodHandle linkPlain(final String name, final FunctionDescriptor descriptor)
    {
        final Linker linker = Linker.nativeLinker();
        final MemorySegment symbol = linker.defaultLookup().find(name).orElseThrow(() -> new IllegalStateException(name + " not found"));
        return linker.downcallHandle(symbol, descriptor);
    }

    static int errno(final MemorySegment state)
    {
        return (int)ERRNO.get(state, 0L);
    }
}
