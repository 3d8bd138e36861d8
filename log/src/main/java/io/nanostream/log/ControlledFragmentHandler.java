package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/** Receives fragments and says, for each, how the poll goes on. */
@FunctionalInterface
public interface ControlledFragmentHandler
{
    /** What the poll does after a fragment. */
    enum Action
    {
        /** Do not consume this fragment; stop the poll. It is handed over again next time. */
        ABORT,
        /** Consume this fragment and stop the poll. */
        BREAK,
        /** Consume this fragment, make the position visible now, and go on. */
        COMMIT,
        /** Consume this fragment and go on. */
        CONTINUE
    }

    /**
     * Handles one fragment.
     *
     * @param buffer the buffer holding the payload; valid only during this call.
     * @param offset where the payload starts.
     * @param length its length.
     * @param header the frame's header.
     * @return what to do next.
     */
    Action onFragment(AtomicBuffer buffer, int offset, int length, Header header);
}
