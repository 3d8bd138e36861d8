package io.nanostream.driver.conductor;

import java.nio.file.Path;

/**
 * Tells an untethered subscriber's client that it left one publication's or image's log, or rejoined it: the same
 * messages for IPC, spies and UDP images. Used on the conductor thread.
 *
 * @param clientProxy where the messages go.
 * @param sessionId   the publisher's session.
 * @param streamId    the stream.
 * @param logFile     the log the subscriber reads.
 */
record ClientImageLink(ClientProxy clientProxy, int sessionId, int streamId, Path logFile) implements Untethered.Link
{
    @Override
    public void unavailable(final SubscriberPosition subscriber)
    {
        clientProxy.onUnavailableImage(subscriber.imageCorrelationId(), subscriber.subscriptionRegistrationId(),
            streamId);
    }

    @Override
    public void available(final SubscriberPosition subscriber, final long joinPosition)
    {
        clientProxy.onAvailableImage(subscriber.imageCorrelationId(), subscriber.subscriptionRegistrationId(),
            sessionId, streamId, subscriber.position(), joinPosition, logFile);
    }
}
