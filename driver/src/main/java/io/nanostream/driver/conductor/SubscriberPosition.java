package io.nanostream.driver.conductor;

import io.nanostream.buffer.Counter;

/**
 * One subscription's view of one publication or image: the counter its client advances as it reads.
 *
 * @param position                   the subscriber position counter.
 * @param subscriptionRegistrationId the subscription.
 * @param imageCorrelationId         the image's id, as the client knows it.
 * @param clientId                   the subscribing client.
 */
record SubscriberPosition(Counter position, long subscriptionRegistrationId, long imageCorrelationId, long clientId)
{
}
