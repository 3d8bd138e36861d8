package io.nanostream.ring;

/**
 * Thrown to a producer that waits for room in a ring that was halted: by {@code halt()}, by a
 * {@code shutdown} that timed out, or because a handler failed and its exception handler chose to halt.
 * The cause, when there is one, is the handler's exception.
 */
public final class RingHaltedException extends IllegalStateException
{
    /**
     * Creates the exception.
     *
     * @param message what halted the ring.
     * @param cause   the failure that halted it, or null.
     */
    public RingHaltedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
