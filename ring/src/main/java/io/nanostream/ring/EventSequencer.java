package io.nanostream.ring;

/**
 * Claims, gives and publishes events: the producer's view of a {@link RingBuffer}.
 *
 * @param <T> the event type.
 */
public interface EventSequencer<T> extends DataProvider<T>, Sequenced
{
}
