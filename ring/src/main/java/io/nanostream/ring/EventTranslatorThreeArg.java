package io.nanostream.ring;

/**
 * Fills a claimed event from three arguments.
 *
 * @param <E> the event type.
 * @param <A> the first argument's type.
 * @param <B> the second argument's type.
 * @param <C> the third argument's type.
 */
@FunctionalInterface
public interface EventTranslatorThreeArg<E, A, B, C>
{
    /**
     * Writes the data into the event.
     *
     * @param event    the preallocated event to fill.
     * @param sequence its sequence.
     * @param arg0     the first argument.
     * @param arg1     the second argument.
     * @param arg2     the third argument.
     */
    void translateTo(E event, long sequence, A arg0, B arg1, C arg2);
}
