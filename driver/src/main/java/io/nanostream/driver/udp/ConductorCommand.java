package io.nanostream.driver.udp;

import java.net.InetSocketAddress;

/** What the sender and receiver threads tell the conductor, on its {@link CommandQueue}. */
public sealed interface ConductorCommand
{
    /**
     * A checked SETUP for a subscribed stream: create its image.
     *
     * @param endpoint      where it arrived.
     * @param sessionId     the publisher's session.
     * @param streamId      the stream.
     * @param initialTermId the stream's first term id.
     * @param activeTermId  the term the sender is in.
     * @param termOffset    where in that term.
     * @param termLength    the term length.
     * @param mtu           the MTU.
     * @param source        the sender's control address.
     */
    record CreateImage(
        ReceiveChannelEndpoint endpoint, int sessionId, int streamId, int initialTermId, int activeTermId,
        int termOffset, int termLength, int mtu, InetSocketAddress source) implements ConductorCommand
    {
    }

    /**
     * The receiver dropped an image (end of stream, liveness timeout, or its last subscriber left): free its
     * counters and log.
     *
     * @param image the image.
     */
    record ImageClosed(PublicationImage image) implements ConductorCommand
    {
    }

    /**
     * The sender stopped sending a publication: close its socket, free its counters, delete its log.
     *
     * @param publication the publication.
     */
    record PublicationRemoved(NetworkPublication publication) implements ConductorCommand
    {
    }

    /**
     * The receiver dropped an endpoint, its last subscription gone: close its socket, unless a new subscription on the
     * channel has taken it back meanwhile.
     *
     * @param endpoint the endpoint.
     */
    record EndpointReleased(ReceiveChannelEndpoint endpoint) implements ConductorCommand
    {
    }

    /**
     * A multi-destination-cast publication started sending to a destination: show it in the counters.
     *
     * @param publication the publication.
     * @param address     the destination.
     * @param receiverId  its receiver's id, 0 for a manual destination not yet heard from.
     */
    record DestinationAdded(NetworkPublication publication, InetSocketAddress address,
        long receiverId) implements ConductorCommand
    {
    }

    /**
     * A multi-destination-cast publication stopped sending to a destination.
     *
     * @param publication the publication.
     * @param address     the destination.
     * @param timedOut    true if a dynamic destination fell silent, false if the application removed it.
     */
    record DestinationRemoved(NetworkPublication publication, InetSocketAddress address,
        boolean timedOut) implements ConductorCommand
    {
    }

    /**
     * The receiver no longer reads a subscription's destination: close its socket.
     *
     * @param destination the destination.
     */
    record ReceiveDestinationRemoved(ReceiveDestination destination) implements ConductorCommand
    {
    }
}
