package io.nanostream.ring;

/**
 * Several handlers called one after another on one processor's thread, as one handler: each event,
 * batch start, start, shutdown and timeout goes to each in turn. A failure in one stops the others from
 * seeing that call (the processor's exception handler sees it).
 *
 * @param <E> the event type.
 */
public final class AggregateEventHandler<E> implements EventHandler<E>
{
    private final EventHandler<E>[] handlers;

    /**
     * Creates the aggregate.
     *
     * @param handlers the handlers, in calling order.
     */
    @SafeVarargs
    public AggregateEventHandler(final EventHandler<E>... handlers)
    {
        if (handlers == null)
        {
            throw new NullPointerException("handlers is null");
        }
        for (int i = 0; i < handlers.length; i++)
        {
            if (handlers[i] == null)
            {
                throw new NullPointerException("handlers[" + i + "] is null");
            }
        }
        this.handlers = handlers.clone();
    }

    @Override
    public void onEvent(final E event, final long sequence, final boolean endOfBatch) throws Exception
    {
        for (final EventHandler<E> handler : handlers)
        {
            handler.onEvent(event, sequence, endOfBatch);
        }
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        for (final EventHandler<E> handler : handlers)
        {
            handler.onBatchStart(batchSize, queueDepth);
        }
    }

    @Override
    public void onStart()
    {
        for (final EventHandler<E> handler : handlers)
        {
            handler.onStart();
        }
    }

    @Override
    public void onShutdown()
    {
        for (final EventHandler<E> handler : handlers)
        {
            handler.onShutdown();
        }
    }

    @Override
    public void onTimeout(final long sequence) throws Exception
    {
        for (final EventHandler<E> handler : handlers)
        {
            handler.onTimeout(sequence);
        }
    }
}
