package io.nanostream.archive.service;

/**
 * A control request the archive refuses: the message, which goes back to the client, says why and what to do instead.
 */
final class ArchiveRequestException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    ArchiveRequestException(final String message)
    {
        super(message, null, false, false);
    }
}
