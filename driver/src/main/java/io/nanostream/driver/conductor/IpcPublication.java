package io.nanostream.driver.conductor;

import io.nanostream.driver.status.PublicationCounters;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogCleaner;
import io.nanostream.log.LogLayout;
import io.nanostream.log.TermUnblocker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver's side of an IPC publication: its log, the subscribers reading it, and the duties the
 * driver performs for it each cycle: raise the publisher limit to the slowest subscriber plus the window,
 * zero terms every subscriber has left behind before publishers can come back to them, pad over a frame
 * a dead publisher left unfinished, and after the last publisher goes, drain, linger and delete. Owned
 * by the conductor thread; publishers and subscribers in client processes share only its log and counters.
 */
final class IpcPublication
{
    enum State
    {
        ACTIVE, DRAINING, LINGERING, DONE
    }

    final long registrationId;
    final int sessionId;
    final int streamId;
    final boolean exclusive;
    final LogBuffers log;
    final Path logFile;
    final int termLength;
    final PublicationCounters counters;
    final List<SubscriberPosition> subscribers = new ArrayList<>();
    /** Tells untethered subscribers' clients as they leave and rejoin; null until one links. */
    Untethered.Link untetheredLink;
    private final int window;
    private final long lingerNanos;
    int refCount;
    State state = State.ACTIVE;
    private long lingerDeadlineNanos;
    private final LogCleaner cleaner;
    private long lastConsumerPosition = -1;
    private long lastConsumerChangeNanos;
    private long unblockCount;
    private long tripLimit;
    private long lastProducerPosition = -1;
    private boolean connected;

    IpcPublication(
        final long registrationId, final int sessionId, final int streamId, final boolean exclusive,
        final LogBuffers log, final int window, final PublicationCounters counters, final long lingerNanos)
    {
        this.lingerNanos = lingerNanos;
        this.registrationId = registrationId;
        this.sessionId = sessionId;
        this.streamId = streamId;
        this.exclusive = exclusive;
        this.log = log;
        final long start = log.producerPosition(); // 0, or where the channel placed the log's start
        this.cleaner = new LogCleaner(log,
        start - (start & (log.termLength() - 1))); // zero up to here: the file is new
        this.logFile = log.path();
        this.termLength = log.termLength();
        this.window = window;
        this.counters = counters;
    }

    /** How far publishers have claimed. */
    long producerPosition()
    {
        return log.producerPosition();
    }

    /** The slowest subscriber's position, or the producer's when there are none. */
    long consumerPosition()
    {
        if (subscribers.isEmpty())
        {
            return producerPosition();
        }
        long minimum = Long.MAX_VALUE;
        for (final SubscriberPosition subscriber : subscribers)
        {
            if (subscriber.holdsBack())
            {
                minimum = Math.min(minimum, subscriber.position().get());
            }
        }
        return minimum == Long.MAX_VALUE ?
            producerPosition() : minimum; // every subscriber rests: none holds publishers back
    }

    /**
     * One duty cycle; returns the work done. The limit moves only once the slowest subscriber has
     * advanced an eighth of the window past the last move (a trip), so publishers keep the limit's cache
     * line for long stretches and the conductor can idle between trips.
     */
    int update(final long nowNanos, final long unblockTimeoutNanos)
    {
        final long producerPosition = producerPosition();
        if (producerPosition != lastProducerPosition)
        {
            lastProducerPosition = producerPosition;
            counters.position().set(producerPosition);
        }
        if (subscribers.isEmpty())
        {
            setConnected(false);
            return 0;
        }
        // subscribers write their positions in shared memory: none can be past what was published
        final long consumerPosition = Math.min(consumerPosition(), producerPosition);
        if (consumerPosition != lastConsumerPosition)
        {
            lastConsumerPosition = consumerPosition;
            lastConsumerChangeNanos = nowNanos;
        }
        else if (producerPosition > consumerPosition && nowNanos - lastConsumerChangeNanos > unblockTimeoutNanos)
        {
            if (TermUnblocker.unblock(log, consumerPosition, producerPosition))
            {
                unblockCount++;
            }
            lastConsumerChangeNanos = nowNanos;
        }
        int work = 0;
        final long proposedLimit = consumerPosition + window;
        if (state == State.ACTIVE && proposedLimit > tripLimit)
        {
            work += cleaner.cleanTo(consumerPosition - termLength, producerPosition - termLength);
            // never past what is clean: the cleaner takes a term at a time, and only a garbage position outruns it
            final long limit = Math.min(consumerPosition, cleaner.cleanPosition() + termLength) + window;
            counters.limit().set(limit); // release (in set): the cleaned terms are zero before publishers go on
            tripLimit = limit + window / 8;
            work++;
        }
        setConnected(true);
        return work;
    }

    private void setConnected(final boolean connected)
    {
        if (connected != this.connected)
        {
            this.connected = connected;
            log.metadata().putIntRelease(LogLayout.IS_CONNECTED_OFFSET, connected ?
                1 : 0); // release: after the limit above
        }
    }

    /** {@return how far publishers may go past the slowest subscriber} */
    int window()
    {
        return window;
    }

    /** The last publisher is gone: mark the end of the stream where publishers stopped. */
    void startDraining()
    {
        state = State.DRAINING;
        log.metadata().putLongRelease(LogLayout.END_OF_STREAM_POSITION_OFFSET,
            producerPosition()); // release: frames before it are final
    }

    /**
     * Moves a draining publication on once its subscribers read to the end, and a lingering
     * one once it waited its linger.
     */
    boolean advanceDrain(final long nowNanos)
    {
        if (state == State.DRAINING && consumerPosition() >= log.endOfStreamPosition())
        {
            state = State.LINGERING;
            lingerDeadlineNanos = nowNanos + lingerNanos;
            return true;
        }
        if (state == State.LINGERING && nowNanos - lingerDeadlineNanos >= 0)
        {
            state = State.DONE;
            return true;
        }
        return false;
    }

    /** Unmaps and deletes the log. */
    void delete()
    {
        log.close();
        try
        {
            Files.deleteIfExists(logFile);
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException("cannot delete " + logFile + ": " + ex.getMessage(), ex);
        }
    }

    long unblockCount()
    {
        return unblockCount;
    }

    @Override
    public String toString()
    {
        return "IpcPublication{" + registrationId + ", stream " + streamId + ", session " + sessionId + ", " + state +
            "}";
    }
}
