package io.nanostream.ring;

/**
 * Makes the events a ring buffer preallocates; called once per slot, before the ring is used.
 *
 * @param <E> the event type.
 */
@FunctionalInterface
public interface EventFactory<E>
{
    /**
     * Makes one event.
     *
     * @return a new, non-null event.
     */
    E newInstance();
}
