package io.nanostream.driver.udp;

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
}
