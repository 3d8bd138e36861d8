package io.nanostream.driver.udp;

import io.nanostream.concurrent.Agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The receiver agent: reads every {@link ReceiveChannelEndpoint}, writes data into its
 * {@link PublicationImage}s, runs their loss detection, status messages and liveness, and hands images
 * it gives up on back to the conductor. The conductor changes subscriptions and adds images through a
 * queue, so endpoints and images are touched by this agent's thread only.
 */
public final class Receiver implements Agent
{
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<ReceiveChannelEndpoint> endpoints = new ArrayList<>();
    private final Consumer<PublicationImage> onImageClosed;

    /**
     * Creates a receiver.
     *
     * @param onImageClosed told (on this agent's thread) of each image given up; must hand it to the conductor.
     */
    public Receiver(final Consumer<PublicationImage> onImageClosed)
    {
        this.onImageClosed = onImageClosed;
    }

    /**
     * Counts a subscription to a stream on an endpoint, starting to read the endpoint if new (any thread).
     *
     * @param endpoint the endpoint.
     * @param streamId the stream.
     */
    public void addSubscription(final ReceiveChannelEndpoint endpoint, final int streamId)
    {
        commands.add(() ->
        {
            if (!endpoints.contains(endpoint))
            {
                endpoints.add(endpoint);
            }
            endpoint.subscribe(streamId, 1);
        });
    }

    /**
     * Drops a subscription to a stream on an endpoint (any thread); images of a stream nobody subscribes
     * to any more are given up.
     *
     * @param endpoint the endpoint.
     * @param streamId the stream.
     */
    public void removeSubscription(final ReceiveChannelEndpoint endpoint, final int streamId)
    {
        commands.add(() ->
        {
            final int left = endpoint.subscribe(streamId, -1);
            for (int i = endpoint.images.size() - 1; i >= 0; i--)
            {
                final PublicationImage image = endpoint.images.get(i);
                if (left == 0 || (image.streamId == streamId && !endpoint.isSubscribedTo(streamId)))
                {
                    endpoint.images.remove(i);
                    onImageClosed.accept(image);
                }
            }
            if (left == 0)
            {
                endpoints.remove(endpoint);
            }
        });
    }

    /**
     * Adds an image the conductor created (any thread).
     *
     * @param image the image.
     */
    public void addImage(final PublicationImage image)
    {
        commands.add(() -> image.endpoint.addImage(image));
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
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            command.run();
            work++;
        }
        final long nowNanos = System.nanoTime();
        for (int i = 0, n = endpoints.size(); i < n; i++)
        {
            final ReceiveChannelEndpoint endpoint = endpoints.get(i);
            work += endpoint.poll(nowNanos);
            final List<PublicationImage> images = endpoint.images;
            for (int j = images.size() - 1; j >= 0; j--)
            {
                final PublicationImage image = images.get(j);
                work += image.poll(nowNanos);
                if (image.isClosed())
                {
                    images.remove(j);
                    onImageClosed.accept(image);
                }
            }
        }
        return work;
    }
}
