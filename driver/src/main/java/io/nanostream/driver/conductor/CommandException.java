package io.nanostream.driver.conductor;

/**
 * A client's command was refused: carries the error code the client receives and a message that names
 * the problem and the fix. Control flow on the conductor, so it has no stack trace.
 */
final class CommandException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int code;

    /**
     * A refusal.
     *
     * @param code    one of the {@code Responses.ERROR_*} codes.
     * @param message the problem and the fix.
     */
    CommandException(final int code, final String message)
    {
        super(message, null, false, false);
        this.code = code;
    }

    int code()
    {
        return code;
    }
}
