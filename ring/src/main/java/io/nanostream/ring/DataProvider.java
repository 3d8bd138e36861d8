package io.nanostream.ring;

/**
 * Gives the event stored for a sequence; a {@link RingBuffer} is one. Processors and pollers read
 * events through it.
 *
 * @param <T> the event type.
 */
@FunctionalInterface
public interface DataProvider<T>
{
    /**
     * The event for a sequence.
     *
     * @param sequence the sequence.
     * @return the event in its slot.
     */
    T get(long sequence);
}
