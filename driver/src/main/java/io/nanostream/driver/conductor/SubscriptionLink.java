package io.nanostream.driver.conductor;

/**
 * A client's subscription, as the driver records it.
 *
 * @param registrationId the subscription's id.
 * @param clientId       the client.
 * @param streamId       the stream.
 * @param channel        the channel.
 */
record SubscriptionLink(long registrationId, long clientId, int streamId, String channel)
{
}
