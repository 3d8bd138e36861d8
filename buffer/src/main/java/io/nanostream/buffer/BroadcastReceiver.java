package io.nanostream.buffer;

import java.lang.invoke.VarHandle;

/**
 * Reads what a {@link BroadcastTransmitter} writes, from the moment it was created; one thread per
 * receiver. Read a record, then {@link #validate()}: false means the transmitter lapped this receiver
 * while it read, and what it read is garbage.
 */
public final class BroadcastReceiver
{
    private final AtomicBuffer buffer;
    private final int capacity;
    private final int mask;
    private long cursor;
    private long nextRecord;
    private int recordOffset;
    private long lappedCount;

    /**
     * Creates a receiver that starts at the transmitter's current tail.
     *
     * @param buffer the broadcast buffer.
     */
    public BroadcastReceiver(final AtomicBuffer buffer)
    {
        this.buffer = buffer;
        this.capacity = BroadcastTransmitter.checkedCapacity(buffer);
        this.mask = capacity - 1;
        this.cursor = buffer.getLongVolatile(capacity + BroadcastTransmitter.TAIL_OFFSET);
        this.nextRecord = cursor;
    }

    /**
     * Moves to the next record if there is one.
     *
     * @return true if a record is ready to read.
     */
    public boolean receiveNext()
    {
        final long tail = buffer.getLongVolatile(capacity + BroadcastTransmitter.TAIL_OFFSET); // acquire: records before it are complete
        long cursor = nextRecord;
        if (tail <= cursor)
        {
            return false;
        }
        int offset = (int)cursor & mask;
        if (!validate(cursor))
        {
            lappedCount++;
            cursor = buffer.getLongVolatile(capacity + BroadcastTransmitter.LATEST_OFFSET);
            offset = (int)cursor & mask;
        }
        long next = cursor + align(buffer.getInt(offset));
        if (buffer.getInt(offset + 4) == BroadcastTransmitter.PADDING_TYPE)
        {
            offset = 0;
            cursor = next;
            next += align(buffer.getInt(0));
        }
        this.cursor = cursor;
        this.nextRecord = next;
        this.recordOffset = offset;
        return true;
    }

    /**
     * The current record's type.
     *
     * @return the type.
     */
    public int type()
    {
        return buffer.getInt(recordOffset + 4);
    }

    /**
     * Where the current record's payload starts.
     *
     * @return the offset in {@link #buffer()}.
     */
    public int offset()
    {
        return recordOffset + BroadcastTransmitter.HEADER_LENGTH;
    }

    /**
     * The current record's payload length.
     *
     * @return bytes.
     */
    public int length()
    {
        return buffer.getInt(recordOffset) - BroadcastTransmitter.HEADER_LENGTH;
    }

    /**
     * The buffer the records are in.
     *
     * @return the buffer.
     */
    public AtomicBuffer buffer()
    {
        return buffer;
    }

    /**
     * Whether the current record was still intact after it was read.
     *
     * @return false if the transmitter lapped this receiver.
     */
    public boolean validate()
    {
        VarHandle.loadLoadFence(); // the record's bytes are read before the tail intent below
        return validate(cursor);
    }

    /**
     * How many times this receiver was lapped and skipped ahead.
     *
     * @return the count.
     */
    public long lappedCount()
    {
        return lappedCount;
    }

    private boolean validate(final long cursor)
    {
        return cursor + capacity > buffer.getLongVolatile(capacity + BroadcastTransmitter.TAIL_INTENT_OFFSET);
    }

    private static int align(final int length)
    {
        return (length + BroadcastTransmitter.ALIGNMENT - 1) & -BroadcastTransmitter.ALIGNMENT;
    }
}
