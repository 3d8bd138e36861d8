package io.nanostream.client;

/** The media driver is not there: never started, not running, or it stopped heartbeating. */
public final class DriverUnavailableException extends NanoStreamException
{
    /**
     * Creates the exception.
     *
     * @param message what was found and how to start a driver.
     * @param cause   the underlying failure, or null.
     */
    public DriverUnavailableException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
