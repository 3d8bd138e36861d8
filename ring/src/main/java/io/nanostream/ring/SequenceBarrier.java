package io.nanostream.ring;

/**
 * What a consumer waits on: the producers' publication of each slot (for a first-stage consumer) or
 * the sequences of the handlers it follows. Alerting the barrier pulls a waiting consumer out of its
 * wait with an {@link AlertException}. Made by {@link RingBuffer#newBarrier} or
 * {@link Sequencer#newBarrier}; give each processor a barrier of its own.
 */
public interface SequenceBarrier
{
    /**
     * Waits, with the ring's wait strategy, until {@code sequence} is available.
     *
     * @param sequence the sequence wanted.
     * @return the highest sequence available, at least {@code sequence} for the ring's own wait
     * strategies (a wait strategy of your own may return less, as the Disruptor allows: wait again).
     * @throws AlertException       if the barrier is or becomes alerted.
     * @throws InterruptedException if a wait strategy of your own was interrupted (ours turn an
     *                              interrupt into an {@link AlertException} and keep the thread's interrupt).
     * @throws TimeoutException     if a timing-out wait strategy gives up.
     */
    long waitFor(long sequence) throws AlertException, InterruptedException, TimeoutException;

    /**
     * The sequence this barrier follows, as the Disruptor reports it: the slowest of the handlers it
     * follows, or for a first stage the ring's cursor (the highest published with one producer, the
     * highest claimed with many).
     *
     * @return the cursor.
     */
    long getCursor();

    /**
     * Whether the barrier is alerted.
     *
     * @return true if alerted.
     */
    boolean isAlerted();

    /** Alerts the barrier: waiting consumers leave their wait with an {@link AlertException}. */
    void alert();

    /** Clears the alert, so that the barrier can be waited on again. */
    void clearAlert();

    /**
     * Throws if the barrier is alerted; wait strategies call this while they wait.
     *
     * @throws AlertException if alerted.
     */
    void checkAlert() throws AlertException;

    /**
     * Without waiting: the highest sequence from {@code sequence} on that is available, with every one
     * before it; {@code sequence - 1} or less if {@code sequence} itself is not. The ring's barriers
     * answer; a barrier of your own need not.
     *
     * @param sequence the first sequence wanted.
     * @return the highest available sequence.
     * @throws UnsupportedOperationException if this barrier cannot tell without waiting.
     */
    default long highestAvailable(final long sequence)
    {
        throw new UnsupportedOperationException(getClass().getName() +
            " cannot tell what is available without waiting");
    }
}
