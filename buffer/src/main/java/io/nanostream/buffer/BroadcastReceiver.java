package io.nanostream.buffer;

import java.lang.invoke.VarHandle;

import static io.nanostream.buffer.BroadcastDescriptor.HEADER_LENGTH;
import static io.nanostream.buffer.BroadcastDescriptor.LATEST_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.LENGTH_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.PADDING_TYPE;
import static io.nanostream.buffer.BroadcastDescriptor.TAIL_INTENT_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.TAIL_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.TYPE_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.align;

/**
 * Reads what a {@link BroadcastTransmitter} writes, from the moment it was created; one thread per
 * receiver. Read a record, then {@link #validate()}: false means the transmitter lapped this receiver
 * while it read, and what it read is garbage. The layout is drawn in {@link BroadcastDescriptor}.
 */
public final class BroadcastReceiver
{
    private final AtomicBuffer buffer;
    private final int capacity;
    private final int mask;
    private final int tailIntentOffset;
    private final int tailOffset;
    private final int latestOffset;
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
        this.capacity = BroadcastDescriptor.checkCapacity(buffer.capacity());
        this.mask = capacity - 1;
        this.tailIntentOffset = capacity + TAIL_INTENT_OFFSET;
        this.tailOffset = capacity + TAIL_OFFSET;
        this.latestOffset = capacity + LATEST_OFFSET;
        this.cursor = buffer.getLongVolatile(tailOffset); // acquire: start after the records already complete
        this.nextRecord = cursor;
    }

    /**
     * Moves to the next record if there is one.
     *
     * @return true if a record is ready to read.
     */
    public boolean receiveNext()
    {
        final long tail = buffer.getLongVolatile(tailOffset); // acquire: records before it are complete
        long cursor = nextRecord;
        if (tail <= cursor)
        {
            return false;
        }
        int offset = (int)cursor & mask;
        if (!validate(cursor))
        {
            lappedCount++;
            cursor = buffer.getLongVolatile(latestOffset); // acquire: the latest record is complete
            offset = (int)cursor & mask;
        }
        long next = cursor + align(buffer.getInt(offset + LENGTH_OFFSET));
        if (buffer.getInt(offset + TYPE_OFFSET) == PADDING_TYPE)
        {
            offset = 0;
            cursor = next;
            next += align(buffer.getInt(LENGTH_OFFSET));
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
        return buffer.getInt(recordOffset + TYPE_OFFSET);
    }

    /**
     * Where the current record's payload starts.
     *
     * @return the offset in {@link #buffer()}.
     */
    public int offset()
    {
        return recordOffset + HEADER_LENGTH;
    }

    /**
     * The current record's payload length.
     *
     * @return bytes.
     */
    public int length()
    {
        return buffer.getInt(recordOffset + LENGTH_OFFSET) - HEADER_LENGTH;
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
        return cursor + capacity > buffer.getLongVolatile(tailIntentOffset); // volatile: the newest intent, read after the record
    }
}
