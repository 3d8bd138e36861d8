package io.nanostream.driver.conductor;

import io.nanostream.buffer.Counter;
import io.nanostream.driver.status.PublicationCounters;
import io.nanostream.driver.status.SenderCounters;
import io.nanostream.driver.udp.NetworkPublication;
import io.nanostream.log.LogCleaner;
import io.nanostream.log.LogLayout;
import io.nanostream.log.TermUnblocker;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The conductor's side of a UDP publication: its counters, the clients' links counted, the spies reading
 * its log, and the duties of each cycle: the producer position counter, and the publisher limit raised
 * from the sender position (held to the slowest spy) with cleaning behind it; then draining and
 * lingering once the last client goes; and padding over a frame a dead publisher left unfinished, where the sender
 * would otherwise stop for ever. Owned by the conductor thread; the sending itself is the sender thread's.
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
    /** Tells untethered spies' clients as they leave and rejoin; null until one links. */
    Untethered.Link untetheredLink;
    /** A manual multi-destination-cast publication's destinations, as the application named them. */
    final Map<InetSocketAddress, String> manualDestinations = new HashMap<>();
    /** Each destination the sender sends to, shown as a counter. */
    final Map<InetSocketAddress, Counter> destinationCounters = new HashMap<>();
    private final int window;
    private final long lingerNanos;
    int refCount;
    private State state = State.ACTIVE;
    private long tripLimit;
    private final LogCleaner cleaner;
    private long lastProducerPosition = -1;
    private long lingerDeadlineNanos;
    private long lastSenderPosition = -1;
    private long lastSenderChangeNanos;
    private long unblockCount;

    NetworkPublicationEntry(
        final NetworkPublication publication, final boolean exclusive, final PublicationCounters counters,
        final SenderCounters senderCounters, final int window, final long lingerNanos)
    {
        this.lingerNanos = lingerNanos;
        this.publication = publication;
        this.exclusive = exclusive;
        this.termLength = publication.log.termLength();
        this.window = window;
        this.counters = counters;
        this.senderCounters = senderCounters;
        final long start = publication.log.producerPosition(); // 0, or where the channel placed the log's start
        this.cleaner = new LogCleaner(publication.log,
        start - (start & (termLength - 1))); // zero up to here: the file is new
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

    int update(final long nowNanos, final long unblockTimeoutNanos)
    {
        final long producerPosition = producerPosition();
        if (producerPosition != lastProducerPosition)
        {
            lastProducerPosition = producerPosition;
            counters.position().set(producerPosition);
        }
        unblockIfStuck(publication.senderPosition(), producerPosition, nowNanos, unblockTimeoutNanos);
        if (state != State.ACTIVE || !publication.isConnected())
        {
            return 0;
        }
        final long sent = publication.senderPosition();
        long senderPosition = sent;
        for (final SubscriberPosition spy : spies.values())
        {
            if (spy.holdsBack())
            {
                senderPosition = Math.min(senderPosition,
                    spy.position().get()); // a spy is not overrun or cleaned under
            }
        }
        final long proposedLimit = senderPosition + window;
        if (proposedLimit <= tripLimit)
        {
            return 0;
        }
        int work = 0;
        work += cleaner.cleanTo(senderPosition - termLength, sent - termLength);
        final long limit = Math.min(senderPosition, cleaner.cleanPosition() + termLength) +
            window; // never past what is clean
        counters.limit().set(limit); // release (in set): cleaned terms are zero before publishers go on
        tripLimit = limit + window / 8;
        return work + 1;
    }

    /**
     * The sender stops at a frame that is not complete. If it stays there past the unblock timeout while publishers
     * have claimed beyond it, the frame's publisher died mid-claim: pad over it (as for IPC), so
     * the stream, and draining, go on.
     */
    private void unblockIfStuck(final long senderPosition, final long producerPosition, final long nowNanos,
        final long timeoutNanos)
    {
        if (senderPosition != lastSenderPosition)
        {
            lastSenderPosition = senderPosition;
            lastSenderChangeNanos = nowNanos;
        }
        else if (producerPosition > senderPosition && nowNanos - lastSenderChangeNanos > timeoutNanos)
        {
            if (TermUnblocker.unblock(publication.log, senderPosition, producerPosition))
            {
                unblockCount++;
            }
            lastSenderChangeNanos = nowNanos;
        }
    }

    /** Hands the spies' positions to the sender, for {@code ssc=true}: spies come and go, or one rests. */
    void publishSpyPositions()
    {
        publication.spyPositions(spies.values().stream().filter(SubscriberPosition::holdsBack).map(SubscriberPosition::position)
            .toArray(Counter[]::new));
    }

    /** {@return how far publishers may go past the sender or the slowest spy} */
    int window()
    {
        return window;
    }

    long unblockCount()
    {
        return unblockCount;
    }

    void startDraining()
    {
        state = State.DRAINING;
        publication.log.metadata().putLongRelease(LogLayout.END_OF_STREAM_POSITION_OFFSET,
            producerPosition()); // release: frames before it are final
    }

    /** True once the publication has drained and lingered: the sender may drop it. */
    boolean advanceDrain(final long nowNanos)
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
            spy.free(nowMillis);
        }
        spies.clear();
        destinationCounters.values().forEach(counter -> counter.free(nowMillis));
        destinationCounters.clear();
    }
}
