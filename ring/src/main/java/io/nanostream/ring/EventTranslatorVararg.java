package io.nanostream.ring;

/**
 * Fills a claimed event from any number of arguments. The arguments arrive as an array, which the
 * caller allocates for each call: prefer the one-, two- and three-argument translators on hot paths.
 *
 * @param <T> the event type.
 */
@FunctionalInterface
public interface EventTranslatorVararg<T>
{
    /**
     * Writes the data into the event.
     *
     * @param event    the preallocated event to fill.
     * @param sequence its sequence.
     * @param args     the arguments.
     */
    void translateTo(T event, long sequence, Object... args);
}
