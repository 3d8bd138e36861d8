package io.nanostream.client;

/** The base of Nano-Stream's client errors; unchecked. */
public class NanoStreamException extends RuntimeException
{
    /**
     * Creates the exception.
     *
     * @param message what went wrong and how to fix it.
     * @param cause   the underlying failure, or null.
     */
    public NanoStreamException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
