package io.nanostream.driver.conductor;

import io.nanostream.buffer.Counter;

/**
 * One subscription's view of one publication or image: the counter its client advances as it reads, and, for an
 * untethered subscription, where it is in being left behind and rejoining.
 *
 * @param position                   the subscriber position counter.
 * @param subscriptionRegistrationId the subscription.
 * @param imageCorrelationId         the image's id, as the client knows it.
 * @param clientId                   the subscribing client.
 * @param untethered                 its state if {@code tether=false}; null for a tethered subscriber.
 */
record SubscriberPosition(Counter position, long subscriptionRegistrationId, long imageCorrelationId, long clientId,
    Untethered untethered)
{
    /**
     * A tethered subscriber.
     *
     * @param position                   the subscriber position counter.
     * @param subscriptionRegistrationId the subscription.
     * @param imageCorrelationId         the image's id, as the client knows it.
     * @param clientId                   the subscribing client.
     */
    SubscriberPosition(final Counter position, final long subscriptionRegistrationId, final long imageCorrelationId,
        final long clientId)
    {
        this(position, subscriptionRegistrationId, imageCorrelationId, clientId, null);
    }

    /**
     * {@return whether its position holds the publisher back: always when tethered, not while an untethered one rests}
     */
    boolean holdsBack()
    {
        return untethered == null || untethered.holdsBack();
    }

    /**
     * Frees its counters.
     *
     * @param nowMillis the wall clock time.
     */
    void free(final long nowMillis)
    {
        position.free(nowMillis);
        if (untethered != null)
        {
            untethered.free(nowMillis);
        }
    }
}
