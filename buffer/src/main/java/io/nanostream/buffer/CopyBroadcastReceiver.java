package io.nanostream.buffer;

/**
 * Reads broadcast messages by copying each one out, validating the copy, and handing over only what
 * survived: a lapped receiver gets an exception instead of garbage.
 */
public final class CopyBroadcastReceiver
{
    private final BroadcastReceiver receiver;
    private final AtomicBuffer scratch;

    /**
     * Wraps a receiver.
     *
     * @param receiver the receiver.
     */
    public CopyBroadcastReceiver(final BroadcastReceiver receiver)
    {
        this.receiver = receiver;
        this.scratch = AtomicBuffer.allocateHeap(64 * 1024);
    }

    /**
     * Hands every message received since the last call to the handler.
     *
     * @param handler receives each message.
     * @return the number of messages.
     * @throws IllegalStateException if the transmitter lapped this receiver: messages were lost.
     */
    public int receive(final MessageHandler handler)
    {
        int messages = 0;
        final long lappedBefore = receiver.lappedCount();
        while (receiver.receiveNext())
        {
            if (receiver.lappedCount() != lappedBefore)
            {
                throw new IllegalStateException("broadcast receiver was lapped: this client fell too far behind the driver");
            }
            final int length = receiver.length();
            if (length > scratch.capacity())
            {
                throw new IllegalStateException("broadcast message of " + length +
                    " bytes is larger than the receive buffer");
            }
            final int type = receiver.type();
            scratch.putBytes(0, receiver.buffer(), receiver.offset(), length);
            if (!receiver.validate())
            {
                throw new IllegalStateException("broadcast receiver was lapped while copying: this client fell too far behind the driver");
            }
            handler.onMessage(type, scratch, 0, length);
            messages++;
        }
        return messages;
    }
}
