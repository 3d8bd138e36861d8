package io.nanostream.driver.udp;

/**
 * How far a sender may go, from its receivers' status messages. Unicast and multicast "max" follow the
 * fastest receiver (a slow one repairs by NAK or drops out); multicast "min" follows the slowest receiver
 * heard from within a timeout, so none is overrun. Used by the sender thread only; no allocation after
 * construction.
 */
public final class FlowControl
{
    private static final int MAX_RECEIVERS = 64;

    private final boolean minimum;
    private final long receiverTimeoutNanos;
    private final long[] receiverIds = new long[MAX_RECEIVERS];
    private final long[] limits = new long[MAX_RECEIVERS];
    private final long[] lastSeenNanos = new long[MAX_RECEIVERS];
    private int receivers;

    private FlowControl(final boolean minimum, final long receiverTimeoutNanos)
    {
        this.minimum = minimum;
        this.receiverTimeoutNanos = receiverTimeoutNanos;
    }

    /**
     * Parses a channel's {@code fc} parameter: absent or {@code max} for the fastest receiver, {@code min}
     * or {@code min,t:<n>ms|s} for the slowest (receiver timeout default 5 s).
     *
     * @param value the parameter, or null.
     * @return the flow control.
     */
    public static FlowControl parse(final String value)
    {
        if (value == null || value.equals("max"))
        {
            return new FlowControl(false, 0);
        }
        if (value.equals("min"))
        {
            return new FlowControl(true, 5_000_000_000L);
        }
        if (value.startsWith("min,t:"))
        {
            final String timeout = value.substring("min,t:".length());
            try
            {
                final long nanos = timeout.endsWith("ms") ? Long.parseLong(timeout.substring(0,
                    timeout.length() - 2)) * 1_000_000L : timeout.endsWith("s") ? Long.parseLong(timeout.substring(0,
                    timeout.length() - 1)) * 1_000_000_000L : -1;
                if (nanos > 0)
                {
                    return new FlowControl(true, nanos);
                }
            }
            catch (final NumberFormatException ignore)
            {
                // reported below
            }
        }
        throw new IllegalArgumentException("fc=" + value + " is not a flow control; use fc=max, fc=min or fc=min,t:5s");
    }

    /**
     * Whether it follows the slowest receiver.
     *
     * @return true for "min".
     */
    public boolean isMinimum()
    {
        return minimum;
    }

    /**
     * Takes a status message into account.
     *
     * @param currentLimit   the limit so far.
     * @param receiverId     the receiver's id.
     * @param proposedLimit  its consumption position plus its window.
     * @param nowNanos       the time.
     * @return the new limit.
     */
    long onStatusMessage(final long currentLimit, final long receiverId, final long proposedLimit, final long nowNanos)
    {
        if (!minimum)
        {
            return Math.max(currentLimit, proposedLimit);
        }
        int index = -1;
        for (int i = 0; i < receivers; i++)
        {
            if (receiverIds[i] == receiverId)
            {
                index = i;
                break;
            }
        }
        if (index < 0)
        {
            if (receivers == MAX_RECEIVERS)
            {
                return currentLimit;
            }
            index = receivers++;
            receiverIds[index] = receiverId;
        }
        limits[index] = proposedLimit;
        lastSeenNanos[index] = nowNanos;
        return slowest(currentLimit, nowNanos);
    }

    /**
     * Drops receivers not heard from within the timeout ("min" only) and recomputes the limit.
     *
     * @param currentLimit the limit so far.
     * @param nowNanos     the time.
     * @return the new limit.
     */
    long onIdle(final long currentLimit, final long nowNanos)
    {
        return minimum && receivers > 0 ? slowest(currentLimit, nowNanos) : currentLimit;
    }

    /**
     * Forgets a receiver that is no longer sent to ("min" only): it holds the limit back no more.
     *
     * @param receiverId the receiver's id.
     */
    void forget(final long receiverId)
    {
        for (int i = receivers - 1; i >= 0; i--)
        {
            if (receiverIds[i] == receiverId)
            {
                receivers--;
                receiverIds[i] = receiverIds[receivers];
                limits[i] = limits[receivers];
                lastSeenNanos[i] = lastSeenNanos[receivers];
            }
        }
    }

    /**
     * Moves every receiver's timeout on by a time the sender thread was away.
     *
     * @param awayNanos how long.
     */
    void excuse(final long awayNanos)
    {
        for (int i = 0; i < receivers; i++)
        {
            lastSeenNanos[i] += awayNanos;
        }
    }

    private long slowest(final long currentLimit, final long nowNanos)
    {
        long limit = Long.MAX_VALUE;
        for (int i = receivers - 1; i >= 0; i--)
        {
            if (nowNanos - lastSeenNanos[i] > receiverTimeoutNanos)
            {
                receivers--;
                receiverIds[i] = receiverIds[receivers];
                limits[i] = limits[receivers];
                lastSeenNanos[i] = lastSeenNanos[receivers];
            }
            else
            {
                limit = Math.min(limit, limits[i]);
            }
        }
        return limit == Long.MAX_VALUE ? currentLimit : limit;
    }

    /**
     * The receivers it follows ("min" only).
     *
     * @return how many.
     */
    public int receiverCount()
    {
        return receivers;
    }
}
