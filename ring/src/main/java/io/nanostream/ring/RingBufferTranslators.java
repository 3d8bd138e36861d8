package io.nanostream.ring;

/**
 * The one-event translator forms of {@link EventSink}, which a {@link RingBuffer} offers: check the
 * translator, claim, fill through the translator, publish (even when the translator throws, so the
 * ring never stalls on a hole).
 *
 * @param <E> the event type.
 */
abstract class RingBufferTranslators<E> extends RingBufferRightPadding<E>
{
    /** What {@link #tryClaim} returns when the ring lacks room; no claim is ever this low. */
    static final long NO_ROOM = Long.MIN_VALUE;

    RingBufferTranslators(final Object[] entries, final AbstractSequencer sequencer)
    {
        super(entries, sequencer);
    }

    /**
     * See {@link EventSink#publishEvent(EventTranslator)}.
     *
     * @param translator fills the event.
     */
    public void publishEvent(final EventTranslator<E> translator)
    {
        required(translator, "translator");
        translate(translator, sequencer.next());
    }

    /**
     * See {@link EventSink#tryPublishEvent(EventTranslator)}.
     *
     * @param translator fills the event.
     * @return false, having published nothing, if the ring is full.
     */
    public boolean tryPublishEvent(final EventTranslator<E> translator)
    {
        required(translator, "translator");
        final long sequence = tryClaim(1);
        if (sequence == NO_ROOM)
        {
            return false;
        }
        translate(translator, sequence);
        return true;
    }

    /**
     * See {@link EventSink#publishEvent(EventTranslatorOneArg, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the argument.
     * @param <A>        its type.
     */
    public <A> void publishEvent(final EventTranslatorOneArg<E, A> translator, final A arg0)
    {
        required(translator, "translator");
        translate(translator, sequencer.next(), arg0);
    }

    /**
     * See {@link EventSink#tryPublishEvent(EventTranslatorOneArg, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the argument.
     * @param <A>        its type.
     * @return false, having published nothing, if the ring is full.
     */
    public <A> boolean tryPublishEvent(final EventTranslatorOneArg<E, A> translator, final A arg0)
    {
        required(translator, "translator");
        final long sequence = tryClaim(1);
        if (sequence == NO_ROOM)
        {
            return false;
        }
        translate(translator, sequence, arg0);
        return true;
    }

    /**
     * See {@link EventSink#publishEvent(EventTranslatorTwoArg, Object, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     */
    public <A, B> void publishEvent(final EventTranslatorTwoArg<E, A, B> translator, final A arg0, final B arg1)
    {
        required(translator, "translator");
        translate(translator, sequencer.next(), arg0, arg1);
    }

    /**
     * See {@link EventSink#tryPublishEvent(EventTranslatorTwoArg, Object, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @return false, having published nothing, if the ring is full.
     */
    public <A, B> boolean tryPublishEvent(final EventTranslatorTwoArg<E, A, B> translator, final A arg0, final B arg1)
    {
        required(translator, "translator");
        final long sequence = tryClaim(1);
        if (sequence == NO_ROOM)
        {
            return false;
        }
        translate(translator, sequence, arg0, arg1);
        return true;
    }

    /**
     * See {@link EventSink#publishEvent(EventTranslatorThreeArg, Object, Object, Object)}.
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
        required(translator, "translator");
        translate(translator, sequencer.next(), arg0, arg1, arg2);
    }

    /**
     * See {@link EventSink#tryPublishEvent(EventTranslatorThreeArg, Object, Object, Object)}.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param arg2       the third argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @param <C>        the third argument's type.
     * @return false, having published nothing, if the ring is full.
     */
    public <A, B, C> boolean tryPublishEvent(
        final EventTranslatorThreeArg<E, A, B, C> translator, final A arg0, final B arg1, final C arg2)
    {
        required(translator, "translator");
        final long sequence = tryClaim(1);
        if (sequence == NO_ROOM)
        {
            return false;
        }
        translate(translator, sequence, arg0, arg1, arg2);
        return true;
    }

    /**
     * See {@link EventSink#publishEvent(EventTranslatorVararg, Object...)}.
     *
     * @param translator fills the event.
     * @param args       the arguments.
     */
    public void publishEvent(final EventTranslatorVararg<E> translator, final Object... args)
    {
        required(translator, "translator");
        translate(translator, sequencer.next(), args);
    }

    /**
     * See {@link EventSink#tryPublishEvent(EventTranslatorVararg, Object...)}.
     *
     * @param translator fills the event.
     * @param args       the arguments.
     * @return false, having published nothing, if the ring is full.
     */
    public boolean tryPublishEvent(final EventTranslatorVararg<E> translator, final Object... args)
    {
        required(translator, "translator");
        final long sequence = tryClaim(1);
        if (sequence == NO_ROOM)
        {
            return false;
        }
        translate(translator, sequence, args);
        return true;
    }

    private void translate(final EventTranslator<E> translator, final long sequence)
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

    private <A> void translate(final EventTranslatorOneArg<E, A> translator, final long sequence, final A arg0)
    {
        try
        {
            translator.translateTo(get(sequence), sequence, arg0);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    private <A, B> void translate(
        final EventTranslatorTwoArg<E, A, B> translator, final long sequence, final A arg0, final B arg1)
    {
        try
        {
            translator.translateTo(get(sequence), sequence, arg0, arg1);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    private <A, B, C> void translate(
        final EventTranslatorThreeArg<E, A, B, C> translator, final long sequence, final A arg0, final B arg1, final C arg2)
    {
        try
        {
            translator.translateTo(get(sequence), sequence, arg0, arg1, arg2);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    private void translate(final EventTranslatorVararg<E> translator, final long sequence, final Object[] args)
    {
        try
        {
            translator.translateTo(get(sequence), sequence, args);
        }
        finally
        {
            sequencer.publish(sequence);
        }
    }

    /** Claims {@code n} slots if there is room; the highest claimed sequence, or {@link #NO_ROOM}. */
    final long tryClaim(final int n)
    {
        if (!sequencer.hasAvailableCapacity(n))
        {
            sequencer.throwIfHalted();
            return NO_ROOM;
        }
        try
        {
            return sequencer.tryNext(n);
        }
        catch (final InsufficientCapacityException ex)
        {
            return NO_ROOM;
        }
    }

    static <T> T required(final T argument, final String name)
    {
        if (argument == null)
        {
            throw new NullPointerException(name + " is null");
        }
        return argument;
    }
}
