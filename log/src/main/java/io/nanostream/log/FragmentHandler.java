package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/** Receives the fragments a subscription polls, in order, on the polling thread. */
@FunctionalInterface
public interface FragmentHandler
{
    /**
     * Handles one fragment (a whole message unless it was fragmented; see {@link FragmentAssembler}).
     *
     * @param buffer the buffer holding the payload; valid only during this call.
     * @param offset where the payload starts.
     * @param length its length.
     * @param header the frame's header.
     */
    void onFragment(AtomicBuffer buffer, int offset, int length, Header header);
}
