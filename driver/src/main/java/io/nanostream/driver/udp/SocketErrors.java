package io.nanostream.driver.udp;

import io.nanostream.buffer.Counter;

import java.net.PortUnreachableException;
import java.util.function.Consumer;

/**
 * One socket's failed sends and receives. Each counts in the driver's {@code udp socket errors} counter; the first, and
 * then every power-of-two-th, of this socket's go to the distinct-error log with the channel, the operation and the
 * errno (or the JDK's message), e.g. {@code udp socket error on udp-127.0.0.1:40123: send /127.0.0.1:40123:
 * ECONNREFUSED: nothing listens there (an ICMP port unreachable came back) (the 1st, 2nd, 4th... of this socket are
 * written here; ...)}. So {@code errors} says which channel fails and why, and a flood costs a counter increment each.
 * Owned by the thread that uses the socket.
 */
final class SocketErrors
{
    private static final int ECONNREFUSED = 111;

    private final Counter counter;
    private final Consumer<Throwable> errors;
    private final String channel;
    private long seen;

    /**
     * Creates the reporter of one socket.
     *
     * @param counter the driver's {@code udp socket errors} counter.
     * @param errors  the distinct-error log.
     * @param channel the channel, as its counters name it.
     */
    SocketErrors(final Counter counter, final Consumer<Throwable> errors, final String channel)
    {
        this.counter = counter;
        this.errors = errors;
        this.channel = channel;
    }

    /**
     * Counts a failure that a native call returned as minus its errno.
     *
     * @param operation what failed, e.g. {@code send}.
     * @param peer      the address it was sent to, or null.
     * @param result    the call's result: minus the errno.
     */
    void onErrno(final String operation, final Object peer, final int result)
    {
        if (count())
        {
            report(operation, peer, "errno " + -result + " (" + errnoName(-result) + ")");
        }
    }

    /**
     * Counts a failure that a JDK channel threw.
     *
     * @param operation what failed, e.g. {@code receive}.
     * @param peer      the address it was sent to, or null.
     * @param failure   the exception, whose message is the kernel's reason.
     */
    void onException(final String operation, final Object peer, final Exception failure)
    {
        if (count())
        {
            report(operation, peer, failure instanceof PortUnreachableException ? errnoName(ECONNREFUSED) :
                failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
    }

    private boolean count()
    {
        counter.add(1);
        return TransportErrors.isReported(seen++);
    }

    private void report(final String operation, final Object peer, final String reason)
    {
        errors.accept(new IllegalStateException("udp socket error on " + channel + ": " + operation +
            (peer == null ? "" : " " + peer) + ": " + reason +
            " (the 1st, 2nd, 4th... of this socket are written here; the counter 'udp socket errors' has them all)"));
    }

    /**
     * The name of a Linux errno that a UDP socket returns, with what it usually means there.
     *
     * @param errno the errno.
     * @return its name and meaning, or "unknown".
     */
    static String errnoName(final int errno)
    {
        return switch (errno)
        {
            case 1 -> "EPERM: a firewall rule refused it";
            case 5 -> "EIO: the device or offload failed";
            case 11 -> "EAGAIN: the kernel's buffer is full";
            case 13 -> "EACCES: not allowed, e.g. broadcast without SO_BROADCAST";
            case 22 -> "EINVAL: an argument the kernel refused";
            case 90 -> "EMSGSIZE: the datagram is longer than the path allows";
            case 99 -> "EADDRNOTAVAIL: the address is not on this host";
            case 100 -> "ENETDOWN: the interface is down";
            case 101 -> "ENETUNREACH: no route to that network";
            case 105 -> "ENOBUFS: the kernel is out of buffer memory";
            case ECONNREFUSED -> "ECONNREFUSED: nothing listens there (an ICMP port unreachable came back)";
            case 113 -> "EHOSTUNREACH: no route to that host";
            default -> "unknown";
        };
    }
}
