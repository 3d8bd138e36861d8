package io.nanostream.driver.status;

import io.nanostream.buffer.Counter;

/**
 * A UDP publication's sender-side counters. Written on the sender thread; the conductor reads the
 * position to raise the publisher limit and clean behind it.
 *
 * @param position       how far the sender has sent.
 * @param limit          how far flow control lets it send.
 * @param naksReceived   NAKs received for this publication.
 * @param retransmits    datagrams resent.
 * @param statusMessages status messages received.
 */
public record SenderCounters(Counter position, Counter limit, Counter naksReceived, Counter retransmits,
    Counter statusMessages)
{
    /**
     * Frees all of them.
     *
     * @param nowMillis the wall-clock time.
     */
    public void free(final long nowMillis)
    {
        position.free(nowMillis);
        limit.free(nowMillis);
        naksReceived.free(nowMillis);
        retransmits.free(nowMillis);
        statusMessages.free(nowMillis);
    }
}
