package io.nanostream.ring;

/**
 * Fills a claimed event from one argument; a non-capturing lambda allocates nothing per publish.
 *
 * @param <E> the event type.
 * @param <A> the argument type.
 */
@FunctionalInterface
public interface EventTranslatorOneArg<E, A>
{
    /**
     * Writes the data into the event.
     *
     * @param event    the preallocated event to fill.
     * @param sequence its sequence.
     * @param arg0     the argument.
     */
    void translateTo(E event, long sequence, A arg0);
}
