package io.nanostream.ring;

/**
 * Thrown by a {@link SequenceBarrier} that was alerted, to pull a waiting processor out of its wait
 * (on halt, or when the waiting thread was interrupted). A shared instance without a stack trace:
 * it is control flow, not an error.
 */
public final class AlertException extends RuntimeException
{
    /** The one instance. */
    public static final AlertException INSTANCE = new AlertException();

    private AlertException()
    {
        super("sequence barrier alerted", null, false, false);
    }
}
