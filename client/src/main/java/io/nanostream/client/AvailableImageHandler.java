package io.nanostream.client;

/** Told, on the client's background thread, when a publisher's image joins a subscription. */
@FunctionalInterface
public interface AvailableImageHandler
{
    /**
     * An image is available.
     *
     * @param image the new image.
     */
    void onAvailableImage(Image image);
}
