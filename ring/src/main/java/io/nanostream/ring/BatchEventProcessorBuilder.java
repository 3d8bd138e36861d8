package io.nanostream.ring;

/**
 * Builds {@link BatchEventProcessor}s, the Disruptor's way: set the batch limit, then build one per handler.
 *
 * <pre>{@code
 * BatchEventProcessor<Trade> processor = new BatchEventProcessorBuilder().setMaxBatchSize(64)
 *     .build(ring, ring.newBarrier(), journal);
 * ring.addGatingSequences(processor.getSequence());
 * }</pre>
 */
public final class BatchEventProcessorBuilder
{
    private int maxBatchSize = Integer.MAX_VALUE;

    /** Creates a builder with no batch limit. */
    public BatchEventProcessorBuilder()
    {
    }

    /**
     * Sets the most events a processor hands over between two advances of its sequence.
     *
     * @param maxBatchSize at least 1; default unlimited.
     * @return this builder.
     */
    public BatchEventProcessorBuilder setMaxBatchSize(final int maxBatchSize)
    {
        if (maxBatchSize < 1)
        {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /**
     * Builds a processor that does not rewind.
     *
     * @param dataProvider the ring to read.
     * @param barrier      what to wait on.
     * @param handler      the handler.
     * @param <T>          the event type.
     * @return the processor.
     */
    public <T> BatchEventProcessor<T> build(
        final DataProvider<T> dataProvider, final SequenceBarrier barrier, final EventHandler<? super T> handler)
    {
        final BatchEventProcessor<T> processor = new BatchEventProcessor<>(dataProvider, barrier, handler);
        processor.setMaxBatchSize(maxBatchSize);
        return processor;
    }

    /**
     * Builds a processor that replays batches when its handler asks and the strategy agrees.
     *
     * @param dataProvider        the ring to read.
     * @param barrier             what to wait on.
     * @param handler             the handler.
     * @param batchRewindStrategy decides on each rewind request.
     * @param <T>                 the event type.
     * @return the processor.
     */
    public <T> BatchEventProcessor<T> build(
        final DataProvider<T> dataProvider,
        final SequenceBarrier barrier,
        final RewindableEventHandler<? super T> handler,
        final BatchRewindStrategy batchRewindStrategy)
    {
        return new BatchEventProcessor<>(dataProvider, barrier, handler, maxBatchSize, batchRewindStrategy);
    }
}
