package io.nanostream.ring;

/**
 * The translator-based ways to publish, which a {@link RingBuffer} offers: claim, fill through a
 * translator, publish, in one call that publishes even when the translator throws.
 *
 * @param <E> the event type.
 */
abstract class RingBufferTranslators<E> extends RingBufferRightPadding<E>
{
    RingBufferTranslators(final Object[] entries, final Sequencer sequencer)
    {
        super(entries, sequencer);
    }

    /**
     * Claims a slot, fills it with the translator and publishes it (even if the translator throws,
     * so the ring never stalls on a hole).
     *
     * @param translator fills the event.
     */
    public void publishEvent(final EventTranslator<E> translator)
    {
        translateAndPublish(translator, sequencer.next());
    }

    /**
     * Publishes like {@link #publishEvent(EventTranslator)} if there is room.
     *
     * @param translator fills the event.
     * @return false, having published nothing, if the ring is full.
     * @throws RingHaltedException if the ring is full because it was halted.
     */
    public boolean tryPublishEvent(final EventTranslator<E> translator)
    {
        if (!sequencer.hasAvailableCapacity(1))
        {
            sequencer.throwIfHalted();
            return false;
        }
        try
        {
            translateAndPublish(translator, sequencer.tryNext(1));
            return true;
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
    }

    /**
     * Claims a slot, fills it from one argument and publishes it.
     *
     * @param translator fills the event.
     * @param arg0       the argument.
     * @param <A>        the argument type.
     */
    public <A> void publishEvent(final EventTranslatorOneArg<E, A> translator, final A arg0)
    {
        final long sequence = sequencer.next();
        try
        {
            translator.translateTo(get(sequence), sequence, arg0);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    /**
     * Publishes like {@link #publishEvent(EventTranslatorOneArg, Object)} if there is room.
     *
     * @param translator fills the event.
     * @param arg0       the argument.
     * @param <A>        the argument type.
     * @return false, having published nothing, if the ring is full.
     */
    public <A> boolean tryPublishEvent(final EventTranslatorOneArg<E, A> translator, final A arg0)
    {
        final long sequence = tryClaim(1);
        if (sequence < 0)
        {
            return false;
        }
        try
        {
            translator.translateTo(get(sequence), sequence, arg0);
        }
        finally
        {
            sequencer.publish(sequence);
        }
        return true;
    }

    /**
     * Claims a slot, fills it from two arguments and publishes it.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     */
    public <A, B> void publishEvent(final EventTranslatorTwoArg<E, A, B> translator, final A arg0, final B arg1)
    {
        final long sequence = sequencer.next();
        try
        {
            translator.translateTo(get(sequence), sequence, arg0, arg1);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    /**
     * Claims a slot, fills it from three arguments and publishes it.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param arg2       the third argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @param <C>        the third argument's type.
     */
    public <A, B, C> void publishEvent(
        final EventTranslatorThreeArg<E, A, B, C> translator, final A arg0, final B arg1, final C arg2)
    {
        final long sequence = sequencer.next();
        try
        {
            translator.translateTo(get(sequence), sequence, arg0, arg1, arg2);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    /**
     * Claims one slot per translator, fills each and publishes them all at once.
     *
     * @param translators fill the events, in order.
     */
    public void publishEvents(final EventTranslator<E>[] translators)
    {
        final int count = checkBatch(0, translators.length, translators.length);
        final long hi = sequencer.next(count);
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translators[i].translateTo(get(lo + i), lo + i);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    /**
     * Claims one slot per argument in {@code args[start .. start + count)}, fills each from its argument
     * and publishes them all at once.
     *
     * @param translator fills each event.
     * @param start      the index of the first argument.
     * @param count      the number of events, from 1 to the ring size.
     * @param args       the arguments.
     * @param <A>        the argument type.
     */
    public <A> void publishEvents(
        final EventTranslatorOneArg<E, A> translator, final int start, final int count, final A[] args)
    {
        checkBatch(start, count, args.length);
        final long hi = sequencer.next(count);
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

    /**
     * Publishes one event per element of {@code args}, all at once.
     *
     * @param translator fills each event.
     * @param args       the arguments.
     * @param <A>        the argument type.
     */
    public <A> void publishEvents(final EventTranslatorOneArg<E, A> translator, final A[] args)
    {
        publishEvents(translator, 0, args.length, args);
    }

    /**
     * Publishes like {@link #publishEvents(EventTranslatorOneArg, int, int, Object[])} if there is room
     * for the whole batch.
     *
     * @param translator fills each event.
     * @param start      the index of the first argument.
     * @param count      the number of events.
     * @param args       the arguments.
     * @param <A>        the argument type.
     * @return false, having published nothing, if the ring lacks room.
     */
    public <A> boolean tryPublishEvents(
        final EventTranslatorOneArg<E, A> translator, final int start, final int count, final A[] args)
    {
        checkBatch(start, count, args.length);
        final long hi = tryClaim(count);
        if (hi < 0)
        {
            return false;
        }
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
        return true;
    }

    /**
     * Publishes one event per pair {@code (args0[i], args1[i])}, all at once.
     *
     * @param translator fills each event.
     * @param args0      the first arguments.
     * @param args1      the second arguments, as many as the first.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     */
    public <A, B> void publishEvents(final EventTranslatorTwoArg<E, A, B> translator, final A[] args0, final B[] args1)
    {
        final int count = checkBatch(0, args0.length, args1.length);
        final long hi = sequencer.next(count);
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(get(lo + i), lo + i, args0[i], args1[i]);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    /**
     * Publishes one event per triple {@code (args0[i], args1[i], args2[i])}, all at once.
     *
     * @param translator fills each event.
     * @param args0      the first arguments.
     * @param args1      the second arguments, as many as the first.
     * @param args2      the third arguments, as many as the first.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @param <C>        the third argument's type.
     */
    public <A, B, C> void publishEvents(
        final EventTranslatorThreeArg<E, A, B, C> translator, final A[] args0, final B[] args1, final C[] args2)
    {
        final int count = checkBatch(0, args0.length, Math.min(args1.length, args2.length));
        if (args1.length != args0.length || args2.length != args0.length)
        {
            throw new IllegalArgumentException("argument arrays differ in length: " + args0.length + ", " +
                args1.length + ", " + args2.length + "; pass one element per event in each");
        }
        final long hi = sequencer.next(count);
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(get(lo + i), lo + i, args0[i], args1[i], args2[i]);
            }
        }
        finally
        {
            sequencer.publish(lo, hi);
        }
    }

    private void translateAndPublish(final EventTranslator<E> translator, final long sequence)
    {
        try
        {
            translator.translateTo(get(sequence), sequence);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    private long tryClaim(final int n)
    {
        if (!sequencer.hasAvailableCapacity(n))
        {
            sequencer.throwIfHalted();
            return -1;
        }
        try
        {
            return sequencer.tryNext(n);
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1;
        }
    }

    private int checkBatch(final int start, final int count, final int available)
    {
        if (start < 0 || count < 1 || count > sequencer.bufferSize || start + count > available)
        {
            throw new IllegalArgumentException("bad batch: start " + start + ", count " + count + " with " + available +
                " arguments and ring size " + sequencer.bufferSize + "; need 1 <= count <= ring size and start + count <= arguments");
        }
        return count;
    }
}
