package io.nanostream.driver.udp;

import io.nanostream.concurrent.Agent;
import io.nanostream.concurrent.Clock;

import java.util.ArrayList;
import java.util.List;

/**
 * The sender agent: sends every UDP publication's new frames, SETUPs, heartbeats and resends, and takes
 * their control frames (status messages, NAKs). It owns its publications' sending state; the conductor
 * adds and removes publications through {@link SenderCommand}s on the sender's queue, and hears that a
 * removal is done through a {@link ConductorCommand.PublicationRemoved}. An exception in one publication's duty is
 * caught, counted and reported, and the others go on. Runs on the sender thread.
 */
public final class Sender implements Agent
{
    private final CommandQueue<SenderCommand> commands;
    private final TransportAgentServices services;
    private final Clock clock;
    private final List<NetworkPublication> publications = new ArrayList<>();
    private final AgentAbsence absence = new AgentAbsence();

    /**
     * Creates the sender.
     *
     * @param commands its own queue, filled by the conductor.
     * @param services the conductor's queue, its clock, the counters and the error sink.
     */
    public Sender(final CommandQueue<SenderCommand> commands, final TransportAgentServices services)
    {
        this.commands = commands;
        this.services = services;
        this.clock = services.clock(); // read every duty cycle: a field of its own
    }

    @Override
    public String roleName()
    {
        return "nano-stream-sender";
    }

    @Override
    public int doWork()
    {
        int work = 0;
        SenderCommand command;
        while ((command = commands.poll()) != null)
        {
            onCommand(command);
            work++;
        }
        final long nowNanos = clock.nanoTime();
        final long awayNanos = absence.since(nowNanos);
        for (int i = 0, n = publications.size(); i < n; i++)
        {
            if (awayNanos > 0)
            {
                publications.get(i).excuse(awayNanos); // receivers are not dropped for the time this thread could not read them
            }
            try
            {
                work += publications.get(i).send(nowNanos);
            }
            catch (final RuntimeException ex)
            {
                services.report(ex);
            }
        }
        return work;
    }

    private void onCommand(final SenderCommand command)
    {
        switch (command)
        {
            case SenderCommand.AddPublication add -> publications.add(add.publication());
            case SenderCommand.RemovePublication remove ->
            {
                publications.remove(remove.publication());
                services.conductor().offer(new ConductorCommand.PublicationRemoved(remove.publication()));
            }
            // a publication already dropped takes no more commands: its socket may be closing
            case SenderCommand.AddDestination add ->
            {
                if (publications.contains(add.publication()) && !add.publication().addDestination(add.address(),
                    clock.nanoTime()))
                {
                    services.transport().destinationsRefused.add(1);
                }
            }
            case SenderCommand.RemoveDestination remove ->
            {
                if (publications.contains(remove.publication()))
                {
                    remove.publication().removeDestination(remove.address());
                }
            }
            case SenderCommand.ChangeEndpoint change ->
            {
                if (publications.contains(change.publication()))
                {
                    change.publication().changeEndpoint(change.address());
                }
            }
        }
    }

    @Override
    public void onClose()
    {
        for (final NetworkPublication publication : publications)
        {
            publication.closeSocket();
        }
        publications.clear();
    }
}
