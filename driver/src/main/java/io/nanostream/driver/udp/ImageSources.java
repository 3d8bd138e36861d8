package io.nanostream.driver.udp;

import java.net.InetSocketAddress;

/**
 * Where the frames of one image on a subscription with several destinations ({@code control-mode=manual}) come from: a
 * socket of the subscription and the sender's address, one pair per destination that carries the session, so that the
 * image's status messages and NAKs go back along each. A replay and the live stream feeding one image are two sources.
 * Receiver thread only; allocates only when a source is first seen.
 */
final class ImageSources
{
    /** The most sources one image answers. */
    static final int MAX_SOURCES = 8;
    /** A source silent this long gives its place to a new one when all places are taken. */
    static final long SILENT_NANOS = 1_000_000_000L;

    private final ReceiveSocket[] sockets = new ReceiveSocket[MAX_SOURCES];
    private final InetSocketAddress[] addresses = new InetSocketAddress[MAX_SOURCES];
    private final long[] lastHeardNanos = new long[MAX_SOURCES];
    private int count;

    /**
     * Notes that frames of the image came in on a socket from an address.
     *
     * @param socket   the subscription's socket they came in on.
     * @param address  the sender's address.
     * @param nowNanos the time.
     * @return false if the image has its most sources, none silent for {@link #SILENT_NANOS}, and this is a new one (it
     *         is not answered).
     */
    boolean add(final ReceiveSocket socket, final InetSocketAddress address, final long nowNanos)
    {
        int oldest = -1;
        for (int i = 0; i < count; i++)
        {
            if (sockets[i] == socket && addresses[i].equals(address))
            {
                lastHeardNanos[i] = nowNanos;
                return true;
            }
            if (oldest < 0 || lastHeardNanos[i] - lastHeardNanos[oldest] < 0)
            {
                oldest = i;
            }
        }
        int index = count;
        if (count == MAX_SOURCES)
        {
            if (nowNanos - lastHeardNanos[oldest] < SILENT_NANOS)
            {
                return false;
            }
            index = oldest; // a silent source (gone, or never real) gives way
        }
        else
        {
            count++;
        }
        sockets[index] = socket;
        addresses[index] = address;
        lastHeardNanos[index] = nowNanos;
        return true;
    }

    /**
     * Forgets every source that came in on a socket (its destination was removed).
     *
     * @param socket the socket.
     */
    void removeSocket(final ReceiveSocket socket)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            if (sockets[i] == socket)
            {
                count--;
                sockets[i] = sockets[count];
                addresses[i] = addresses[count];
                lastHeardNanos[i] = lastHeardNanos[count];
                sockets[count] = null;
                addresses[count] = null;
            }
        }
    }

    /** {@return how many sources there are} */
    int count()
    {
        return count;
    }

    /**
     * A source's socket.
     *
     * @param index 0 to {@link #count()} - 1.
     * @return the socket.
     */
    ReceiveSocket socket(final int index)
    {
        return sockets[index];
    }

    /**
     * A source's address.
     *
     * @param index 0 to {@link #count()} - 1.
     * @return the address.
     */
    InetSocketAddress address(final int index)
    {
        return addresses[index];
    }
}
