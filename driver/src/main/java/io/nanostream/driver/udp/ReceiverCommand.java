package io.nanostream.driver.udp;

/** What the conductor asks of the {@link Receiver}, on its {@link CommandQueue}. */
public sealed interface ReceiverCommand
{
    /**
     * Receive a stream on an endpoint (counted: one per subscription).
     *
     * @param endpoint the endpoint, its socket bound.
     * @param streamId the stream.
     * @param filter   the sessions the subscription hears.
     */
    record AddSubscription(ReceiveChannelEndpoint endpoint, int streamId,
        SessionFilter filter) implements ReceiverCommand
    {
    }

    /**
     * One subscription of a stream on an endpoint is gone; images that no subscription left hears go with it.
     *
     * @param endpoint the endpoint.
     * @param streamId the stream.
     * @param filter   the sessions it heard.
     */
    record RemoveSubscription(ReceiveChannelEndpoint endpoint, int streamId,
        SessionFilter filter) implements ReceiverCommand
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

    /**
     * Receive on a destination of a subscription with several destinations as well.
     *
     * @param endpoint    the subscription's endpoint.
     * @param destination the destination, its socket open.
     */
    record AddDestination(ReceiveChannelEndpoint endpoint, ReceiveDestination destination) implements ReceiverCommand
    {
    }

    /**
     * Stop receiving on a destination; the receiver answers with {@link ConductorCommand.ReceiveDestinationRemoved}.
     *
     * @param endpoint    the subscription's endpoint.
     * @param destination the destination.
     */
    record RemoveDestination(ReceiveChannelEndpoint endpoint, ReceiveDestination destination) implements ReceiverCommand
    {
    }
}
