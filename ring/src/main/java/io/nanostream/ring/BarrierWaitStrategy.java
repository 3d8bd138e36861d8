package io.nanostream.ring;

/**
 * The ring's own wait strategies: besides the Disruptor's contract they wait directly on the ring's barrier, which
 * reads publication from where it lives (a cursor, per-slot flags or the events) rather than from one cursor sequence.
 */
abstract class BarrierWaitStrategy implements WaitStrategy
{
    /**
     * Waits until {@code sequence} is available through the ring's own barrier.
     *
     * @throws AlertException       if the barrier is alerted or the thread interrupted.
     * @throws InterruptedException if a fallback strategy of the user's reports an interrupt so.
     * @throws TimeoutException     if the strategy times out.
     */
    abstract void await(long sequence, ProcessingSequenceBarrier barrier) throws InterruptedException, TimeoutException;
}
