package io.nanostream.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

import static io.nanostream.buffer.AtomicBuffer.INT_HANDLE;
import static io.nanostream.buffer.AtomicBuffer.INT_UNALIGNED;
import static io.nanostream.buffer.AtomicBuffer.LONG_HANDLE;
import static io.nanostream.buffer.AtomicBuffer.LONG_UNALIGNED;
import static io.nanostream.buffer.AtomicBuffer.SHORT_UNALIGNED;

/**
 * An {@link AtomicBuffer} over native or memory-mapped memory that reads and writes by address, through
 * one constant segment spanning the whole address space: the opt-in fast path ({@link RawMemory}).
 *
 * <p>What it checks and what it does not:
 * <ul>
 *   <li>bounds: yes, itself, with one unsigned compare against the capacity it holds in a field (the JIT
 *       folds the constant segment's own bounds, read-only and liveness checks to nothing);</li>
 *   <li>alignment of atomic accesses: yes, as the checked buffer does;</li>
 *   <li>liveness: <b>no</b>. Touching memory after it was unmapped or freed crashes the JVM where the checked
 *       buffer throws. The client unmaps a closed log only after it has lingered, and all logs when it closes;
 *       an application must not offer or poll after closing its client, nor use a buffer after closing its arena.</li>
 * </ul>
 */
final class RawAtomicBuffer extends AtomicBuffer
{
    /** Every address, as one segment: the JIT treats a static final segment's fields as constants. */
    private static final MemorySegment ALL = RawMemory.everything();

    private final long address;
    private final long capacity;

    RawAtomicBuffer(final MemorySegment segment)
    {
        super(segment);
        this.address = segment.address();
        this.capacity = segment.byteSize();
    }

    /** The address of {@code length} bytes at {@code offset}, or an exception if they are not all in the buffer. */
    private long at(final long offset, final long length)
    {
        return address + Objects.checkFromIndexSize(offset, length, capacity);
    }

    @Override
    public byte getByte(final long offset)
    {
        return ALL.get(ValueLayout.JAVA_BYTE, at(offset, Byte.BYTES));
    }

    @Override
    public void putByte(final long offset, final byte value)
    {
        ALL.set(ValueLayout.JAVA_BYTE, at(offset, Byte.BYTES), value);
    }

    @Override
    public short getShort(final long offset)
    {
        return ALL.get(SHORT_UNALIGNED, at(offset, Short.BYTES));
    }

    @Override
    public void putShort(final long offset, final short value)
    {
        ALL.set(SHORT_UNALIGNED, at(offset, Short.BYTES), value);
    }

    @Override
    public int getInt(final long offset)
    {
        return ALL.get(INT_UNALIGNED, at(offset, Integer.BYTES));
    }

    @Override
    public void putInt(final long offset, final int value)
    {
        ALL.set(INT_UNALIGNED, at(offset, Integer.BYTES), value);
    }

    @Override
    public long getLong(final long offset)
    {
        return ALL.get(LONG_UNALIGNED, at(offset, Long.BYTES));
    }

    @Override
    public void putLong(final long offset, final long value)
    {
        ALL.set(LONG_UNALIGNED, at(offset, Long.BYTES), value);
    }

    @Override
    public int getIntAcquire(final long offset)
    {
        return (int)INT_HANDLE.getAcquire(ALL,
            at(offset, Integer.BYTES)); // acquire: later reads see what was written before the release
    }

    @Override
    public void putIntRelease(final long offset, final int value)
    {
        INT_HANDLE.setRelease(ALL, at(offset, Integer.BYTES),
            value); // release: earlier writes are visible to whoever acquires this
    }

    @Override
    public int getIntOpaque(final long offset)
    {
        return (int)INT_HANDLE.getOpaque(ALL,
            at(offset, Integer.BYTES)); // opaque: atomic and not hoisted, orders nothing
    }

    @Override
    public void putIntOpaque(final long offset, final int value)
    {
        INT_HANDLE.setOpaque(ALL, at(offset, Integer.BYTES),
            value); // opaque: atomic and eventually visible, orders nothing
    }

