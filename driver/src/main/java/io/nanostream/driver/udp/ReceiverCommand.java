package io.nanostream.driver.udp;

/** What the conductor asks of the {@link Receiver}, on its {@link CommandQueue}. */
public sealed interface ReceiverCommand
{
    /**
     * Receive a stream on an endpoint (counted: one per subscription).
     *
     * @param endpoint the endpoint, its socket bound.
     * @param streamId the stream.
     */
    record AddSubscription(ReceiveChannelEndpoint endpoint, int streamId) implements ReceiverCommand
    {
    }

    /**
     * One subscription of a stream on an endpoint is gone; the last one takes the stream's images with it.
     *
     * @param endpoint the endpoint.
     * @param streamId the stream.
     */
    record RemoveSubscription(ReceiveChannelEndpoint endpoint, int streamId) implements ReceiverCommand
    {
    }

    /**
     * Start filling an image the conductor created.
     *
     * @param image the image.
     */
    record AddImage(PublicationImage image) implements ReceiverCommand
    {
    }
}
