package io.nanostream.client;

import io.nanostream.client.protocol.Commands;
import io.nanostream.log.ControlledFragmentHandler;
import io.nanostream.log.FragmentHandler;

import java.util.Arrays;
import java.util.List;

/**
 * Receives a stream: one {@link Image} per publisher session, polled in turn. Images come and go as
 * publishers do; polling never blocks and allocates nothing.
 *
 * <p>Threads: poll from one thread at a time (and give each subscription its own {@code FragmentAssembler}).
 * {@code close} may be called from any thread, even during a poll: the images' logs stay mapped for the
 * client's resource linger (3 s by default), so a poll in flight finishes safely and later polls return 0.
 */
public final class Subscription implements AutoCloseable
{
    private static final Image[] NO_IMAGES = new Image[0];

    private final NanoStream client;
    private final long registrationId;
    private final String channel;
    private final int streamId;
    private final AvailableImageHandler availableImageHandler;
    private final UnavailableImageHandler unavailableImageHandler;
    private volatile Image[] images = NO_IMAGES;
    private volatile boolean closed;
    private int roundRobinIndex;

    Subscription(
        final NanoStream client, final long registrationId, final String channel, final int streamId,
        final AvailableImageHandler availableImageHandler, final UnavailableImageHandler unavailableImageHandler)
    {
        this.client = client;
        this.registrationId = registrationId;
        this.channel = channel;
        this.streamId = streamId;
        this.availableImageHandler = availableImageHandler;
        this.unavailableImageHandler = unavailableImageHandler;
    }

    /**
     * Hands fragments from the images to the handler, taking the images in turn from a rotating start.
     *
     * @param handler       receives each fragment (wrap in a {@code FragmentAssembler} for messages over the MTU).
     * @param fragmentLimit the most fragments in this call.
     * @return the number of fragments handed over.
     */
    public int poll(final FragmentHandler handler, final int fragmentLimit)
    {
        final Image[] images = this.images;
        final int count = images.length;
        if (count == 0)
        {
            return 0;
        }
        int start = roundRobinIndex++;
        if (start >= count)
        {
            roundRobinIndex = start = 0;
        }
        int fragments = 0;
        for (int i = start; i < count && fragments < fragmentLimit; i++)
        {
            fragments += images[i].poll(handler, fragmentLimit - fragments);
        }
        for (int i = 0; i < start && fragments < fragmentLimit; i++)
        {
            fragments += images[i].poll(handler, fragmentLimit - fragments);
        }
        return fragments;
    }

    /**
     * Like {@link #poll}, with a handler that controls the poll fragment by fragment.
     *
     * @param handler       the handler.
     * @param fragmentLimit the most fragments.
     * @return the number of fragments consumed.
     */
    public int controlledPoll(final ControlledFragmentHandler handler, final int fragmentLimit)
    {
        final Image[] images = this.images;
        int fragments = 0;
        for (int i = 0; i < images.length && fragments < fragmentLimit; i++)
        {
            fragments += images[i].controlledPoll(handler, fragmentLimit - fragments);
        }
        return fragments;
    }

    /**
     * Hands each image's next block of complete frames to the handler.
     *
     * @param handler          the handler.
     * @param blockLengthLimit the most bytes per image.
     * @return the bytes consumed.
     */
    public long blockPoll(final BlockHandler handler, final int blockLengthLimit)
    {
        long bytes = 0;
        for (final Image image : images)
        {
            bytes += image.blockPoll(handler, blockLengthLimit);
        }
        return bytes;
    }

    /**
     * Whether any publisher is connected.
     *
     * @return true while at least one image is available.
     */
    public boolean isConnected()
    {
        for (final Image image : images)
        {
            if (!image.isClosed())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The available images.
     *
     * @return a snapshot.
     */
    public List<Image> images()
    {
        return List.of(images);
    }

    /**
     * The number of available images.
     *
     * @return the count.
     */
    public int imageCount()
    {
        return images.length;
    }

    /**
     * The image of a publisher session.
     *
     * @param sessionId the session id.
     * @return the image, or null.
     */
    public Image imageBySessionId(final int sessionId)
    {
        for (final Image image : images)
        {
            if (image.sessionId() == sessionId)
            {
                return image;
            }
        }
        return null;
    }

    /**
     * The channel.
     *
     * @return the channel URI.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * The stream id.
     *
     * @return the stream id.
     */
    public int streamId()
    {
        return streamId;
    }

    /**
     * The driver's id for this subscription.
     *
     * @return the registration id.
     */
    public long registrationId()
    {
        return registrationId;
    }

    /**
     * Whether the subscription is closed.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Adds a destination to a subscription whose channel has {@code control-mode=manual}: from now on it also receives
     * on that endpoint, and one image per session gathers the frames of every destination (a replay and the live
     * stream, for instance). Waits for the driver's answer.
     *
     * @param destination the destination's channel, naming only its endpoint, e.g. {@code
     * nano:udp?endpoint=0.0.0.0:40124}.
     * @throws RegistrationException if the channel is not {@code control-mode=manual}, the destination is malformed or
     * already added, or its endpoint cannot be bound.
     */
    public void addDestination(final String destination)
    {
        client.destination(Commands.ADD_RCV_DESTINATION, this, destination);
    }

    /**
     * Removes a destination added with {@link #addDestination}; waits for the driver's answer.
     *
     * @param destination the destination's channel, as it was added.
     * @throws RegistrationException if it is not a destination of this subscription.
     */
    public void removeDestination(final String destination)
    {
        client.destination(Commands.REMOVE_RCV_DESTINATION, this, destination);
    }

    /** Closes the subscription; its images become unavailable. */
    @Override
    public void close()
    {
        if (!closed)
        {
            client.releaseSubscription(this);
        }
    }

    void addImage(final Image image)
    {
        final Image[] current = images;
        final Image[] updated = Arrays.copyOf(current, current.length + 1);
        updated[current.length] = image;
        images = updated;
    }

    /** Tells the application's handler of a new image; it may throw (the client conductor catches it). */
    void notifyAvailable(final Image image)
    {
        if (availableImageHandler != null)
        {
            availableImageHandler.onAvailableImage(image);
        }
    }

    /** Tells the application's handler of an image gone; it may throw (the client conductor catches it). */
    void notifyUnavailable(final Image image)
    {
        if (unavailableImageHandler != null)
        {
            unavailableImageHandler.onUnavailableImage(image);
        }
    }

    Image removeImage(final long correlationId)
    {
        final Image[] current = images;
        for (int i = 0; i < current.length; i++)
        {
            if (current[i].correlationId() == correlationId)
            {
                final Image removed = current[i];
                final Image[] updated = new Image[current.length - 1];
                System.arraycopy(current, 0, updated, 0, i);
                System.arraycopy(current, i + 1, updated, i, current.length - i - 1);
                images = updated;
                removed.markClosed();
                return removed;
            }
        }
        return null;
    }

    Image[] markClosed()
    {
        closed = true;
        final Image[] current = images;
        images = NO_IMAGES;
        for (final Image image : current)
        {
            image.markClosed();
        }
        return current;
    }

    @Override
    public String toString()
    {
        return "Subscription{" + channel + ", stream " + streamId + ", images " + images.length + "}";
    }
}
