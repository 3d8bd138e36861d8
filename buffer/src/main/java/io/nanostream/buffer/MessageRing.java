package io.nanostream.buffer;

import static io.nanostream.buffer.MessageRingDescriptor.ALIGNMENT;
import static io.nanostream.buffer.MessageRingDescriptor.CONSUMER_HEARTBEAT_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.CORRELATION_COUNTER_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.HEADER_LENGTH;
import static io.nanostream.buffer.MessageRingDescriptor.HEAD_CACHE_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.HEAD_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.LENGTH_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.PADDING_TYPE;
import static io.nanostream.buffer.MessageRingDescriptor.TAIL_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.TYPE_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.align;
import static io.nanostream.buffer.MessageRingDescriptor.header;

/**
 * A ring of variable-length messages over shared memory, written by many threads in many processes and
 * read by one: the command channel from clients to the media driver.
 *
 * <p>A writer claims space with a CAS on the tail, stores the header with a negative length, copies the
 * payload, then release-stores the positive length. The reader handles complete records, zeroes what it
 * read, and release-stores the head. A writer killed between claim and commit blocks the ring until the
 * reader calls {@link #unblock()}, which turns the abandoned record into padding. The trailer also
 * carries a correlation id counter and the reader's heartbeat, by which writers tell that the reader is
 * alive. The records and the trailer are drawn in {@link MessageRingDescriptor}.
 */
public final class MessageRing
{
    private final AtomicBuffer buffer;
    private final int capacity;
    private final int mask;
    private final int maxMessageLength;
    private final int tailOffset;
    private final int headCacheOffset;
    private final int headOffset;
    private final int correlationOffset;
    private final int heartbeatOffset;
    /**
     * The reader's own head: the shared one is published for writers, never read back (a writer could have changed it).
     */
    private long readerHead;
    private long skippedRecords;
    private long trailerRepairs;

    /**
     * Views a buffer as a message ring.
     *
     * @param buffer a power of two of data bytes plus {@link MessageRingDescriptor#TRAILER_LENGTH}, zeroed when new.
     * @throws IllegalArgumentException if the data length is not a power of two from 1 KiB to 1 GiB.
     */
    public MessageRing(final AtomicBuffer buffer)
    {
        this.buffer = buffer;
        this.capacity = MessageRingDescriptor.checkCapacity(buffer.capacity());
        this.mask = capacity - 1;
        this.maxMessageLength = MessageRingDescriptor.maxMessageLength(capacity);
        this.tailOffset = capacity + TAIL_OFFSET;
        this.headCacheOffset = capacity + HEAD_CACHE_OFFSET;
        this.headOffset = capacity + HEAD_OFFSET;
        this.correlationOffset = capacity + CORRELATION_COUNTER_OFFSET;
        this.heartbeatOffset = capacity + CONSUMER_HEARTBEAT_OFFSET;
        this.readerHead = buffer.getLongVolatile(headOffset); // volatile: where a previous reader of this ring stopped
    }

