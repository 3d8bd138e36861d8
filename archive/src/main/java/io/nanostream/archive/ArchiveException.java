package io.nanostream.archive;

/** An archive request that was refused (the message says why and what to do instead), or that got no answer. */
public final class ArchiveException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Says what went wrong.
     *
     * @param message the problem and the fix.
     */
    public ArchiveException(final String message)
    {
        super(message);
    }
}
