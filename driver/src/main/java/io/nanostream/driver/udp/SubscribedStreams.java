package io.nanostream.driver.udp;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * The streams subscribed on one receive endpoint, each with the {@link SessionFilter} of every subscription that wants
 * it. Read for every datagram of an unknown session, so plain arrays scanned in order (endpoints carry a handful of
 * streams); changed only when a subscription comes or goes. Used on the receiver thread.
 */
final class SubscribedStreams
{
    private int[] streamIds = new int[0];
    private SessionFilter[][] filters = new SessionFilter[0][];

    /**
     * Whether any subscription wants a stream.
     *
     * @param streamId the stream.
     * @return true if subscribed.
     */
    boolean contains(final int streamId)
    {
        return indexOf(streamId) >= 0;
    }

    /** {@return whether no stream is subscribed} */
    boolean isEmpty()
    {
        return streamIds.length == 0;
    }

    /**
     * Whether any subscription of a stream hears a session from a source.
     *
     * @param streamId  the stream.
     * @param sessionId the session.
     * @param source    the address its frames come from.
     * @return true if one accepts it.
     */
    boolean accepts(final int streamId, final int sessionId, final InetAddress source)
    {
        final int index = indexOf(streamId);
        if (index < 0)
        {
            return false;
        }
        for (final SessionFilter filter : filters[index])
        {
            if (filter.accepts(sessionId, source))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts a subscription to a stream in.
     *
     * @param streamId the stream.
     * @param filter   whom it hears.
     */
    void add(final int streamId, final SessionFilter filter)
    {
        int index = indexOf(streamId);
        if (index < 0)
        {
            index = streamIds.length;
            streamIds = Arrays.copyOf(streamIds, index + 1);
            filters = Arrays.copyOf(filters, index + 1);
            streamIds[index] = streamId;
            filters[index] = new SessionFilter[0];
        }
        final SessionFilter[] those = Arrays.copyOf(filters[index], filters[index].length + 1);
        those[those.length - 1] = filter;
        filters[index] = those;
    }

    /**
     * Counts a subscription to a stream out.
     *
     * @param streamId the stream.
     * @param filter   whom it heard.
     * @return how many streams are still subscribed.
     */
    int remove(final int streamId, final SessionFilter filter)
    {
        final int index = indexOf(streamId);
        if (index < 0)
        {
            return streamIds.length;
        }
        final SessionFilter[] those = filters[index];
        for (int i = 0; i < those.length; i++)
        {
            if (those[i].equals(filter))
            {
                filters[index] = removed(those, i);
                break;
            }
        }
        if (filters[index].length == 0)
        {
            streamIds = removed(streamIds, index);
            filters = removed(filters, index);
        }
        return streamIds.length;
    }

    private int indexOf(final int streamId)
    {
        for (int i = 0; i < streamIds.length; i++)
        {
            if (streamIds[i] == streamId)
            {
                return i;
            }
        }
        return -1;
    }

    private static int[] removed(final int[] array, final int index)
    {
        final int[] out = new int[array.length - 1];
        System.arraycopy(array, 0, out, 0, index);
        System.arraycopy(array, index + 1, out, index, array.length - index - 1);
        return out;
    }

    private static <T> T[] removed(final T[] array, final int index)
    {
        final T[] out = Arrays.copyOf(array, array.length - 1);
        System.arraycopy(array, index + 1, out, index, array.length - index - 1);
        return out;
    }
}
