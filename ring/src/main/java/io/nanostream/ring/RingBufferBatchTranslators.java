package io.nanostream.ring;

/**
 * The batch translator forms of {@link EventSink} with translator arrays, one argument or argument
 * arrays, which a {@link RingBuffer} offers (two and three arguments are in the next layer): check the
 * arguments, claim the whole batch at once, fill each event, publish the batch at once (even when a
 * translator throws).
 *
 * @param <E> the event type.
 */
abstract class RingBufferBatchTranslators<E> extends RingBufferTranslators<E>
{
    RingBufferBatchTranslators(final Object[] entries, final AbstractSequencer sequencer)
    {
        super(entries, sequencer);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslator[])}.
     *
     * @param translators   the translators, one per event.
     */
    public void publishEvents(final EventTranslator<E>[] translators)
    {
        publishEvents(translators, 0, translators == null ? 0 : translators.length);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslator[], int, int)}.
     *
     * @param translators   the translators, one per event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     */
    public void publishEvents(final EventTranslator<E>[] translators, final int batchStartsAt, final int batchSize)
    {
        checkRange(translators, "translators", batchStartsAt, batchSize);
        checkTranslators(translators, batchStartsAt, batchSize);
        fill0(translators, batchStartsAt, batchSize, sequencer.next(batchSize));
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslator[])}.
     *
     * @param translators   the translators, one per event.
     * @return false, having published nothing, if the ring lacks room.
     */
    public boolean tryPublishEvents(final EventTranslator<E>[] translators)
    {
        return tryPublishEvents(translators, 0, translators == null ? 0 : translators.length);
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslator[], int, int)}.
     *
     * @param translators   the translators, one per event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @return false, having published nothing, if the ring lacks room.
     */
    public boolean tryPublishEvents(final EventTranslator<E>[] translators, final int batchStartsAt, final int batchSize)
    {
        checkRange(translators, "translators", batchStartsAt, batchSize);
        checkTranslators(translators, batchStartsAt, batchSize);
        final long hi = tryClaim(batchSize);
        if (hi == NO_ROOM)
        {
            return false;
        }
        fill0(translators, batchStartsAt, batchSize, hi);
        return true;
    }

    private void fill0(final EventTranslator<E>[] translators, final int start, final int count, final long hi)
    {
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translators[start + i].translateTo(get(lo + i), lo + i);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorOneArg, Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param <A>           an argument type.
     */
    public <A> void publishEvents(final EventTranslatorOneArg<E, A> translator, final A[] args0)
    {
        publishEvents(translator, 0, args0 == null ? 0 : args0.length, args0);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorOneArg, int, int, Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param <A>           an argument type.
     */
    public <A> void publishEvents(
        final EventTranslatorOneArg<E, A> translator, final int batchStartsAt, final int batchSize, final A[] args0)
    {
        required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        fill1(translator, batchStartsAt, batchSize, args0, sequencer.next(batchSize));
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorOneArg, Object[])}.
     *
     * @param translator    fills each event.
     * @param args0         argument 0 of each event.
     * @param <A>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A> boolean tryPublishEvents(final EventTranslatorOneArg<E, A> translator, final A[] args0)
    {
        return tryPublishEvents(translator, 0, args0 == null ? 0 : args0.length, args0);
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorOneArg, int, int, Object[])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args0         argument 0 of each event.
     * @param <A>           an argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A> boolean tryPublishEvents(
        final EventTranslatorOneArg<E, A> translator, final int batchStartsAt, final int batchSize, final A[] args0)
    {
        required(translator, "translator");
        checkRange(args0, "args0", batchStartsAt, batchSize);
        final long hi = tryClaim(batchSize);
        if (hi == NO_ROOM)
        {
            return false;
        }
        fill1(translator, batchStartsAt, batchSize, args0, hi);
        return true;
    }

    private <A> void fill1(
        final EventTranslatorOneArg<E, A> translator, final int start, final int count, final A[] args0, final long hi)
    {
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(get(lo + i), lo + i, args0[start + i]);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorVararg, Object[][])}.
     *
     * @param translator    fills each event.
     * @param args          the argument arrays, one per event.
     */
    public void publishEvents(final EventTranslatorVararg<E> translator, final Object[]... args)
    {
        publishEvents(translator, 0, args == null ? 0 : args.length, args);
    }

    /**
     * See {@link EventSink#publishEvents(EventTranslatorVararg, int, int, Object[][])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args          the argument arrays, one per event.
     */
    public void publishEvents(
        final EventTranslatorVararg<E> translator, final int batchStartsAt, final int batchSize, final Object[]... args)
    {
        required(translator, "translator");
        checkRange(args, "args", batchStartsAt, batchSize);
        fillVararg(translator, batchStartsAt, batchSize, args, sequencer.next(batchSize));
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorVararg, Object[][])}.
     *
     * @param translator    fills each event.
     * @param args          the argument arrays, one per event.
     * @return false, having published nothing, if the ring lacks room.
     */
    public boolean tryPublishEvents(final EventTranslatorVararg<E> translator, final Object[]... args)
    {
        return tryPublishEvents(translator, 0, args == null ? 0 : args.length, args);
    }

    /**
     * See {@link EventSink#tryPublishEvents(EventTranslatorVararg, int, int, Object[][])}.
     *
     * @param translator    fills each event.
     * @param batchStartsAt the index of the first element used.
     * @param batchSize     the number of events, from 1 to the ring size.
     * @param args          the argument arrays, one per event.
     * @return false, having published nothing, if the ring lacks room.
     */
    public boolean tryPublishEvents(
        final EventTranslatorVararg<E> translator, final int batchStartsAt, final int batchSize, final Object[]... args)
    {
        required(translator, "translator");
        checkRange(args, "args", batchStartsAt, batchSize);
        final long hi = tryClaim(batchSize);
        if (hi == NO_ROOM)
        {
            return false;
        }
        fillVararg(translator, batchStartsAt, batchSize, args, hi);
        return true;
    }

    private void fillVararg(
        final EventTranslatorVararg<E> translator, final int start, final int count, final Object[][] args, final long hi)
    {
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(get(lo + i), lo + i, args[start + i]);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    /** Checks that every translator of a batch is given. */
    private static void checkTranslators(final Object[] translators, final int start, final int count)
    {
        for (int i = start; i < start + count; i++)
        {
            if (translators[i] == null)
            {
                throw new NullPointerException("translators[" + i + "] is null");
            }
        }
    }

    /** Checks that {@code array} holds elements {@code start .. start + count - 1}, and that the batch fits the ring. */
    final void checkRange(final Object[] array, final String name, final int start, final int count)
    {
        required(array, name);
        if (start < 0 || count < 1 || count > sequencer.bufferSize || start > array.length - count)
        {
            throw new IllegalArgumentException("bad batch: batchStartsAt " + start + ", batchSize " + count + " with " +
                array.length + " elements in " + name + " and ring size " + sequencer.bufferSize +
                "; need 1 <= batchSize <= ring size and batchStartsAt + batchSize <= elements");
        }
    }
}
