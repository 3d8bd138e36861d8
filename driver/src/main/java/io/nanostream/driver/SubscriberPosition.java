package io.nanostream.driver;

/**
 * One subscription's view of one publication: the counter its client advances as it reads.
 *
 * @param counterId                  the subscriber position counter.
 * @param subscriptionRegistrationId the subscription.
 * @param imageCorrelationId         the image's id, as the client knows it.
 * @param clientId                   the subscribing client.
 */
record SubscriberPosition(int counterId, long subscriptionRegistrationId, long imageCorrelationId, long clientId)
{
}
