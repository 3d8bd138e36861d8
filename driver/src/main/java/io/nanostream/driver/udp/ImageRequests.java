package io.nanostream.driver.udp;

import java.net.InetSocketAddress;

/** Where the receiver asks for an image to be created when a SETUP arrives for a subscribed stream. */
@FunctionalInterface
public interface ImageRequests
{
    /**
     * Asks for an image; called on the receiver thread, so the implementation hands it to the conductor.
     *
     * @param endpoint      the endpoint the SETUP came in on.
     * @param sessionId     the session.
     * @param streamId      the stream.
     * @param initialTermId the sender's initial term id.
     * @param activeTermId  the sender's current term id.
     * @param termOffset    the sender's current term offset.
     * @param termLength    the term length.
     * @param mtu           the MTU.
     * @param source        where the SETUP came from, and control frames go.
     */
    void requestImage(
        ReceiveChannelEndpoint endpoint, int sessionId, int streamId, int initialTermId, int activeTermId, int termOffset,
        int termLength, int mtu, InetSocketAddress source);
}
