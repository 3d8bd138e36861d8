package io.nanostream.driver.udp;

import java.net.InetSocketAddress;

/**
 * Tells the conductor, which owns the counters, that a multi-destination-cast publication's destinations changed, so
 * that {@code stat} shows each one, and makes the publication's flow control forget a receiver that is gone. Called on
 * the sender thread; a full conductor queue drops the news (the counters then lag, the sending does not).
 *
 * @param publication the publication.
 * @param conductor   the conductor's queue, or null to tell no one (tests).
 */
record DestinationReport(NetworkPublication publication,
    CommandQueue<ConductorCommand> conductor) implements Destinations.Listener
{
    @Override
    public void onAdded(final InetSocketAddress address, final long receiverId)
    {
        if (conductor != null)
        {
            conductor.tryOffer(new ConductorCommand.DestinationAdded(publication, address, receiverId));
        }
    }

    @Override
    public void onRemoved(final InetSocketAddress address, final long receiverId, final boolean timedOut)
    {
        publication.forgetReceiver(receiverId);
        if (conductor != null)
        {
            conductor.tryOffer(new ConductorCommand.DestinationRemoved(publication, address, timedOut));
        }
    }
}
