package io.nanostream.ring;

/**
 * Thrown by an event handler to ask its processor to replay the whole current batch from its first
 * event (for example after a transient failure of a downstream system). The processor's
 * {@link BatchRewindStrategy} decides whether to rewind or to give up.
 *
 * <p>A handler that rewinds must not release sequences early through its sequence callback: the
 * producer may already have reused the released slots.
 */
public class RewindableException extends RuntimeException
{
    /**
     * Creates the exception.
     *
     * @param cause the transient failure, or null.
     */
    public RewindableException(final Throwable cause)
    {
        super("rewind requested", cause);
    }
}
