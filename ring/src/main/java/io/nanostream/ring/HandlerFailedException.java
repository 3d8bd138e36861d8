package io.nanostream.ring;

/** Thrown by {@link ExceptionHandlers#logAndHalt()} to halt the ring; its cause is the handler's exception. */
public final class HandlerFailedException extends RuntimeException
{
    /**
     * Creates the exception.
     *
     * @param message where the handler failed.
     * @param cause   what it threw.
     */
    public HandlerFailedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
