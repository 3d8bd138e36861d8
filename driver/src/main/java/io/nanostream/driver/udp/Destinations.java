package io.nanostream.driver.udp;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Where a multi-destination-cast publication sends. In dynamic mode a receiver becomes a destination when its first
 * status message arrives at the control address, and stops being one when none has come for the timeout; in manual mode
 * the application adds and removes them, and status messages only show them alive. Each datagram goes to every
 * destination, starting one further along each time so that no destination is always last. Owned by the sender thread;
 * allocates only when a destination comes or goes.
 */
public final class Destinations
{
    /** The most destinations one publication sends to; a receiver beyond them is counted and not added. */
    public static final int MAX_DESTINATIONS = 64;

    /** What changed, for whoever shows destinations. */
    interface Listener
    {
        /**
         * A destination was added.
         *
         * @param address    where it is.
         * @param receiverId the receiver's id, 0 if not yet heard from.
         */
        void onAdded(InetSocketAddress address, long receiverId);

        /**
         * A destination was removed.
         *
         * @param address    where it was.
         * @param receiverId its receiver's id, 0 if never heard from: flow control forgets it.
         * @param timedOut   true if a dynamic destination fell silent, false if the application removed it.
         */
        void onRemoved(InetSocketAddress address, long receiverId, boolean timedOut);
    }

    private final boolean dynamic;
    private final long timeoutNanos;
    private final Listener listener;
    private final InetSocketAddress[] addresses = new InetSocketAddress[MAX_DESTINATIONS];
    private final long[] receiverIds = new long[MAX_DESTINATIONS];
    private final long[] lastHeardNanos = new long[MAX_DESTINATIONS];
    private int count;
    private int first;

    /**
     * Creates an empty set.
     *
     * @param dynamic      true for {@code control-mode=dynamic}.
     * @param timeoutNanos how long a dynamic destination may be silent before it is removed.
     * @param listener     told of each change.
     */
    Destinations(final boolean dynamic, final long timeoutNanos, final Listener listener)
    {
        this.dynamic = dynamic;
        this.timeoutNanos = timeoutNanos;
        this.listener = listener;
    }

    /**
     * A status message arrived: it shows a destination alive, and in dynamic mode adds its sender.
     *
     * @param receiverId the receiver's id in it.
     * @param source     where it came from.
     * @param nowNanos   the time.
     * @return false if a new receiver was not added because the set is full.
     */
    boolean onStatusMessage(final long receiverId, final InetSocketAddress source, final long nowNanos)
    {
        for (int i = 0; i < count; i++)
        {
            if (matches(i, receiverId, source))
            {
                receiverIds[i] = receiverId;
                lastHeardNanos[i] = nowNanos;
                addresses[i] = source; // a dynamic receiver's address may change (NAT): send where it is now
                return true;
            }
        }
        return !dynamic || add(source, receiverId, nowNanos);
    }

    /** Dynamic: the same receiver on the same port (its address may differ behind NAT). Manual: the address added. */
    private boolean matches(final int i, final long receiverId, final InetSocketAddress source)
    {
        if (dynamic)
        {
            return receiverIds[i] == receiverId && addresses[i].getPort() == source.getPort();
        }
        return addresses[i].equals(source);
    }

    /**
     * Adds a destination (manual mode, or a receiver heard from in dynamic mode); an
     * address already there is kept once.
     *
     * @param address    where to send.
     * @param receiverId its receiver's id, 0 if not known.
     * @param nowNanos   the time.
     * @return false if the set is full: it was not added.
     */
    boolean add(final InetSocketAddress address, final long receiverId, final long nowNanos)
    {
        if (indexOf(address) >= 0)
        {
            return true;
        }
        if (count == MAX_DESTINATIONS)
        {
            return false;
        }
        addresses[count] = address;
        receiverIds[count] = receiverId;
        lastHeardNanos[count] = nowNanos;
        count++;
        listener.onAdded(address, receiverId);
        return true;
    }

    /**
     * Removes a destination.
     *
     * @param address where it is.
     * @return false if it was not there.
     */
    boolean remove(final InetSocketAddress address)
    {
        final int index = indexOf(address);
        if (index < 0)
        {
            return false;
        }
        removeAt(index, false);
        return true;
    }

    /**
     * Dynamic mode: removes the destinations silent for longer than the timeout.
     *
     * @param nowNanos the time.
     */
    void expire(final long nowNanos)
    {
        if (!dynamic)
        {
            return;
        }
        for (int i = count - 1; i >= 0; i--)
        {
            if (nowNanos - lastHeardNanos[i] > timeoutNanos)
            {
                removeAt(i, true);
            }
        }
    }

    /**
     * Moves every destination's timeout on by a time the sender thread was away.
     *
     * @param awayNanos how long.
     */
    void excuse(final long awayNanos)
    {
        for (int i = 0; i < count; i++)
        {
            lastHeardNanos[i] += awayNanos;
        }
    }

    private void removeAt(final int index, final boolean timedOut)
    {
        final InetSocketAddress address = addresses[index];
        final long receiverId = receiverIds[index];
        count--;
        addresses[index] = addresses[count];
        receiverIds[index] = receiverIds[count];
        lastHeardNanos[index] = lastHeardNanos[count];
        addresses[count] = null;
        listener.onRemoved(address, receiverId, timedOut);
    }

    private int indexOf(final InetSocketAddress address)
    {
        for (int i = 0; i < count; i++)
        {
            if (addresses[i].equals(address))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@return whether receivers join by their status messages (dynamic), rather than being added by the application}
     */
    boolean isDynamic()
    {
        return dynamic;
    }

    /**
     * Whether an address is a destination.
     *
     * @param address the address.
     * @return true if it is.
     */
    boolean contains(final InetSocketAddress address)
    {
        return indexOf(address) >= 0;
    }

    /** {@return how many destinations there are} */
    int count()
    {
        return count;
    }

    /**
     * The index the next datagram starts at: one further along each call, so that each destination is first in turn.
     *
     * @return 0 to {@link #count()} - 1, or 0 if there are none.
     */
    int nextFirst()
    {
        if (count == 0)
        {
            return 0;
        }
        first = first + 1 >= count ? 0 : first + 1;
        return first;
    }

    /**
     * A destination's address.
     *
     * @param index 0 to {@link #count()} - 1.
     * @return where it is.
     */
    InetSocketAddress address(final int index)
    {
        return addresses[index];
    }

    @Override
    public String toString()
    {
        return "Destinations" + Arrays.toString(Arrays.copyOf(addresses, count));
    }
}
