package io.nanostream.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.nanostream.buffer.AtomicBuffer.INT_HANDLE;
import static io.nanostream.buffer.AtomicBuffer.INT_UNALIGNED;
import static io.nanostream.buffer.AtomicBuffer.LONG_HANDLE;
import static io.nanostream.buffer.AtomicBuffer.LONG_UNALIGNED;
import static io.nanostream.buffer.AtomicBuffer.SHORT_UNALIGNED;

/**
 * An {@link AtomicBuffer} over heap memory (an array), or any segment that is not native. Kept apart
 * from {@link NativeAtomicBuffer} so that heap buffers never share an access site with the log's mapped
 * memory.
 */
final class HeapAtomicBuffer extends AtomicBuffer
{
    HeapAtomicBuffer(final MemorySegment segment)
    {
        super(segment);
    }

    @Override
    public byte getByte(final long offset)
    {
        return segment.get(ValueLayout.JAVA_BYTE, offset);
    }

    @Override
    public void putByte(final long offset, final byte value)
    {
        segment.set(ValueLayout.JAVA_BYTE, offset, value);
    }

    @Override
    public short getShort(final long offset)
    {
        return segment.get(SHORT_UNALIGNED, offset);
    }

    @Override
    public void putShort(final long offset, final short value)
    {
        segment.set(SHORT_UNALIGNED, offset, value);
    }

    @Override
    public int getInt(final long offset)
    {
        return segment.get(INT_UNALIGNED, offset);
    }

    @Override
    public void putInt(final long offset, final int value)
    {
        segment.set(INT_UNALIGNED, offset, value);
    }

    @Override
    public long getLong(final long offset)
    {
        return segment.get(LONG_UNALIGNED, offset);
    }

    @Override
    public void putLong(final long offset, final long value)
    {
        segment.set(LONG_UNALIGNED, offset, value);
    }

    @Override
    public int getIntAcquire(final long offset)
    {
        return (int)INT_HANDLE.getAcquire(segment,
            offset); // acquire: later reads see what was written before the release
    }

    @Override
    public void putIntRelease(final long offset, final int value)
    {
        INT_HANDLE.setRelease(segment, offset, value); // release: earlier writes are visible to whoever acquires this
    }

    @Override
    public int getIntOpaque(final long offset)
    {
        return (int)INT_HANDLE.getOpaque(segment, offset); // opaque: atomic and not hoisted, orders nothing
    }

    @Override
    public void putIntOpaque(final long offset, final int value)
    {
        INT_HANDLE.setOpaque(segment, offset, value); // opaque: atomic and eventually visible, orders nothing
    }

    @Override
    public int getIntVolatile(final long offset)
    {
        return (int)INT_HANDLE.getVolatile(segment, offset); // volatile: totally ordered with other volatile accesses
    }

    @Override
    public void putIntVolatile(final long offset, final int value)
    {
        INT_HANDLE.setVolatile(segment, offset, value); // volatile: also ordered before any later load
    }

    @Override
    public boolean compareAndSetInt(final long offset, final int expected, final int value)
    {
        return (boolean)INT_HANDLE.compareAndSet(segment, offset, expected, value); // volatile CAS: full ordering
    }

    @Override
    public int getAndAddInt(final long offset, final int delta)
    {
        return (int)INT_HANDLE.getAndAdd(segment, offset, delta); // volatile read-modify-write: full ordering
    }

    @Override
    public long getLongAcquire(final long offset)
    {
        return (long)LONG_HANDLE.getAcquire(segment,
            offset); // acquire: later reads see what was written before the release
    }

    @Override
    public void putLongRelease(final long offset, final long value)
    {
        LONG_HANDLE.setRelease(segment, offset, value); // release: earlier writes are visible to whoever acquires this
    }

    @Override
    public long getLongOpaque(final long offset)
    {
        return (long)LONG_HANDLE.getOpaque(segment, offset); // opaque: atomic and not hoisted, orders nothing
    }

    @Override
    public void putLongOpaque(final long offset, final long value)
    {
        LONG_HANDLE.setOpaque(segment, offset, value); // opaque: atomic and eventually visible, orders nothing
    }

    @Override
    public long getLongVolatile(final long offset)
    {
        return (long)LONG_HANDLE.getVolatile(segment, offset); // volatile: totally ordered with other volatile accesses
    }

    @Override
    public void putLongVolatile(final long offset, final long value)
    {
        LONG_HANDLE.setVolatile(segment, offset, value); // volatile: also ordered before any later load
    }

    @Override
    public boolean compareAndSetLong(final long offset, final long expected, final long value)
    {
        return (boolean)LONG_HANDLE.compareAndSet(segment, offset, expected, value); // volatile CAS: full ordering
    }

    @Override
    public long getAndAddLong(final long offset, final long delta)
    {
        return (long)LONG_HANDLE.getAndAdd(segment, offset, delta); // volatile read-modify-write: full ordering
    }

    @Override
    public void putBytes(final long offset, final byte[] source, final int sourceIndex, final int length)
    {
        MemorySegment.copy(source, sourceIndex, segment, ValueLayout.JAVA_BYTE, offset, length);
    }

    @Override
    public void getBytes(final long offset, final byte[] destination, final int destinationIndex, final int length)
    {
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, destination, destinationIndex, length);
    }

    @Override
    public void putBytes(final long offset, final AtomicBuffer source, final long sourceIndex, final long length)
    {
        source.copyTo(sourceIndex, segment, offset, length);
    }

    @Override
    public void putBytes(final long offset, final MemorySegment source, final long sourceIndex, final long length)
    {
        MemorySegment.copy(source, sourceIndex, segment, offset, length);
    }

    @Override
    public void fill(final byte value)
    {
        segment.fill(value);
    }

    @Override
    public long capacity()
    {
        return segment.byteSize();
    }

    @Override
    void copyTo(final long offset, final MemorySegment destination, final long destinationOffset, final long length)
    {
        MemorySegment.copy(segment, offset, destination, destinationOffset, length);
    }
}
