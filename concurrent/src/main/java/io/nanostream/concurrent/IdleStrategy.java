package io.nanostream.concurrent;

/**
 * What a thread does when its last duty cycle found no work: spin, yield, sleep or back off.
 *
 * <p>Implementations may keep state (a back-off keeps its step), so give each thread its own
 * instance; {@link IdleStrategies#byName(String)} makes a fresh one on every call.
 */
public interface IdleStrategy
{
    /**
     * Idles if the last cycle did no work, and resets any back-off state if it did.
     *
     * @param workCount the amount of work the last cycle did.
     */
    default void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    /** Idles once, advancing any back-off state. */
    void idle();

    /** Forgets any back-off state, as after work was found. */
    void reset();

    /**
     * The short name this strategy is known by in configuration.
     *
     * @return the name, such as {@code "backoff"}.
     */
    String alias();
}
