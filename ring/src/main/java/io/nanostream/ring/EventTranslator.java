package io.nanostream.ring;

/**
 * Fills a claimed event with data, for {@link RingBuffer#publishEvent(EventTranslator)}.
 *
 * @param <E> the event type.
 */
@FunctionalInterface
public interface EventTranslator<E>
{
    /**
     * Writes the data into the event.
     *
     * @param event    the preallocated event to fill.
     * @param sequence its sequence.
     */
    void translateTo(E event, long sequence);
}
