package io.nanostream.driver.udp;

import java.net.InetSocketAddress;

/** What the conductor asks of the {@link Sender}, on its {@link CommandQueue}. */
public sealed interface SenderCommand
{
    /**
     * Start sending a publication.
     *
     * @param publication the publication, its socket open.
     */
    record AddPublication(NetworkPublication publication) implements SenderCommand
    {
    }

    /**
     * Stop sending a publication; the sender answers with {@link ConductorCommand.PublicationRemoved}.
     *
     * @param publication the publication.
     */
    record RemovePublication(NetworkPublication publication) implements SenderCommand
    {
    }

    /**
     * Start sending a manual multi-destination-cast publication to a destination as well.
     *
     * @param publication the publication.
     * @param address     the destination.
     */
    record AddDestination(NetworkPublication publication, InetSocketAddress address) implements SenderCommand
    {
    }

    /**
     * Stop sending a manual multi-destination-cast publication to a destination.
     *
     * @param publication the publication.
     * @param address     the destination.
     */
    record RemoveDestination(NetworkPublication publication, InetSocketAddress address) implements SenderCommand
    {
    }

    /**
     * Send a unicast publication to a new address: its endpoint's host name points there now.
     *
     * @param publication the publication.
     * @param address     the new address.
     */
    record ChangeEndpoint(NetworkPublication publication, InetSocketAddress address) implements SenderCommand
    {
    }
}
