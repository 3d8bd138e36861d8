package io.nanostream.natives.net;

/** Names the {@code errno} values socket calls fail with, so that an error says what went wrong. */
final class Errno
{
    private Errno()
    {
    }

    static String describe(final int errno)
    {
        final String name = switch (errno)
        {
            case 1 -> "EPERM, not permitted";
            case 9 -> "EBADF, the socket is closed";
            case 13 -> "EACCES, permission denied";
            case 19 -> "ENODEV, no such interface";
            case 22 -> "EINVAL, invalid argument";
            case 24 -> "EMFILE, too many open files";
            case 90 -> "EMSGSIZE, datagram too long";
            case 98 -> "EADDRINUSE, the address is in use";
            case 99 -> "EADDRNOTAVAIL, no interface has that address";
            case 101 -> "ENETUNREACH, network unreachable";
            case 105 -> "ENOBUFS, no buffer space";
            case 111 -> "ECONNREFUSED, nothing listens at the destination";
            default -> "see errno(3)";
        };
        return "errno " + errno + " (" + name + ")";
    }
}