    /**
     * The data capacity in bytes.
     *
     * @return the capacity.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * The longest message that can be written.
     *
     * @return bytes.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Writes a message, from any thread.
     *
     * @param type   a positive type.
     * @param source the payload's buffer.
     * @param offset the payload's offset.
     * @param length the payload's length, at most {@link #maxMessageLength()}.
     * @return false if the ring had no room (the reader is behind or gone).
     */
    public boolean write(final int type, final AtomicBuffer source, final int offset, final int length)
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
        final int recordLength = HEADER_LENGTH + length;
        final int recordIndex = claim(align(recordLength));
        if (recordIndex < 0)
        {
            return false;
        }
        buffer.putLongRelease(recordIndex,
            header(-recordLength, type)); // release: the claim is marked before the payload lands
        buffer.putBytes(recordIndex + HEADER_LENGTH, source, offset, length);
        buffer.putIntRelease(recordIndex + LENGTH_OFFSET,
            recordLength); // release: the payload is visible before the length says complete
        return true;
    }

    private int claim(final int required)
    {
        long head = buffer.getLongVolatile(headCacheOffset); // volatile: a head no older than another writer last saw
        long tail;
        int tailIndex;
        int padding;
        do
        {
            tail = buffer.getLongVolatile(tailOffset); // volatile: the tail the CAS below must still find
            if (required > capacity - (int)(tail - head))
            {
                head = buffer.getLongVolatile(headOffset); // acquire: the space the reader freed is zeroed
                if (required > capacity - (int)(tail - head))
                {
                    return -1;
                }
                buffer.putLongRelease(headCacheOffset,
                    head); // release: a newer head for other writers, orders nothing else
            }
            padding = 0;
            tailIndex = (int)tail & mask;
            final int toEnd = capacity - tailIndex;
            if (required > toEnd)
            {
                int headIndex = (int)head & mask;
                if (required > headIndex)
                {
                    head = buffer.getLongVolatile(headOffset); // acquire: as above
                    headIndex = (int)head & mask;
                    if (required > headIndex)
                    {
                        return -1;
                    }
                    buffer.putLongRelease(headCacheOffset, head); // release: as above
                }
                padding = toEnd;
            }
        }
        while (!buffer.compareAndSetLong(tailOffset, tail, tail + required + padding));
        if (padding != 0)
        {
            buffer.putLongRelease(tailIndex, header(padding, PADDING_TYPE)); // release: a complete padding record
            tailIndex = 0;
        }
        return tailIndex;
    }

    /**
     * Reads and hands over complete messages, up to the end of the buffer or the limit, then frees the
     * space read. Call from one thread only.
     *
     * @param handler receives each message.
     * @param limit   the most messages to handle.
     * @return the number of messages handled.
     */
    public int read(final MessageHandler handler, final int limit)
    {
        final long head = readerHead;
        final int headIndex = (int)head & mask;
        repairTrailer(head);
        final long claimed = buffer.getLongVolatile(tailOffset) - head; // volatile: what writers have claimed; nothing past it is read
        final int available = claimed < 0 || claimed > capacity ? capacity - headIndex : (int)Math.min(claimed,
        capacity - headIndex);
        int bytesRead = 0;
        int messages = 0;
        try
        {
            while (bytesRead < available && messages < limit)
            {
                final int recordIndex = headIndex + bytesRead;
                final int length = buffer.getIntAcquire(recordIndex +
                    LENGTH_OFFSET); // acquire: a positive length means the payload is visible
                if (length <= 0)
                {
                    break;
                }
                if (length < HEADER_LENGTH || length > available - bytesRead)
                {
                    // no writer of this class makes such a record: skip to the next thing
                    // that looks like a record's start
                    skippedRecords++;
                    bytesRead = nextPlausibleRecord(recordIndex + ALIGNMENT, headIndex + available) - headIndex;
                    continue;
                }
                bytesRead += align(length);
                final int type = buffer.getInt(recordIndex + TYPE_OFFSET);
                if (type != PADDING_TYPE)
                {
                    messages++;
                    handler.onMessage(type, buffer, recordIndex + HEADER_LENGTH, length - HEADER_LENGTH);
                }
            }
        }
        finally
        {
            if (bytesRead > 0)
            {
                buffer.setMemory(headIndex, bytesRead, (byte)0);
                readerHead = head + bytesRead;
                buffer.putLongRelease(headOffset,
                    readerHead); // release: the zeroed space is visible before writers reuse it
            }
        }
        return messages;
    }

    /**
     * Puts back a trailer that cannot be right, from the reader's own head: writers decide where to write from the
     * shared head, its cache and the tail, all of which anything that maps the ring can overwrite. A shared head other
     * than the reader's, a head cache ahead of it (writers would overwrite unread records), or a tail behind the head,
     * more than a ring ahead of it or unaligned (writers would find no room, forever) is repaired and counted. A tail
     * is put back just past the records found from the head, so that no complete or claimed record is overwritten.
     */
    private void repairTrailer(final long head)
    {
        if (buffer.getLongVolatile(headOffset) != head) // volatile: a writer outside this class may have moved it
        {
            buffer.putLongRelease(headOffset, head); // release: writers see the space the reader really freed
            trailerRepairs++;
        }
        if (buffer.getLongVolatile(headCacheOffset) - head > 0) // volatile: as above; a cache never runs ahead of the head
        {
            buffer.putLongRelease(headCacheOffset, head); // release: as above
            trailerRepairs++;
        }
        final long tail = buffer.getLongVolatile(tailOffset); // volatile: as above
        if (tail - head < 0 || tail - head > capacity || (tail & (ALIGNMENT - 1)) != 0)
        {
            final int headIndex = (int)head & mask;
            int end = headIndex;
            while (end < capacity)
            {
                final int length = buffer.getIntVolatile(end +
                    LENGTH_OFFSET); // volatile: writers may be committing here
                final int span = align(Math.abs(length));
                if (length == 0 || length == Integer.MIN_VALUE || span < HEADER_LENGTH || span > capacity - end)
                {
                    break; // free space, or something no writer makes: the records end here
                }
                end += span;
            }
            if (buffer.compareAndSetLong(tailOffset, tail, head + (end - headIndex)))
            {
                trailerRepairs++;
            }
        }
    }

    /**
     * How many times the reader found the ring's trailer (head, head cache, tail) set to something no writer of this
     * class makes, and put it back: the mark of a process writing into the trailer. Reader's thread.
     *
     * @return the count.
     */
    public long trailerRepairs()
    {
        return trailerRepairs;
    }

    /**
     * Where, from an index, the next word that could start a record is: a length a writer could have made (complete
     * with a positive or padding type, or claimed and negative) that fits before the end. Used only after a record
     * no writer makes, to find where honest records go on; a zero word (claimed, unwritten) stops the search there.
     */
    private int nextPlausibleRecord(final int from, final int end)
    {
        for (int index = from; index < end; index += ALIGNMENT)
        {
            final int length = buffer.getIntVolatile(index + LENGTH_OFFSET); // volatile: writers may be committing here
            final int room = end - index;
            if (length == 0 ||
                (length >= HEADER_LENGTH && length <= room && (buffer.getInt(index + TYPE_OFFSET) > 0 ||
                    buffer.getInt(index + TYPE_OFFSET) == PADDING_TYPE)) ||
                (length <= -HEADER_LENGTH && length >= -room))
            {
                return index;
            }
        }
        return end;
    }

    /**
     * Turns a record abandoned by a writer that died between claim and commit into padding, so reading
     * can go on. Call only from the reader, and only after the ring has been stuck for longer than any live
     * writer takes to commit.
     *
     * @return true if something was unblocked.
     */
    public boolean unblock()
    {
        final long head = readerHead;
        final long tail = buffer.getLongVolatile(tailOffset); // volatile: how far writers have claimed
        if (head == tail)
        {
            return false;
        }
        final int consumerIndex = (int)head & mask;
        final int producerIndex = (int)tail & mask;
        final int limit = producerIndex > consumerIndex ? producerIndex : capacity;
        final int length = buffer.getIntVolatile(consumerIndex +
            LENGTH_OFFSET); // volatile: a writer may still be committing it
        if (length < 0)
        {
            // a claimed record says its length, negated; one that could not have been claimed (torn, or written by
            // something that is not a writer of this class) is padded up to the next thing that looks like a record
            final boolean sane = length <= -HEADER_LENGTH && length >= -(limit - consumerIndex);
            skippedRecords += sane ? 0 : 1;
            final int padding = sane ? -length : nextPlausibleRecord(consumerIndex + ALIGNMENT, limit) - consumerIndex;
            buffer.putLongRelease(consumerIndex,
                header(padding, PADDING_TYPE)); // release: the record becomes padding whole
            return true;
        }
        if (length > 0)
        {
            return false;
        }
        int index = consumerIndex + ALIGNMENT;
        while (index < limit && buffer.getIntVolatile(index) == 0)
        {
            index += ALIGNMENT;
        }
        // claimed but never written, up to the next record or the claimed end: skip it all, if still untouched
        for (int i = consumerIndex; i < index; i += ALIGNMENT)
        {
            if (buffer.getIntVolatile(i) != 0)
            {
                return false;
            }
        }
        buffer.putLongRelease(consumerIndex, header(index - consumerIndex, PADDING_TYPE)); // release: as above
        return true;
    }

    /**
     * How many times the reader met a record no writer could have made (a length shorter than a header or longer
     * than what was claimed) and skipped all that was claimed behind it: the mark of a process writing into the ring
     * outside this class. Reader's thread.
     *
     * @return the count.
     */
    public long skippedRecords()
    {
        return skippedRecords;
    }

    /**
     * A new id, unique among all writers of this ring; ids start at 1.
     *
     * @return the id.
     */
    public long nextCorrelationId()
    {
        return buffer.getAndAddLong(correlationOffset, 1) + 1;
    }

    /**
     * Records that the reader is alive.
     *
     * @param epochMillis the current time.
     */
    public void consumerHeartbeat(final long epochMillis)
    {
        buffer.putLongRelease(heartbeatOffset, epochMillis); // release: a fresh timestamp, orders nothing else
    }

    /**
     * When the reader last said it was alive.
     *
     * @return epoch milliseconds, 0 if never.
     */
    public long consumerHeartbeat()
    {
        return buffer.getLongVolatile(heartbeatOffset);
    }

    /**
     * How far writers have claimed.
     *
     * @return the tail position in bytes.
     */
    public long producerPosition()
    {
        return buffer.getLongVolatile(tailOffset);
    }

    /**
     * How far the reader has read.
     *
     * @return the head position in bytes.
     */
    public long consumerPosition()
    {
        return buffer.getLongVolatile(headOffset);
    }
}
