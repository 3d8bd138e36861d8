package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/**
 * What a consumer waits on: the producers' publication of each slot (for a first-stage consumer) or
 * the sequences of the handlers it follows. Alerting the barrier pulls a waiting consumer out of its
 * wait with an {@link AlertException}.
 */
public final class SequenceBarrier
{
    private final Sequencer sequencer;
    private final Sequence[] dependents;
    private final WaitStrategy waitStrategy;
    private final boolean signalWaiters;
    private final int scanLength;
    private volatile boolean alerted;

    SequenceBarrier(final Sequencer sequencer, final Sequence[] dependents)
    {
        this.sequencer = sequencer;
        this.dependents = dependents.clone();
        this.waitStrategy = sequencer.waitStrategy;
        this.signalWaiters = sequencer.signalWaiters;
        this.scanLength = sequencer.bufferSize;
        for (final Sequence dependent : this.dependents)
        {
            if (dependent == null)
            {
                throw new NullPointerException("a dependent sequence is null");
            }
        }
    }

    /**
     * Waits, with the ring's wait strategy, until {@code sequence} is available.
     *
     * @param sequence the sequence wanted.
     * @return an available sequence of at least {@code sequence}: the highest when it did not have to
     * wait, possibly just {@code sequence} when it did (the next call reads ahead).
     * @throws AlertException       if the barrier is or becomes alerted.
     * @throws WaitTimeoutException if a timing-out wait strategy gives up.
     */
    public long waitFor(final long sequence)
    {
        checkAlert();
        final long available = highestAvailable(sequence);
        if (available >= sequence)
        {
            return available;
        }
        return waitStrategy.waitFor(sequence, this);
    }

    /**
     * Without waiting: the highest sequence from {@code sequence} on that is available, with every one
     * before it; {@code sequence - 1} or less if {@code sequence} itself is not.
     *
     * @param sequence the first sequence wanted.
     * @return the highest available sequence.
     */
    public long highestAvailable(final long sequence)
    {
        final Sequence[] dependents = this.dependents;
        if (dependents.length == 0)
        {
            return sequencer.highestPublished(sequence, sequence + scanLength - 1);
        }
        long minimum = dependents[0].get();
        for (int i = 1; i < dependents.length; i++)
        {
            minimum = Math.min(minimum, dependents[i].get());
        }
        return minimum;
    }

    /**
     * Without waiting, and cheaply: a sequence at least {@code sequence} that is available (not
     * necessarily the highest), or less than {@code sequence} if it is not available yet. Wait strategies
     * probe with this while they wait, so that a consumer that has waited for one event handles it at
     * once, without first reading ahead for more.
     *
     * @param sequence the sequence wanted.
     * @return an available sequence of at least {@code sequence}, or less than {@code sequence}.
     */
    public long available(final long sequence)
    {
        final Sequence[] dependents = this.dependents;
        if (dependents.length == 0)
        {
            return sequencer.highestPublished(sequence, sequence);
        }
        long minimum = dependents[0].get();
        for (int i = 1; i < dependents.length; i++)
        {
            minimum = Math.min(minimum, dependents[i].get());
        }
        return minimum;
    }

    /** Alerts the barrier: waiting consumers leave their wait with an {@link AlertException}. */
    public void alert()
    {
        alerted = true;
        waitStrategy.signalAllWhenBlocking();
    }

    /** Clears the alert, so that the barrier can be waited on again. */
    public void clearAlert()
    {
        alerted = false;
    }

    /**
     * Whether the barrier is alerted.
     *
     * @return true if alerted.
     */
    public boolean isAlerted()
    {
        return alerted;
    }

    /**
     * Throws if the barrier is alerted; wait strategies call this while they wait.
     *
     * @throws AlertException if alerted.
     */
    public void checkAlert()
    {
        if (alerted)
        {
            throw AlertException.INSTANCE;
        }
    }

    /** A new barrier on the same dependencies, with an alert of its own. */
    SequenceBarrier copy()
    {
        return new SequenceBarrier(sequencer, dependents);
    }

    /** Wakes consumers blocked behind this barrier's consumer after it has advanced its sequence. */
    void signalProgress()
    {
        if (signalWaiters)
        {
            waitStrategy.signalAllWhenBlocking();
        }
    }
}
