package io.nanostream.client;

/** Told, on the client's background thread, when a publisher's image leaves a subscription. */
@FunctionalInterface
public interface UnavailableImageHandler
{
    /**
     * An image is gone: its publisher closed (after end of stream), or died and was timed out.
     *
     * @param image the image; it no longer yields fragments.
     */
    void onUnavailableImage(Image image);
}
