package io.nanostream.client;

import io.nanostream.buffer.AtomicBuffer;

/** Receives whole blocks of frames from {@link Subscription#blockPoll}, headers included. */
@FunctionalInterface
public interface BlockHandler
{
    /**
     * Handles a block of complete frames, back to back in one term.
     *
     * @param buffer    the term.
     * @param offset    where the block starts.
     * @param length    its length.
     * @param sessionId the publisher's session.
     * @param termId    the term id.
     */
    void onBlock(AtomicBuffer buffer, int offset, int length, int sessionId, int termId);
}
