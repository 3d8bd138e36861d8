package io.nanostream.client;

/** The media driver refused a command (a bad channel, clashing parameters, no resources). */
public final class RegistrationException extends NanoStreamException
{
    /** The driver's error code, one of {@code Responses.ERROR_*}. */
    private final int errorCode;

    /**
     * Creates the exception.
     *
     * @param errorCode the driver's error code.
     * @param message   the driver's explanation.
     */
    public RegistrationException(final int errorCode, final String message)
    {
        super(message, null);
        this.errorCode = errorCode;
    }

    /**
     * The driver's error code, one of the {@code ERROR_} constants of the protocol.
     *
     * @return the code.
     */
    public int errorCode()
    {
        return errorCode;
    }
}
