package io.nanostream.ring;

/**
 * Something took longer than it was allowed to: a timing-out wait strategy found nothing in time (the
 * processor then calls {@link EventHandler#onTimeout(long)}), or a graph's
 * {@link io.nanostream.ring.graph.HandlerGraph#shutdown(long, java.util.concurrent.TimeUnit) shutdown} did not drain in
 * time. Checked, as the Disruptor's is. Wait strategies throw the shared {@link #INSTANCE}, which has no stack trace
 * (it is control flow); a shutdown throws one that says what was still busy.
 */
public final class TimeoutException extends Exception
{
    /** The shared instance wait strategies throw. */
    public static final TimeoutException INSTANCE = new TimeoutException("wait timed out", false);

    /**
     * Creates an exception with a stack trace.
     *
     * @param message what timed out.
     */
    public TimeoutException(final String message)
    {
        this(message, true);
    }

    private TimeoutException(final String message, final boolean stackTrace)
    {
        super(message, null, false, stackTrace);
    }
}
