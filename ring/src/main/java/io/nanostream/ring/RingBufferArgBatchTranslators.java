package io.nanostream.ring;

/**
 * The batch translator forms of {@link EventSink} with two and three arguments per event, which a
 * {@link RingBuffer} offers: check the arguments, claim the whole batch at once, fill each event,
 * publish the batch at once (even when a translator throws).
 *
 * @param <E> the event type.
 */
abstract class RingBufferArgBatchTranslators<E> extends RingBufferBatchTranslators<E>
{
    RingBufferArgBatchTranslators(final Object[] entries, final AbstractSequencer sequencer)
    {
        super(entries, sequencer);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorTwoArg, Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     */
    public <A, B> void publishEvents(final EventTranslatorTwoArg<E, A, B> translator, final A[] args0, final B[] args1)
    {
        publishEvents(translator, 0, args0 == null ? 0 : args0.length, args0, args1);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorTwoArg, int, int, Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     */
    public <A, B> void publishEvents(
        final EventTranslatorTwoArg<E, A, B> translator,
        final int batchStartsAt, final int batchSize, final A[] args0, final B[] args1)
    {
        required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        checkRange(args1, "args1", batchStartsAt, batchSize);
        fill2(translator, batchStartsAt, batchSize, args0, args1, sequencer.next(batchSize));
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorTwoArg, Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A, B> boolean tryPublishEvents(final EventTranslatorTwoArg<E, A, B> translator, final A[] args0, final B[] args1)
    {
        return tryPublishEvents(translator, 0, args0 == null ? 0 : args0.length, args0, args1);
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorTwoArg, int, int, Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A, B> boolean tryPublishEvents(
        final EventTranslatorTwoArg<E, A, B> translator,
        final int batchStartsAt, final int batchSize, final A[] args0, final B[] args1)
    {
        required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        checkRange(args1, "args1", batchStartsAt, batchSize);
        final long hi = tryClaim(batchSize);
        if (hi == NO_ROOM)
        {
            return false;
        }
        fill2(translator, batchStartsAt, batchSize, args0, args1, hi);
        return true;
    }

    private <A, B> void fill2(
        final EventTranslatorTwoArg<E, A, B> translator, final int start,
        final int count, final A[] args0, final B[] args1, final long hi)
    {
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(get(lo + i), lo + i, args0[start + i], args1[start + i]);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorThreeArg, Object[], Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param args2         argument 2 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @param <C>           an argument type.
     */
    public <A, B, C> void publishEvents(
        final EventTranslatorThreeArg<E, A, B, C> translator, final A[] args0, final B[] args1, final C[] args2)
    {
        publishEvents(translator, 0, args0 == null ? 0 : args0.length, args0, args1, args2);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorThreeArg, int, int, Object[], Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param args2         argument 2 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @param <C>           an argument type.
     */
    public <A, B, C> void publishEvents(
        final EventTranslatorThreeArg<E, A, B, C> translator,
        final int batchStartsAt, final int batchSize, final A[] args0, final B[] args1, final C[] args2)
    {
        required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        checkRange(args1, "args1", batchStartsAt, batchSize);
        checkRange(args2, "args2", batchStartsAt, batchSize);
        fill3(translator, batchStartsAt, batchSize, args0, args1, args2, sequencer.next(batchSize));
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorThreeArg, Object[], Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param args2         argument 2 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @param <C>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A, B, C> boolean tryPublishEvents(
        final EventTranslatorThreeArg<E, A, B, C> translator, final A[] args0, final B[] args1, final C[] args2)
    {
        return tryPublishEvents(translator, 0, args0 == null ? 0 : args0.length, args0, args1, args2);
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorThreeArg, int, int, Object[], Object[], Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param args1         argument 1 of each event.
     * @param args2         argument 2 of each event.
     * @param <A>           an argument type.
     * @param <B>           an argument type.
     * @param <C>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A, B, C> boolean tryPublishEvents(
        final EventTranslatorThreeArg<E, A, B, C> translator,
        final int batchStartsAt, final int batchSize, final A[] args0, final B[] args1, final C[] args2)
    {
        required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        checkRange(args1, "args1", batchStartsAt, batchSize);
        checkRange(args2, "args2", batchStartsAt, batchSize);
        final long hi = tryClaim(batchSize);
        if (hi == NO_ROOM)
        {
            return false;
        }
        fill3(translator, batchStartsAt, batchSize, args0, args1, args2, hi);
        return true;
    }

    private <A, B, C> void fill3(
        final EventTranslatorThreeArg<E, A, B, C> translator, final int start,
        final int count, final A[] args0, final B[] args1, final C[] args2, final long hi)
    {
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(get(lo + i), lo + i, args0[start + i], args1[start + i], args2[start + i]);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }
}
