package io.nanostream.driver.conductor;

import io.nanostream.driver.status.PublicationCounters;
import io.nanostream.driver.status.SenderCounters;
import io.nanostream.driver.udp.NetworkPublication;
import io.nanostream.log.LogCleaner;
import io.nanostream.log.LogLayout;

import java.util.HashMap;
import java.util.Map;

/**
 * The conductor's side of a UDP publication: its counters, the clients' links counted, the spies reading
 * its log, and the duties of each cycle: the producer position counter, and the publisher limit raised
 * from the sender position (held to the slowest spy) with cleaning behind it; then draining and
 * lingering once the last client goes. Owned by the conductor thread; the sending itself is the sender
 * thread's.
 */
final class NetworkPublicationEntry
{
    enum State
    {
        ACTIVE, DRAINING, LINGERING
    }

    final NetworkPublication publication;
    final boolean exclusive;
    final int termLength;
    final PublicationCounters counters;
    final SenderCounters senderCounters;
    final Map<Long, SubscriberPosition> spies = new HashMap<>();
    private final int window;
    int refCount;
    private State state = State.ACTIVE;
    private long tripLimit;
    private final LogCleaner cleaner;
    private long lastProducerPosition = -1;
    private long lingerDeadlineNanos;

    NetworkPublicationEntry(
        final NetworkPublication publication, final boolean exclusive, final PublicationCounters counters, final SenderCounters senderCounters)
    {
        this.publication = publication;
        this.exclusive = exclusive;
        this.termLength = publication.log.termLength();
        this.window = termLength / 2;
        this.counters = counters;
        this.senderCounters = senderCounters;
        this.cleaner = new LogCleaner(publication.log, 0);
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

    long producerPosition()
    {
        return publication.log.producerPosition();
    }

    int update()
    {
        final long producerPosition = producerPosition();
        if (producerPosition != lastProducerPosition)
        {
            lastProducerPosition = producerPosition;
            counters.position().set(producerPosition);
        }
        if (state != State.ACTIVE || !publication.isConnected())
        {
            return 0;
        }
        long senderPosition = publication.senderPosition();
        for (final SubscriberPosition spy : spies.values())
        {
            senderPosition = Math.min(senderPosition, spy.position().get()); // a spy is not overrun or cleaned under
        }
        final long proposedLimit = senderPosition + window;
        if (proposedLimit <= tripLimit)
        {
            return 0;
        }
        int work = 0;
        work += cleaner.cleanTo(senderPosition - termLength);
        counters.limit().set(proposedLimit); // release (in set): cleaned terms are zero before publishers go on
        tripLimit = proposedLimit + window / 8;
        return work + 1;
    }

    void startDraining()
    {
        state = State.DRAINING;
        publication.log.metadata().putLongRelease(LogLayout.END_OF_STREAM_POSITION_OFFSET, producerPosition()); // release: frames before it are final
    }

    /** True once the publication has drained and lingered: the sender may drop it. */
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

    /** Frees every counter this publication holds. */
    void freeCounters(final long nowMillis)
    {
        counters.free(nowMillis);
        senderCounters.free(nowMillis);
        for (final SubscriberPosition spy : spies.values())
        {
            spy.position().free(nowMillis);
        }
        spies.clear();
    }
}