    @Override
    public int getIntVolatile(final long offset)
    {
        return (int)INT_HANDLE.getVolatile(ALL,
            at(offset, Integer.BYTES)); // volatile: totally ordered with other volatile accesses
    }

    @Override
    public void putIntVolatile(final long offset, final int value)
    {
        INT_HANDLE.setVolatile(ALL, at(offset, Integer.BYTES), value); // volatile: also ordered before any later load
    }

    @Override
    public boolean compareAndSetInt(final long offset, final int expected, final int value)
    {
        return (boolean)INT_HANDLE.compareAndSet(ALL, at(offset, Integer.BYTES), expected,
            value); // volatile CAS: full ordering
    }

    @Override
    public int getAndAddInt(final long offset, final int delta)
    {
        return (int)INT_HANDLE.getAndAdd(ALL, at(offset, Integer.BYTES),
            delta); // volatile read-modify-write: full ordering
    }

    @Override
    public long getLongAcquire(final long offset)
    {
        return (long)LONG_HANDLE.getAcquire(ALL,
            at(offset, Long.BYTES)); // acquire: later reads see what was written before the release
    }

    @Override
    public void putLongRelease(final long offset, final long value)
    {
        LONG_HANDLE.setRelease(ALL, at(offset, Long.BYTES),
            value); // release: earlier writes are visible to whoever acquires this
    }

    @Override
    public long getLongOpaque(final long offset)
    {
        return (long)LONG_HANDLE.getOpaque(ALL,
            at(offset, Long.BYTES)); // opaque: atomic and not hoisted, orders nothing
    }

    @Override
    public void putLongOpaque(final long offset, final long value)
    {
        LONG_HANDLE.setOpaque(ALL, at(offset, Long.BYTES),
            value); // opaque: atomic and eventually visible, orders nothing
    }

    @Override
    public long getLongVolatile(final long offset)
    {
        return (long)LONG_HANDLE.getVolatile(ALL,
            at(offset, Long.BYTES)); // volatile: totally ordered with other volatile accesses
    }

    @Override
    public void putLongVolatile(final long offset, final long value)
    {
        LONG_HANDLE.setVolatile(ALL, at(offset, Long.BYTES), value); // volatile: also ordered before any later load
    }

    @Override
    public boolean compareAndSetLong(final long offset, final long expected, final long value)
    {
        return (boolean)LONG_HANDLE.compareAndSet(ALL, at(offset, Long.BYTES), expected,
            value); // volatile CAS: full ordering
    }

    @Override
    public long getAndAddLong(final long offset, final long delta)
    {
        return (long)LONG_HANDLE.getAndAdd(ALL, at(offset, Long.BYTES),
            delta); // volatile read-modify-write: full ordering
    }

    @Override
    public void putBytes(final long offset, final byte[] source, final int sourceIndex, final int length)
    {
        MemorySegment.copy(source, sourceIndex, ALL, ValueLayout.JAVA_BYTE, at(offset, length), length);
    }

    @Override
    public void getBytes(final long offset, final byte[] destination, final int destinationIndex, final int length)
    {
        MemorySegment.copy(ALL, ValueLayout.JAVA_BYTE, at(offset, length), destination, destinationIndex, length);
    }

    @Override
    public void putBytes(final long offset, final AtomicBuffer source, final long sourceIndex, final long length)
    {
        source.copyTo(sourceIndex, ALL, at(offset, length), length);
    }

    @Override
    public void putBytes(final long offset, final MemorySegment source, final long sourceIndex, final long length)
    {
        MemorySegment.copy(source, sourceIndex, ALL, at(offset, length), length);
    }

    @Override
    public void fill(final byte value)
    {
        segment.fill(value);
    }

    @Override
    public long capacity()
    {
        return capacity;
    }

    @Override
    void copyTo(final long offset, final MemorySegment destination, final long destinationOffset, final long length)
    {
        MemorySegment.copy(ALL, at(offset, length), destination, destinationOffset, length);
    }
}
