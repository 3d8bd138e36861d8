package io.nanostream.ring;

/**
 * Thrown by {@code tryNext} when the ring has no room for the requested claim. A shared instance
 * without a stack trace, cheap to throw; use {@code tryPublishEvent} to avoid exceptions altogether.
 */
public final class InsufficientCapacityException extends RuntimeException
{
    /** The one instance. */
    public static final InsufficientCapacityException INSTANCE = new InsufficientCapacityException();

    private InsufficientCapacityException()
    {
        super("ring buffer full: the slowest consumer is a whole ring behind", null, false, false);
    }
}
