package io.nanostream.ring;

/**
 * Publishes events through translators: each call claims, lets the translator fill the preallocated
 * events, and publishes, even when a translator throws (so the ring never stalls on a hole). The
 * {@code try} forms publish nothing and return false when the ring lacks room; batch forms claim and
 * publish their events all at once. A {@link RingBuffer} is one.
 *
 * @param <E> the event type.
 */
public interface EventSink<E>
{
    /**
     * Claims one slot, fills it with {@code translator} and publishes it.
     *
     * @param translator fills the event.
     */
    void publishEvent(EventTranslator<E> translator);

    /**
     * Like {@code publishEvent}, if there is room.
     *
     * @param translator fills the event.
     * @return false, having published nothing, if the ring is full.
     */
    boolean tryPublishEvent(EventTranslator<E> translator);

    /**
     * Claims one slot, fills it with {@code translator} from the argument and publishes it.
     *
     * @param translator fills the event.
     * @param arg0       argument 0.
     * @param <A>        argument 0's type.
     */
    <A> void publishEvent(EventTranslatorOneArg<E, A> translator, A arg0);

    /**
     * Like {@code publishEvent}, if there is room.
     *
     * @param translator fills the event.
     * @param arg0       argument 0.
     * @param <A>        argument 0's type.
     * @return false, having published nothing, if the ring is full.
     */
    <A> boolean tryPublishEvent(EventTranslatorOneArg<E, A> translator, A arg0);

    /**
     * Claims one slot, fills it with {@code translator} from the arguments and publishes it.
     *
     * @param translator fills the event.
     * @param arg0       argument 0.
     * @param arg1       argument 1.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     */
    <A, B> void publishEvent(EventTranslatorTwoArg<E, A, B> translator, A arg0, B arg1);

    /**
     * Like {@code publishEvent}, if there is room.
     *
     * @param translator fills the event.
     * @param arg0       argument 0.
     * @param arg1       argument 1.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     * @return false, having published nothing, if the ring is full.
     */
    <A, B> boolean tryPublishEvent(EventTranslatorTwoArg<E, A, B> translator, A arg0, B arg1);

    /**
     * Claims one slot, fills it with {@code translator} from the arguments and publishes it.
     *
     * @param translator fills the event.
     * @param arg0       argument 0.
     * @param arg1       argument 1.
     * @param arg2       argument 2.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     * @param <C>        argument 2's type.
     */
    <A, B, C> void publishEvent(EventTranslatorThreeArg<E, A, B, C> translator, A arg0, B arg1, C arg2);

    /**
     * Like {@code publishEvent}, if there is room.
     *
     * @param translator fills the event.
     * @param arg0       argument 0.
     * @param arg1       argument 1.
     * @param arg2       argument 2.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     * @param <C>        argument 2's type.
     * @return false, having published nothing, if the ring is full.
     */
    <A, B, C> boolean tryPublishEvent(EventTranslatorThreeArg<E, A, B, C> translator, A arg0, B arg1, C arg2);

    /**
     * Claims one slot, fills it with {@code translator} from the arguments and publishes it.
     *
     * @param translator fills the event.
     * @param args       the arguments.
     */
    void publishEvent(EventTranslatorVararg<E> translator, Object... args);

    /**
     * Like {@code publishEvent}, if there is room.
     *
     * @param translator fills the event.
     * @param args       the arguments.
     * @return false, having published nothing, if the ring is full.
     */
    boolean tryPublishEvent(EventTranslatorVararg<E> translator, Object... args);

    /**
     * Claims one slot per translator, fills each and publishes them all at once.
     *
     * @param translators the translators, one per event.
     */
    void publishEvents(EventTranslator<E>[] translators);

    /**
     * Claims one slot per translator, fills each and publishes them all at once.
     *
     * @param translators    the translators, one per event.
     * @param batchStartsAt the index of the first translator used.
     * @param batchSize     the number of events, from 1 to the ring size.
     */
    void publishEvents(EventTranslator<E>[] translators, int batchStartsAt, int batchSize);

    /**
     * Like {@code publishEvents}, if there is room for the whole batch.
     *
     * @param translators the translators, one per event.
     * @return false, having published nothing, if the ring lacks room.
     */
    boolean tryPublishEvents(EventTranslator<E>[] translators);

    /**
     * Like {@code publishEvents}, if there is room for the whole batch.
     *
     * @param translators    the translators, one per event.
     * @param batchStartsAt the index of the first translator used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @return false, having published nothing, if the ring lacks room.
     */
    boolean tryPublishEvents(EventTranslator<E>[] translators, int batchStartsAt, int batchSize);

    /**
     * Claims one slot per element of {@code args0}, fills each and publishes them all at once.
     *
     * @param translator fills each event.
     * @param args0      argument 0 of each event.
     * @param <A>        argument 0's type.
     */
    <A> void publishEvents(EventTranslatorOneArg<E, A> translator, A[] args0);

    /**
     * Claims one slot per element of {@code args0}, fills each and publishes them all at once.
     *
     * @param translator fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0      argument 0 of each event.
     * @param <A>        argument 0's type.
     */
    <A> void publishEvents(EventTranslatorOneArg<E, A> translator, int batchStartsAt, int batchSize, A[] args0);

    /**
     * Like {@code publishEvents}, if there is room for the whole batch.
     *
     * @param translator fills each event.
     * @param args0      argument 0 of each event.
     * @param <A>        argument 0's type.
     * @return false, having published nothing, if the ring lacks room.
     */
    <A> boolean tryPublishEvents(EventTranslatorOneArg<E, A> translator, A[] args0);

