package io.nanostream.buffer;

/** Receives the messages read from a {@link MessageRing} or a broadcast. */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * Handles one message.
     *
     * @param type   the message type, positive.
     * @param buffer the buffer holding it; valid only during this call.
     * @param offset where the message starts.
     * @param length its length.
     */
    void onMessage(int type, AtomicBuffer buffer, int offset, int length);
}
