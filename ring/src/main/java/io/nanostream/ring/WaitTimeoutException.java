package io.nanostream.ring;

/**
 * Thrown by a timing-out wait strategy when nothing arrived in time; a processor turns it into
 * {@link EventHandler#onTimeout(long)}. A shared instance without a stack trace: it is control flow.
 */
public final class WaitTimeoutException extends RuntimeException
{
    /** The one instance. */
    public static final WaitTimeoutException INSTANCE = new WaitTimeoutException();

    private WaitTimeoutException()
    {
        super("wait timed out", null, false, false);
    }
}
