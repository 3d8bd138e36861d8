package io.nanostream.ring;

/** What a processor does after a handler threw a {@link RewindableException}. */
public enum RewindAction
{
    /** Replay the batch from its first event. */
    REWIND,
    /** Stop rewinding: hand the exception to the exception handler, as any other failure. */
    THROW
}
