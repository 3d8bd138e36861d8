package io.nanostream.driver.udp;

import io.nanostream.concurrent.Agent;
import io.nanostream.concurrent.Clock;

import java.util.ArrayList;
import java.util.List;

/**
 * The receiver agent: reads every receive endpoint's datagrams into their images, and runs each image's
 * duty cycle (gaps and NAKs, status messages, cleaning, liveness). It owns the endpoints' receiving
 * state and the images; the conductor adds subscriptions and images through {@link ReceiverCommand}s
 * on the receiver's queue, and hears of closed images and image requests through
 * {@link ConductorCommand}s. An exception in one endpoint or image is caught, counted and reported, and a broken image
 * is dropped, so the others go on. Runs on the receiver thread.
 */
public final class Receiver implements Agent
{
    private final CommandQueue<ReceiverCommand> commands;
    private final TransportAgentServices services;
    private final Clock clock;
    private final List<ReceiveChannelEndpoint> endpoints = new ArrayList<>();
    private final AgentAbsence absence = new AgentAbsence();

    /**
     * Creates the receiver.
     *
     * @param commands its own queue, filled by the conductor.
     * @param services the conductor's queue, its clock, the counters and the error sink.
     */
    public Receiver(final CommandQueue<ReceiverCommand> commands, final TransportAgentServices services)
    {
        this.commands = commands;
        this.services = services;
        this.clock = services.clock(); // read every duty cycle: a field of its own
    }

    @Override
    public String roleName()
    {
        return "nano-stream-receiver";
    }

    @Override
    public int doWork()
    {
        int work = 0;
        final long nowNanos = clock.nanoTime();
        final long awayNanos = absence.since(nowNanos);
        if (awayNanos > 0)
        {
            excuse(awayNanos);
        }
        ReceiverCommand command;
        while ((command = commands.poll()) != null)
        {
            onCommand(command, nowNanos);
            work++;
        }
        for (int i = 0, n = endpoints.size(); i < n; i++)
        {
            final ReceiveChannelEndpoint endpoint = endpoints.get(i);
            try
            {
                work += endpoint.poll(nowNanos);
            }
            catch (final RuntimeException ex)
            {
                services.report(ex);
            }
            final List<PublicationImage> images = endpoint.images;
            for (int j = images.size() - 1; j >= 0; j--)
            {
                final PublicationImage image = images.get(j);
                try
                {
                    work += image.poll(nowNanos);
                }
                catch (final RuntimeException ex)
                {
                    services.report(ex);
                    image.close(); // broken: dropped like a silent image, and its sender may set it up again
                }
                if (image.isClosed())
                {
                    images.remove(j);
                    services.conductor().offer(new ConductorCommand.ImageClosed(image));
                }
            }
        }
        return work;
    }

    /** This thread could not look for a while: its images' silence does not count that time. */
    private void excuse(final long awayNanos)
    {
        for (int i = 0, n = endpoints.size(); i < n; i++)
        {
            final List<PublicationImage> images = endpoints.get(i).images;
            for (int j = 0, m = images.size(); j < m; j++)
            {
                images.get(j).excuse(awayNanos);
            }
        }
    }

    private void onCommand(final ReceiverCommand command, final long nowNanos)
    {
        switch (command)
        {
            case ReceiverCommand.AddSubscription add ->
            {
                if (!endpoints.contains(add.endpoint()))
                {
                    endpoints.add(add.endpoint());
                }
                add.endpoint().subscribe(add.streamId(), add.filter());
            }
            case ReceiverCommand.RemoveSubscription remove -> removeSubscription(remove.endpoint(), remove.streamId(),
                remove.filter());
            case ReceiverCommand.AddDestination add -> add.endpoint().addDestination(add.destination());
            case ReceiverCommand.RemoveDestination remove ->
            {
                remove.endpoint().removeDestination(remove.destination());
                services.conductor().offer(new ConductorCommand.ReceiveDestinationRemoved(remove.destination()));
            }
            case ReceiverCommand.AddImage add ->
            {
                add.image().activate(nowNanos); // silent from now: the time the conductor took to make it is not the publisher's
                add.image().endpoint.addImage(add.image());
            }
        }
    }

    private void removeSubscription(final ReceiveChannelEndpoint endpoint, final int streamId,
        final SessionFilter filter)
    {
        final int left = endpoint.unsubscribe(streamId, filter);
        for (int i = endpoint.images.size() - 1; i >= 0; i--)
        {
            final PublicationImage image = endpoint.images.get(i);
            if (left == 0 || (image.streamId == streamId && !endpoint.hears(streamId, image.sessionId,
                image.controlAddress.getAddress())))
            {
                endpoint.images.remove(i);
                services.conductor().offer(new ConductorCommand.ImageClosed(image));
            }
        }
        if (left == 0)
        {
            endpoints.remove(endpoint);
            services.conductor().offer(new ConductorCommand.EndpointReleased(endpoint)); // its socket is closed only now: no poll is in flight
        }
    }
}
