package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/**
 * How a consumer waits for a sequence to become available: spin, yield, sleep or block.
 *
 * <p>The ring's own strategies block (where they block at all) only until the wanted event is
 * published, which every publication signals; they wait for upstream handlers by polling them, so no
 * processor ever has to signal, and none can leave a waiter asleep. A strategy of your own implements
 * the Disruptor's contract below: block, if you must, only on {@code cursor}, which the sequencer
 * signals through {@link #signalAllWhenBlocking()} after every publication, and poll {@code dependent}.
 */
public interface WaitStrategy
{
    /**
     * Waits until {@code dependent} reaches {@code sequence}, the Disruptor's way.
     *
     * @param sequence  the sequence wanted.
     * @param cursor    the ring's cursor (the highest published with one producer, the highest claimed
     *                  with many); every publication moves it and then signals this strategy.
     * @param dependent what must reach {@code sequence}: the cursor itself for a first-stage consumer,
     *                  else the upstream handler's sequence (a {@link FixedSequenceGroup} for several).
     *                  Nobody signals when it moves: poll it.
     * @param barrier   the barrier waited on; poll its {@link SequenceBarrier#checkAlert()}.
     * @return the value of {@code dependent} seen, at least {@code sequence} unless giving up early.
     * @throws AlertException       if the barrier was alerted (or, for the ring's strategies, the thread interrupted).
     * @throws InterruptedException if the thread was interrupted and the strategy reports it so.
     * @throws TimeoutException     if the strategy times out.
     */
    long waitFor(long sequence, Sequence cursor, Sequence dependent, SequenceBarrier barrier)
        throws AlertException, InterruptedException, TimeoutException;

    /** Wakes threads blocked waiting for publication; the sequencer calls it after every publish. */
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
