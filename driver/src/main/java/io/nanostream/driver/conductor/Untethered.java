package io.nanostream.driver.conductor;

import io.nanostream.buffer.Counter;
import io.nanostream.client.ChannelUri;
import io.nanostream.concurrent.Clock;

import java.util.Collection;
import java.util.Iterator;

/**
 * An untethered subscriber ({@code tether=false}) of one publication or image, and how it goes when it cannot keep up,
 * as Aeron's do:
 *
 * <pre>
 *            behind for the window limit timeout              the same timeout again
 *   ACTIVE ----------------------------------------> LEFT ---------------------------> RESTING
 *     ^      image unavailable to its application     (still holds the publisher,      (holds no one back)
 *     |                                                so a poll in progress ends)         |
 *     +------------------------------------------------------------------------------------+
 *        resting timeout over and rejoin=true: image available again at the live position
 * </pre>
 *
 * With {@code rejoin=false} it is dropped instead of resting. "Behind" means the publisher is within a quarter window
 * of the subscriber's position plus the window: the subscriber is what holds it back. Owned by the conductor thread.
 */
final class Untethered
{
    /** Where a subscriber is in its life. */
    enum State
    {
        /** Reading, and holding the publisher back like any subscriber. */
        ACTIVE,
        /**
         * Left behind: its image was made unavailable; it still counts for a moment so that a
         * poll in progress ends cleanly.
         */
        LEFT,
        /** Not counted: the publisher goes on without it. */
        RESTING
    }

    /** What a call to {@link #update} changed, for the caller to tell the client. */
    enum Change
    {
        /** Nothing. */
        NONE,
        /** It was left behind: make its image unavailable. */
        LEFT,
        /** It rests: stop counting its position. */
        RESTING,
        /** It rejoins: set its position to the live position and make its image available again. */
        REJOINED,
        /** It was left behind for good ({@code rejoin=false}): free its position. */
        DROPPED
    }

    private final long windowLimitTimeoutNanos;
    private final long restingTimeoutNanos;
    private final boolean rejoin;
    private State state = State.ACTIVE;
    private long sinceNanos;
    /** Shows {@link #state} to {@code stat} as its ordinal; null if not shown. */
    private Counter stateCounter;

    /** What the owner of the subscribers tells their clients as they leave and rejoin. */
    interface Link
    {
        /**
         * A subscriber was left behind: its image is unavailable to it.
         *
         * @param subscriber the subscriber.
         */
        void unavailable(SubscriberPosition subscriber);

        /**
         * A subscriber rejoins: its image is available again, at the join position, to which its position is set.
         *
         * @param subscriber   the subscriber.
         * @param joinPosition where it reads from.
         */
        void available(SubscriberPosition subscriber, long joinPosition);
    }

    /**
     * An untethered subscriber that starts active.
     *
     * @param windowLimitTimeoutNanos how long it may hold the publisher at the window.
     * @param restingTimeoutNanos     how long it rests before it rejoins.
     * @param rejoin                  whether it rejoins.
     * @param nowNanos                the time.
     */
    Untethered(final long windowLimitTimeoutNanos, final long restingTimeoutNanos, final boolean rejoin,
        final long nowNanos)
    {
        this.windowLimitTimeoutNanos = windowLimitTimeoutNanos;
        this.restingTimeoutNanos = restingTimeoutNanos;
        this.rejoin = rejoin;
        this.sinceNanos = nowNanos;
    }

    /**
     * The state of a subscription's channel's tether.
     *
     * @param channel  the subscription's channel.
     * @param nowNanos the time.
     * @return a new state for an untethered subscription; null for a tethered one.
     */
    static Untethered of(final ChannelUri channel, final long nowNanos)
    {
        return channel.isTethered() ? null : new Untethered(channel.untetheredWindowLimitTimeoutNanos(),
            channel.untetheredRestingTimeoutNanos(), channel.rejoin(), nowNanos);
    }

    /**
     * Moves the state on.
     *
     * @param position      the subscriber's position.
     * @param frontPosition how far the publisher (or the image's receiver) has got.
     * @param window        how far the publisher may go past the slowest subscriber.
     * @param nowNanos      the time.
     * @return what changed.
     */
    Change update(final long position, final long frontPosition, final long window, final long nowNanos)
    {
        switch (state)
        {
            case ACTIVE ->
            {
                if (frontPosition - position < window - (window >> 2))
                {
                    sinceNanos = nowNanos;
                }
                else if (nowNanos - sinceNanos >= windowLimitTimeoutNanos)
                {
                    return moveTo(State.LEFT, nowNanos, Change.LEFT);
                }
            }
            case LEFT ->
            {
                if (nowNanos - sinceNanos >= windowLimitTimeoutNanos)
                {
                    return rejoin ? moveTo(State.RESTING, nowNanos, Change.RESTING) : Change.DROPPED;
                }
            }
            case RESTING ->
            {
                if (nowNanos - sinceNanos >= restingTimeoutNanos)
                {
                    return moveTo(State.ACTIVE, nowNanos, Change.REJOINED);
                }
            }
        }
        return Change.NONE;
    }

    private Change moveTo(final State next, final long nowNanos, final Change change)
    {
        state = next;
        sinceNanos = nowNanos;
        if (stateCounter != null)
        {
            stateCounter.set(next.ordinal()); // release: for stat
        }
        return change;
    }

    /**
     * Shows the state in a counter from now on, as its ordinal.
     *
     * @param counter the counter, owned from now on.
     * @return this.
     */
    Untethered showIn(final Counter counter)
    {
        this.stateCounter = counter;
        counter.set(state.ordinal());
        return this;
    }

    /**
     * Frees the counter that shows the state.
     *
     * @param nowMillis the wall clock time.
     */
    void free(final long nowMillis)
    {
        if (stateCounter != null)
        {
            stateCounter.free(nowMillis);
            stateCounter = null;
        }
    }

    /**
     * Moves every untethered subscriber of one publication or image on, tells their clients,
     * and drops those left for good.
     *
     * @param subscribers   the subscribers; those dropped are removed and freed.
     * @param frontPosition how far the publisher (or the image's receiver) has got.
     * @param window        how far the publisher may go past the slowest subscriber.
     * @param nowNanos      the time.
     * @param clock         the wall clock, read only to free a dropped subscriber's counters.
     * @param link          tells the clients.
     * @return whether the positions that hold the publisher back changed.
     */
    static boolean updateAll(
        final Collection<SubscriberPosition> subscribers, final long frontPosition, final long window,
        final long nowNanos, final Clock clock, final Link link)
    {
        boolean changed = false;
        final Iterator<SubscriberPosition> iterator = subscribers.iterator();
        while (iterator.hasNext())
        {
            final SubscriberPosition subscriber = iterator.next();
            if (subscriber.untethered() == null)
            {
                continue;
            }
            switch (subscriber.untethered().update(subscriber.position().get(), frontPosition, window, nowNanos))
            {
                case NONE ->
                {
                }
                case LEFT -> link.unavailable(subscriber);
                case RESTING -> changed = true;
                case REJOINED ->
                {
                    subscriber.position().set(frontPosition); // release: the join position, before the client hears of the image
                    link.available(subscriber, frontPosition);
                    changed = true;
                }
                case DROPPED ->
                {
                    iterator.remove();
                    subscriber.free(clock.epochMillis());
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** {@return whether its position holds the publisher back: not while it rests} */
    boolean holdsBack()
    {
        return state != State.RESTING;
    }

    /** {@return where it is in its life} */
    State state()
    {
        return state;
    }
}
