package io.nanostream.driver.udp;

import io.nanostream.client.ChannelUri;

/**
 * What a subscription's channel asks of the images it hears. One image serves every subscription of a stream on a
 * receive endpoint, so those subscriptions must ask the same.
 *
 * @param reliable       {@code reliable=}: true to NAK gaps, false to step over them once the NAK delay has passed.
 * @param receiverWindow {@code rcv-wnd=}: the most the sender may send beyond what subscribers consumed, in bytes
 *                       (an image uses at most half its term length).
 * @param nakDelayNanos  {@code nak-delay=}: how long a new gap waits for a reordered frame before its NAK; for
 *                       multicast, the longest random wait.
 */
public record ImageOptions(boolean reliable, int receiverWindow, long nakDelayNanos)
{
    /**
     * The options a subscription's channel sets, the driver's defaults for the rest.
     *
     * @param uri           the subscription's channel, already validated.
     * @param defaultWindow the driver's receiver window.
     * @param multicast     whether the channel is multicast (its default NAK delay is a random back-off).
     * @return the options.
     */
    public static ImageOptions of(final ChannelUri uri, final int defaultWindow, final boolean multicast)
    {
        return new ImageOptions(!"false".equals(uri.get(ChannelUri.RELIABLE)), uri.receiverWindow(defaultWindow),
            uri.nakDelayNanos(multicast ? LossDetector.NAK_MULTICAST_MAX_BACKOFF_NANOS : LossDetector.NAK_DELAY_NANOS));
    }

    /**
     * The driver's defaults: reliable, its receiver window, the unicast NAK delay.
     *
     * @param window the driver's receiver window.
     * @return the options.
     */
    public static ImageOptions defaults(final int window)
    {
        return new ImageOptions(true, window, LossDetector.NAK_DELAY_NANOS);
    }

    /** The options as channel parameters, for messages. */
    @Override
    public String toString()
    {
        return "reliable=" + reliable + "|rcv-wnd=" + receiverWindow + "|nak-delay=" + nakDelayNanos + "ns";
    }
}
