package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/**
 * A consumer of a ring that runs on a thread of its own until halted. Give each processor a barrier of
 * its own: alerting a shared barrier would wake every processor on it.
 */
public interface EventProcessor extends Runnable
{
    /**
     * The sequence of the last event this processor is done with; producers gate on it.
     *
     * @return the processor's sequence.
     */
    Sequence getSequence();

    /**
     * Asks the processor to stop (a batch processor after the batch in hand, a worker after its event);
     * returns without waiting.
     */
    void halt();

    /**
     * Whether the processor's {@link #run()} is executing.
     *
     * @return true while running.
     */
    boolean isRunning();
}
