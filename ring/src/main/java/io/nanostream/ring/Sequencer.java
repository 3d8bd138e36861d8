package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/**
 * Coordinates claiming and publication for a ring: hands out sequences to producers, records which are
 * published, and keeps producers behind the slowest gating consumer. The two kinds are
 * {@link SingleProducerSequencer} and {@link MultiProducerSequencer}; the interface is sealed, because
 * the ring's consumers rely on every publication waking their wait strategy.
 */
public sealed interface Sequencer extends Cursored, Sequenced permits AbstractSequencer
{
    /** The cursor of a sequencer that has handed out nothing yet. */
    long INITIAL_CURSOR_VALUE = Sequence.INITIAL_VALUE;

    /**
     * Moves the claim position to {@code sequence}, for starting a new ring at a chosen sequence before
     * anything is claimed or consumed; the next claim is {@code sequence + 1}.
     *
     * @param sequence the sequence to claim.
     */
    void claim(long sequence);

    /**
     * Whether {@code sequence} is published and not yet overwritten by a later lap.
     *
     * @param sequence the sequence.
     * @return true if its event is available to consumers.
     */
    boolean isAvailable(long sequence);

    /**
     * Adds consumer sequences that producers must not overtake; each is first set to the cursor.
     *
     * @param gatingSequences the sequences.
     */
    void addGatingSequences(Sequence... gatingSequences);

    /**
     * Removes a gating sequence.
     *
     * @param sequence the sequence.
     * @return true if it was gating.
     */
    boolean removeGatingSequence(Sequence sequence);

    /**
     * A barrier for consumers that follow {@code sequencesToTrack} (published events when empty).
     *
     * @param sequencesToTrack the sequences of the handlers to follow.
     * @return the barrier.
     */
    SequenceBarrier newBarrier(Sequence... sequencesToTrack);

    /**
     * The slowest gating sequence, or the cursor when there is none.
     *
     * @return the minimum.
     */
    long getMinimumSequence();

    /**
     * The highest sequence from {@code nextSequence} to {@code availableSequence} such that it and every
     * one before it from {@code nextSequence} are published.
     *
     * @param nextSequence      the first sequence wanted.
     * @param availableSequence the highest that may be available.
     * @return the highest published one, or less than {@code nextSequence} if that is not published.
     */
    long getHighestPublishedSequence(long nextSequence, long availableSequence);

    /**
     * A poller that reads events from {@code provider} as this sequencer publishes them.
     *
     * @param provider        where the events are.
     * @param gatingSequences the sequences of the handlers to follow; none for a first stage.
     * @param <T>             the event type.
     * @return the poller; gate the sequencer on its sequence.
     */
    <T> EventPoller<T> newPoller(DataProvider<T> provider, Sequence... gatingSequences);
}
