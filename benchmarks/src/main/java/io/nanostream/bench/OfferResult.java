package io.nanostream.bench;

/**
 * What a shape does with a publication's offer, ours or Aeron's (both return the same codes): try again when it is
 * back pressured or busy, and end the scenario with an error when the offer can never succeed, instead of retrying for
 * ever: the publication was closed, its subscriber is gone (a client timed out on a
 * loaded machine), or its log is full.
 */
public final class OfferResult
{
    private static final long NOT_CONNECTED = -1;
    private static final long BACK_PRESSURED = -2;
    private static final long ADMIN_ACTION = -3;
    private static final long CLOSED = -4;
    private static final long MAX_POSITION_EXCEEDED = -5;

    private OfferResult()
    {
    }

    /**
     * Whether to offer again.
     *
     * @param result      what the offer returned.
     * @param publication which publication, for the error.
     * @return true if back pressured or busy (pause and try again), false if the offer succeeded.
     * @throws IllegalStateException if it can never succeed: not connected, closed, or at its maximum position.
     */
    public static boolean retry(final long result, final String publication)
    {
        if (result >= 0)
        {
            return false;
        }
        if (result == BACK_PRESSURED || result == ADMIN_ACTION)
        {
            return true;
        }
        throw new IllegalStateException(publication + "'s offer returned " + name(result) +
            ": the scenario cannot go on" + (result == NOT_CONNECTED ?
            " (its subscriber is gone: a client or process timed out, or died)" : ""));
    }

    private static String name(final long result)
    {
        if (result == NOT_CONNECTED)
        {
            return "NOT_CONNECTED";
        }
        if (result == CLOSED)
        {
            return "CLOSED";
        }
        return result == MAX_POSITION_EXCEEDED ? "MAX_POSITION_EXCEEDED" : "code " + result;
    }
}
