package io.nanostream.driver.udp;

import java.util.Arrays;

/**
 * The streams subscribed on one receive endpoint, each with how many subscriptions want it. Read for
 * every datagram, so a plain array scanned in order (endpoints carry a handful of streams); changed
 * only when a subscription comes or goes. Used on the receiver thread.
 */
final class SubscribedStreams
{
    private int[] streamIds = new int[0];
    private int[] counts = new int[0];

    /**
     * Whether any subscription wants a stream.
     *
     * @param streamId the stream.
     * @return true if subscribed.
     */
    boolean contains(final int streamId)
    {
        for (final int id : streamIds)
        {
            if (id == streamId)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts a subscription to a stream in or out.
     *
     * @param streamId the stream.
     * @param delta    +1 or -1.
     * @return how many streams are still subscribed.
     */
    int add(final int streamId, final int delta)
    {
        for (int i = 0; i < streamIds.length; i++)
        {
            if (streamIds[i] == streamId)
            {
                counts[i] += delta;
                if (counts[i] <= 0)
                {
                    streamIds = remove(streamIds, i);
                    counts = remove(counts, i);
                }
                return streamIds.length;
            }
        }
        if (delta > 0)
        {
            streamIds = Arrays.copyOf(streamIds, streamIds.length + 1);
            counts = Arrays.copyOf(counts, counts.length + 1);
            streamIds[streamIds.length - 1] = streamId;
            counts[counts.length - 1] = delta;
        }
        return streamIds.length;
    }

    private static int[] remove(final int[] array, final int index)
    {
        final int[] out = new int[array.length - 1];
        System.arraycopy(array, 0, out, 0, index);
        System.arraycopy(array, index + 1, out, index, array.length - index - 1);
        return out;
    }
}
