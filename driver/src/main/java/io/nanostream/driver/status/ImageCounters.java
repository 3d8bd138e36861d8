package io.nanostream.driver.status;

import io.nanostream.buffer.Counter;

/**
 * A UDP image's receiver-side counters, written on the receiver thread.
 *
 * @param highWaterMark  the highest position received.
 * @param rebuild        how far the image is complete, with no gap.
 * @param naksSent       NAKs sent for gaps.
 * @param gapBytes       bytes found missing.
 * @param statusMessages status messages sent.
 */
public record ImageCounters(Counter highWaterMark, Counter rebuild, Counter naksSent, Counter gapBytes,
    Counter statusMessages)
{
    /**
     * Frees all of them.
     *
     * @param nowMillis the wall-clock time.
     */
    public void free(final long nowMillis)
    {
        highWaterMark.free(nowMillis);
        rebuild.free(nowMillis);
        naksSent.free(nowMillis);
        gapBytes.free(nowMillis);
        statusMessages.free(nowMillis);
    }
}
