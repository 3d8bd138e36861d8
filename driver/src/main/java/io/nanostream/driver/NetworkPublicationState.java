package io.nanostream.driver;

import io.nanostream.buffer.CounterSet;
import io.nanostream.driver.udp.NetworkPublication;
import io.nanostream.log.LogLayout;

/**
 * The conductor's side of a {@link NetworkPublication}: references from clients, the publisher limit
 * (the lower of the sender position and any spy's position, plus half a term, raised in trips), cleaning
 * behind it, and the drain and linger that end it.
 */
final class NetworkPublicationState
{
    enum State
    {
        ACTIVE, DRAINING, LINGERING
    }

    final NetworkPublication publication;
    final boolean exclusive;
    final int termLength;
    final int limitCounterId;
    final int positionCounterId;
    final int backPressureCounterId;
    private final int[] senderCounterIds;
    private final int window;
    /** Spy subscriptions reading this publication's log: subscriber position counters by subscription id. */
    final java.util.Map<Long, SubscriberPosition> spies = new java.util.HashMap<>();
    int refCount;
    private State state = State.ACTIVE;
    private long tripLimit;
    private long cleanPosition;
    private long lastProducerPosition = -1;
    private long lingerDeadlineNanos;

    NetworkPublicationState(
        final NetworkPublication publication, final boolean exclusive, final int limitCounterId, final int positionCounterId,
        final int backPressureCounterId, final int[] senderCounterIds)
    {
        this.publication = publication;
        this.exclusive = exclusive;
        this.termLength = publication.log.termLength();
        this.window = termLength / 2;
        this.limitCounterId = limitCounterId;
        this.positionCounterId = positionCounterId;
        this.backPressureCounterId = backPressureCounterId;
        this.senderCounterIds = senderCounterIds.clone();
    }

    int streamId()
    {
        return publication.streamId;
    }

    int sessionId()
    {
        return publication.sessionId;
    }

    boolean isActive()
    {
        return state == State.ACTIVE;
    }

    int[] counterIds()
    {
        final int[] ids = java.util.Arrays.copyOf(senderCounterIds, senderCounterIds.length + 3);
        ids[senderCounterIds.length] = limitCounterId;
        ids[senderCounterIds.length + 1] = positionCounterId;
        ids[senderCounterIds.length + 2] = backPressureCounterId;
        return ids;
    }

    long producerPosition()
    {
        return publication.log.producerPosition();
    }

    int update(final CounterSet counters)
    {
        final long producerPosition = producerPosition();
        if (producerPosition != lastProducerPosition)
        {
            lastProducerPosition = producerPosition;
            counters.set(positionCounterId, producerPosition);
        }
        if (state != State.ACTIVE || !publication.isConnected())
        {
            return 0;
        }
        long senderPosition = publication.senderPosition();
        for (final SubscriberPosition spy : spies.values())
        {
            senderPosition = Math.min(senderPosition, counters.value(spy.counterId())); // a spy is not overrun or cleaned under
        }
        final long proposedLimit = senderPosition + window;
        if (proposedLimit <= tripLimit)
        {
            return 0;
        }
        int work = 0;
        final long cleanTo = senderPosition - termLength;
        if (cleanPosition < cleanTo)
        {
            publication.log.zero(cleanPosition, cleanTo);
            cleanPosition = cleanTo;
            work++;
        }
        counters.set(limitCounterId, proposedLimit); // the set is a release: cleaned terms are zero before publishers go on
        tripLimit = proposedLimit + window / 8;
        return work + 1;
    }

    void startDraining()
    {
        state = State.DRAINING;
        publication.log.metadata().putLongRelease(LogLayout.END_OF_STREAM_POSITION_OFFSET, producerPosition()); // release: frames before it are final
    }

    /**
     * Moves a closed publication on: drained once the sender has sent everything (or nobody listens), then
     * lingering so that receivers can still repair the end, then done.
     *
     * @return true when done.
     */
    boolean advanceDrain(final long nowNanos, final long lingerNanos)
    {
        if (state == State.DRAINING &&
            (publication.senderPosition() >= publication.log.endOfStreamPosition() || !publication.isConnected()))
        {
            state = State.LINGERING;
            lingerDeadlineNanos = nowNanos + lingerNanos;
            return false;
        }
        return state == State.LINGERING && nowNanos - lingerDeadlineNanos >= 0;
    }
}
