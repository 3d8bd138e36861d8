package io.nanostream.buffer;

import java.lang.invoke.VarHandle;

/**
 * Writes messages for any number of {@link BroadcastReceiver}s in any number of processes, never
 * waiting for them: the channel from the media driver to its clients. A receiver that falls a whole
 * buffer behind is lapped and finds out when it validates what it read.
 *
 * <p>A record is {@code [length int][type int][payload]}, 8-byte aligned. The trailer holds the tail
 * intent (where the transmitter is about to write up to), the tail, and the start of the latest record.
 */
public final class BroadcastTransmitter
{
    /** Bytes of record header. */
    public static final int HEADER_LENGTH = 8;
    /** Records start at multiples of this. */
    public static final int ALIGNMENT = 8;
    /** Padding records' type. */
    public static final int PADDING_TYPE = -1;
    /** Trailer bytes after the data. */
    public static final int TRAILER_LENGTH = 128;
    static final int TAIL_INTENT_OFFSET = 0;
    static final int TAIL_OFFSET = 8;
    static final int LATEST_OFFSET = 16;

    private final AtomicBuffer buffer;
    private final int capacity;
    private final int mask;
    private final int maxMessageLength;

    /**
     * Views a buffer for transmitting.
     *
     * @param buffer a power of two of data bytes plus {@link #TRAILER_LENGTH}.
     */
    public BroadcastTransmitter(final AtomicBuffer buffer)
    {
        this.buffer = buffer;
        this.capacity = checkedCapacity(buffer);
        this.mask = capacity - 1;
        this.maxMessageLength = capacity / 8;
    }

    static int checkedCapacity(final AtomicBuffer buffer)
    {
        final long dataLength = buffer.capacity() - TRAILER_LENGTH;
        if (dataLength < 1024 || dataLength > (1 << 30) || Long.bitCount(dataLength) != 1)
        {
            throw new IllegalArgumentException("broadcast data length must be a power of two from 1 KiB to 1 GiB, was " + dataLength);
        }
        return (int)dataLength;
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
            throw new IllegalArgumentException("message of " + length + " bytes does not fit: at most " + maxMessageLength);
        }
        long tail = buffer.getLong(capacity + TAIL_OFFSET);
        int recordOffset = (int)tail & mask;
        final int recordLength = HEADER_LENGTH + length;
        final int alignedLength = (recordLength + ALIGNMENT - 1) & -ALIGNMENT;
        final int toEnd = capacity - recordOffset;
        if (toEnd < alignedLength)
        {
            signalTailIntent(tail + toEnd + alignedLength);
            buffer.putInt(recordOffset, toEnd);
            buffer.putInt(recordOffset + 4, PADDING_TYPE);
            tail += toEnd;
            recordOffset = 0;
        }
        else
        {
            signalTailIntent(tail + alignedLength);
        }
        buffer.putInt(recordOffset, recordLength);
        buffer.putInt(recordOffset + 4, type);
        buffer.putBytes(recordOffset + HEADER_LENGTH, source, offset, length);
        buffer.putLongRelease(capacity + LATEST_OFFSET, tail); // release: the record is complete before it is the latest
        buffer.putLongRelease(capacity + TAIL_OFFSET, tail + alignedLength); // release: the record is complete before receivers see it
    }

    private void signalTailIntent(final long newTail)
    {
        buffer.putLongRelease(capacity + TAIL_INTENT_OFFSET, newTail);
        VarHandle.storeStoreFence(); // the intent is visible before any record bytes below are overwritten
    }
}
