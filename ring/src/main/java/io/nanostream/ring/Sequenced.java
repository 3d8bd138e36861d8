package io.nanostream.ring;

/** Hands out sequences to producers and publishes them: the producer's side of a ring or sequencer. */
public interface Sequenced
{
    /**
     * The number of slots.
     *
     * @return the ring size.
     */
    int getBufferSize();

    /**
     * Whether {@code requiredCapacity} slots could be claimed now without waiting.
     *
     * @param requiredCapacity the number of slots.
     * @return true if there is room.
     */
    boolean hasAvailableCapacity(int requiredCapacity);

    /**
     * How many slots could be claimed now without waiting.
     *
     * @return the free slots.
     */
    long remainingCapacity();

    /**
     * Claims the next slot, waiting while the ring is full.
     *
     * @return the claimed sequence.
     */
    long next();

    /**
     * Claims the next {@code n} slots, waiting while the ring is full.
     *
     * @param n how many, from 1 to the ring size.
     * @return the highest claimed sequence.
     */
    long next(int n);

    /**
     * Claims the next slot if there is room.
     *
     * @return the claimed sequence.
     * @throws InsufficientCapacityException if the ring is full.
     */
    long tryNext();

    /**
     * Claims the next {@code n} slots if there is room for all of them.
     *
     * @param n how many, from 1 to the ring size.
     * @return the highest claimed sequence.
     * @throws InsufficientCapacityException if the ring lacks room.
     */
    long tryNext(int n);

    /**
     * Publishes a claimed sequence.
     *
     * @param sequence the sequence.
     */
    void publish(long sequence);

    /**
     * Publishes a range of claimed sequences.
     *
     * @param lo the first.
     * @param hi the last.
     */
    void publish(long lo, long hi);
}