    /**
     * Like {@code publishEvents}, if there is room for the whole batch.
     *
     * @param translator fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0      argument 0 of each event.
     * @param <A>        argument 0's type.
     * @return false, having published nothing, if the ring lacks room.
     */
    <A> boolean tryPublishEvents(EventTranslatorOneArg<E, A> translator, int batchStartsAt, int batchSize, A[] args0);

    /**
     * Claims one slot per pair {@code (args0[i], args1[i])}, fills each and publishes them all at once.
     *
     * @param translator fills each event.
     * @param args0      argument 0 of each event.
     * @param args1      argument 1 of each event, as many as args0.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     */
    <A, B> void publishEvents(EventTranslatorTwoArg<E, A, B> translator, A[] args0, B[] args1);

    /**
     * Claims one slot per pair {@code (args0[i], args1[i])}, fills each and publishes them all at once.
     *
     * @param translator fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0      argument 0 of each event.
     * @param args1      argument 1 of each event, as many as args0.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     */
    <A, B> void publishEvents(
        EventTranslatorTwoArg<E, A, B> translator, int batchStartsAt, int batchSize, A[] args0, B[] args1);

    /**
     * Like {@code publishEvents}, if there is room for the whole batch.
     *
     * @param translator fills each event.
     * @param args0      argument 0 of each event.
     * @param args1      argument 1 of each event, as many as args0.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     * @return false, having published nothing, if the ring lacks room.
     */
    <A, B> boolean tryPublishEvents(EventTranslatorTwoArg<E, A, B> translator, A[] args0, B[] args1);

    /**
     * Like {@code publishEvents}, if there is room for the whole batch.
     *
     * @param translator fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0      argument 0 of each event.
     * @param args1      argument 1 of each event, as many as args0.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     * @return false, having published nothing, if the ring lacks room.
     */
    <A, B> boolean tryPublishEvents(
        EventTranslatorTwoArg<E, A, B> translator, int batchStartsAt, int batchSize, A[] args0, B[] args1);

    /**
     * Claims one slot per triple {@code (args0[i], args1[i], args2[i])}, fills each and publishes them
     * all at once.
     *
     * @param translator fills each event.
     * @param args0      argument 0 of each event.
     * @param args1      argument 1 of each event, as many as args0.
     * @param args2      argument 2 of each event, as many as args0.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     * @param <C>        argument 2's type.
     */
    <A, B, C> void publishEvents(EventTranslatorThreeArg<E, A, B, C> translator, A[] args0, B[] args1, C[] args2);

    /**
     * Claims one slot per triple {@code (args0[i], args1[i], args2[i])}, fills each and publishes them
     * all at once.
     *
     * @param translator fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0      argument 0 of each event.
     * @param args1      argument 1 of each event, as many as args0.
     * @param args2      argument 2 of each event, as many as args0.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     * @param <C>        argument 2's type.
     */
    <A, B, C> void publishEvents(
        EventTranslatorThreeArg<E, A, B, C> translator, int batchStartsAt, int batchSize, A[] args0, B[] args1,
        C[] args2);

    /**
     * Like {@code publishEvents}, if there is room for the whole batch.
     *
     * @param translator fills each event.
     * @param args0      argument 0 of each event.
     * @param args1      argument 1 of each event, as many as args0.
     * @param args2      argument 2 of each event, as many as args0.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     * @param <C>        argument 2's type.
     * @return false, having published nothing, if the ring lacks room.
     */
    <A, B, C> boolean tryPublishEvents(EventTranslatorThreeArg<E, A, B, C> translator, A[] args0, B[] args1, C[] args2);

    /**
     * Like {@code publishEvents}, if there is room for the whole batch.
     *
     * @param translator fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0      argument 0 of each event.
     * @param args1      argument 1 of each event, as many as args0.
     * @param args2      argument 2 of each event, as many as args0.
     * @param <A>        argument 0's type.
     * @param <B>        argument 1's type.
     * @param <C>        argument 2's type.
     * @return false, having published nothing, if the ring lacks room.
     */
    <A, B, C> boolean tryPublishEvents(
        EventTranslatorThreeArg<E, A, B, C> translator, int batchStartsAt, int batchSize, A[] args0, B[] args1,
        C[] args2);

    /**
     * Claims one slot per element of {@code args} (an argument array per event), fills each and
     * publishes them all at once.
     *
     * @param translator fills each event.
     * @param args       the argument arrays, one per event.
     */
    void publishEvents(EventTranslatorVararg<E> translator, Object[]... args);

    /**
     * Claims one slot per element of {@code args} (an argument array per event), fills each and
     * publishes them all at once.
     *
     * @param translator fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args       the argument arrays, one per event.
     */
    void publishEvents(EventTranslatorVararg<E> translator, int batchStartsAt, int batchSize, Object[]... args);

    /**
     * Like {@code publishEvents}, if there is room for the whole batch.
     *
     * @param translator fills each event.
     * @param args       the argument arrays, one per event.
     * @return false, having published nothing, if the ring lacks room.
     */
    boolean tryPublishEvents(EventTranslatorVararg<E> translator, Object[]... args);

    /**
     * Like {@code publishEvents}, if there is room for the whole batch.
     *
     * @param translator fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args       the argument arrays, one per event.
     * @return false, having published nothing, if the ring lacks room.
     */
    boolean tryPublishEvents(EventTranslatorVararg<E> translator, int batchStartsAt, int batchSize, Object[]... args);
}
