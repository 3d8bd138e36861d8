package io.nanostream.driver.udp;

/**
 * A small fixed table of (session, stream) keys with the time each was last marked; the oldest entry
 * makes room for a new one. No allocation after construction.
 */
final class SessionTimes
{
    private final long[] keys;
    private final long[] times;
    private final boolean[] used;

    SessionTimes(final int capacity)
    {
        keys = new long[capacity];
        times = new long[capacity];
        used = new boolean[capacity];
    }

    static long key(final int sessionId, final int streamId)
    {
        return ((long)sessionId << 32) | (streamId & 0xFFFF_FFFFL);
    }

    /**
     * When a key was marked.
     *
     * @return the time, or {@code Long.MIN_VALUE} if it is not in the table.
     */
    long time(final long key)
    {
        for (int i = 0; i < keys.length; i++)
        {
            if (used[i] && keys[i] == key)
            {
                return times[i];
            }
        }
        return Long.MIN_VALUE;
    }

    void mark(final long key, final long nowNanos)
    {
        int slot = 0;
        for (int i = 0; i < keys.length; i++)
        {
            if (used[i] && keys[i] == key)
            {
                times[i] = nowNanos;
                return;
            }
            if (used[slot] && (!used[i] || times[i] - times[slot] < 0))
            {
                slot = i;
            }
        }
        keys[slot] = key;
        times[slot] = nowNanos;
        used[slot] = true;
    }

    void remove(final long key)
    {
        for (int i = 0; i < keys.length; i++)
        {
            if (used[i] && keys[i] == key)
            {
                used[i] = false;
            }
        }
    }
}
