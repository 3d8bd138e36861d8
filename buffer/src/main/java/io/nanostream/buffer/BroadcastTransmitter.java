package io.nanostream.buffer;

import java.lang.invoke.VarHandle;

import static io.nanostream.buffer.BroadcastDescriptor.HEADER_LENGTH;
import static io.nanostream.buffer.BroadcastDescriptor.LATEST_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.LENGTH_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.PADDING_TYPE;
import static io.nanostream.buffer.BroadcastDescriptor.TAIL_INTENT_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.TAIL_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.TYPE_OFFSET;

/**
 * Writes messages for any number of {@link BroadcastReceiver}s in any number of processes, never
 * waiting for them: the channel from the media driver to its clients. A receiver that falls a whole
 * buffer behind is lapped and finds out when it validates what it read.
 *
 * <p>Before it overwrites anything the transmitter publishes a tail intent (where it is about to write
 * up to); after the record is complete it publishes the latest record's start and the tail. The records
 * and the trailer are drawn in {@link BroadcastDescriptor}.
 */
public final class BroadcastTransmitter
{
    private final AtomicBuffer buffer;
    private final int capacity;
    private final int mask;
    private final int maxMessageLength;
    private final int tailIntentOffset;
    private final int tailOffset;
    private final int latestOffset;

    /**
     * Views a buffer for transmitting.
     *
     * @param buffer a power of two of data bytes plus {@link BroadcastDescriptor#TRAILER_LENGTH}.
     * @throws IllegalArgumentException if the data length is not a power of two from 1 KiB to 1 GiB.
     */
    public BroadcastTransmitter(final AtomicBuffer buffer)
    {
        this.buffer = buffer;
        this.capacity = BroadcastDescriptor.checkCapacity(buffer.capacity());
        this.mask = capacity - 1;
        this.maxMessageLength = BroadcastDescriptor.maxMessageLength(capacity);
        this.tailIntentOffset = capacity + TAIL_INTENT_OFFSET;
        this.tailOffset = capacity + TAIL_OFFSET;
        this.latestOffset = capacity + LATEST_OFFSET;
    }

    /**
     * The longest message.
     *
     * @return bytes.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Transmits one message; one thread at a time.
     *
     * @param type   a positive type.
     * @param source the payload's buffer.
     * @param offset the payload's offset.
     * @param length the payload's length.
     */
    public void transmit(final int type, final AtomicBuffer source, final int offset, final int length)
    {
        if (type <= 0)
        {
            throw new IllegalArgumentException("message type must be positive, was " + type);
        }
        if (length < 0 || length > maxMessageLength)
        {
            throw new IllegalArgumentException("message of " + length + " bytes does not fit: at most " +
                maxMessageLength);
        }
        long tail = buffer.getLong(tailOffset);
        int recordOffset = (int)tail & mask;
        final int recordLength = HEADER_LENGTH + length;
        final int alignedLength = BroadcastDescriptor.align(recordLength);
        final int toEnd = capacity - recordOffset;
        if (toEnd < alignedLength)
        {
            signalTailIntent(tail + toEnd + alignedLength);
            buffer.putInt(recordOffset + LENGTH_OFFSET, toEnd);
            buffer.putInt(recordOffset + TYPE_OFFSET, PADDING_TYPE);
            tail += toEnd;
            recordOffset = 0;
        }
        else
        {
            signalTailIntent(tail + alignedLength);
        }
        buffer.putInt(recordOffset + LENGTH_OFFSET, recordLength);
        buffer.putInt(recordOffset + TYPE_OFFSET, type);
        buffer.putBytes(recordOffset + HEADER_LENGTH, source, offset, length);
        buffer.putLongRelease(latestOffset, tail); // release: the record is complete before it is the latest
        buffer.putLongRelease(tailOffset, tail +
        alignedLength); // release: the record is complete before receivers see it
    }

    private void signalTailIntent(final long newTail)
    {
        buffer.putLongRelease(tailIntentOffset, newTail); // release: earlier records stay ordered before the new intent
        VarHandle.storeStoreFence(); // the intent is visible before any record bytes below are overwritten
    }
}
