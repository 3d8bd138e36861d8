package io.nanostream.ring;

/**
 * How a consumer waits for a sequence to become available: spin, yield, sleep or block.
 *
 * <p>A consumer waits on what its barrier depends on: the producers' publication flags for a first
 * stage, the sequences of upstream handlers for a later one. Producers signal after publishing and
 * processors after each batch, so a blocking strategy blocks (rather than spins) behind a slow
 * upstream handler as well as behind a slow producer.
 */
public interface WaitStrategy
{
    /**
     * Waits until {@code sequence} is available through {@code barrier}.
     *
     * @param sequence the sequence wanted.
     * @param barrier  the barrier whose {@link SequenceBarrier#available(long)} tells readiness and
     *                 whose {@link SequenceBarrier#checkAlert()} must be polled while waiting.
     * @return an available sequence of at least {@code sequence} (not necessarily the highest).
     * @throws AlertException       if the barrier was alerted or the thread interrupted.
     * @throws WaitTimeoutException if the strategy times out.
     */
    long waitFor(long sequence, SequenceBarrier barrier);

    /** Wakes threads blocked in {@link #waitFor}; called after every publish and every processed batch. */
    void signalAllWhenBlocking();

    /**
     * Whether waiters can block and so need {@link #signalAllWhenBlocking()}; strategies that only spin,
     * yield or sleep answer false, and publishers then skip the call altogether.
     *
     * @return true if signals are needed.
     */
    default boolean requiresSignal()
    {
        return true;
    }
}
