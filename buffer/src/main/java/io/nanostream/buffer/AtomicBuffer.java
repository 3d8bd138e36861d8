package io.nanostream.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A little-endian view over a {@link MemorySegment} (heap, native or memory-mapped) with plain,
 * opaque, acquire/release and volatile access to ints and longs, compare-and-set, get-and-add, and
 * bulk copies. Every access is bounds-checked by the segment; atomic accesses must be naturally
 * aligned (the segment throws otherwise). Keep a hot buffer in a {@code final} field so the JIT
 * can hoist those checks, and keep heap and mapped buffers apart at any one hot call site.
 */
public final class AtomicBuffer
{
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_UNALIGNED = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_UNALIGNED = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_UNALIGNED = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_HANDLE = INT.varHandle().withInvokeExactBehavior();
    private static final VarHandle LONG_HANDLE = LONG.varHandle().withInvokeExactBehavior();

    /** A block of zeros that {@link #setMemory} copies from. */
    private static final MemorySegment ZEROS = java.lang.foreign.Arena.global().allocate(64 * 1024, 64);

    private final MemorySegment segment;

    /**
     * Views a segment.
     *
     * @param segment the memory; its address should be 8-byte aligned for atomic longs.
     */
    public AtomicBuffer(final MemorySegment segment)
    {
        if (segment == null)
        {
            throw new NullPointerException("segment is null");
        }
        this.segment = segment;
    }

    /**
     * A buffer over new, zeroed heap memory, 8-byte aligned.
     *
     * @param capacity bytes, a multiple of 8.
     * @return the buffer.
     */
    public static AtomicBuffer allocateHeap(final int capacity)
    {
        if (capacity < 0 || (capacity & 7) != 0)
        {
            throw new IllegalArgumentException("capacity must be a non-negative multiple of 8, was " + capacity);
        }
        return new AtomicBuffer(MemorySegment.ofArray(new long[capacity >> 3]));
    }

    /**
     * The segment viewed.
     *
     * @return the segment.
     */
    public MemorySegment segment()
    {
        return segment;
    }

    /**
     * The size in bytes.
     *
     * @return the capacity.
     */
    public long capacity()
    {
        return segment.byteSize();
    }

    /**
     * A view of part of this buffer.
     *
     * @param offset where the part starts.
     * @param length its length.
     * @return a buffer over the part.
     */
    public AtomicBuffer slice(final long offset, final long length)
    {
        return new AtomicBuffer(segment.asSlice(offset, length));
    }

    /**
     * Reads a byte.
     *
     * @param offset the byte offset.
     * @return the value.
     */
    public byte getByte(final long offset)
    {
        return segment.get(ValueLayout.JAVA_BYTE, offset);
    }

    /**
     * Writes a byte.
     *
     * @param offset the byte offset.
     * @param value  the value.
     */
    public void putByte(final long offset, final byte value)
    {
        segment.set(ValueLayout.JAVA_BYTE, offset, value);
    }

    /**
     * Reads a little-endian short, any alignment.
     *
     * @param offset the byte offset.
     * @return the value.
     */
    public short getShort(final long offset)
    {
        return segment.get(SHORT_UNALIGNED, offset);
    }

    /**
     * Writes a little-endian short, any alignment.
     *
     * @param offset the byte offset.
     * @param value  the value.
     */
    public void putShort(final long offset, final short value)
    {
        segment.set(SHORT_UNALIGNED, offset, value);
    }

    /**
     * Reads a little-endian int, any alignment, no ordering.
     *
     * @param offset the byte offset.
     * @return the value.
     */
    public int getInt(final long offset)
    {
        return segment.get(INT_UNALIGNED, offset);
    }

    /**
     * Writes a little-endian int, any alignment, no ordering.
     *
     * @param offset the byte offset.
     * @param value  the value.
     */
    public void putInt(final long offset, final int value)
    {
        segment.set(INT_UNALIGNED, offset, value);
    }

    /**
     * Reads a little-endian long, any alignment, no ordering.
     *
     * @param offset the byte offset.
     * @return the value.
     */
    public long getLong(final long offset)
    {
        return segment.get(LONG_UNALIGNED, offset);
    }

    /**
     * Writes a little-endian long, any alignment, no ordering.
     *
     * @param offset the byte offset.
     * @param value  the value.
     */
    public void putLong(final long offset, final long value)
    {
        segment.set(LONG_UNALIGNED, offset, value);
    }

    /**
     * Reads an aligned int with acquire semantics.
     *
     * @param offset the byte offset, a multiple of 4.
     * @return the value.
     */
    public int getIntAcquire(final long offset)
    {
        return (int)INT_HANDLE.getAcquire(segment, offset); // acquire: later reads see what was written before the release
    }

    /**
     * Writes an aligned int with release semantics.
     *
     * @param offset the byte offset, a multiple of 4.
     * @param value  the value.
     */
    public void putIntRelease(final long offset, final int value)
    {
        INT_HANDLE.setRelease(segment, offset, value); // release: earlier writes are visible to whoever acquires this
    }

    /**
     * Reads an aligned int atomically, without ordering other accesses.
     *
     * @param offset the byte offset, a multiple of 4.
     * @return the value.
     */
    public int getIntOpaque(final long offset)
    {
        return (int)INT_HANDLE.getOpaque(segment, offset); // opaque: atomic and not hoisted, orders nothing
    }

    /**
     * Writes an aligned int atomically, without ordering other accesses.
     *
     * @param offset the byte offset, a multiple of 4.
     * @param value  the value.
     */
    public void putIntOpaque(final long offset, final int value)
    {
        INT_HANDLE.setOpaque(segment, offset, value); // opaque: atomic and eventually visible, orders nothing
    }

    /**
     * Reads an aligned int with volatile semantics.
     *
     * @param offset the byte offset, a multiple of 4.
     * @return the value.
     */
    public int getIntVolatile(final long offset)
    {
        return (int)INT_HANDLE.getVolatile(segment, offset); // volatile: totally ordered with other volatile accesses
    }

    /**
     * Writes an aligned int with volatile semantics.
     *
     * @param offset the byte offset, a multiple of 4.
     * @param value  the value.
     */
    public void putIntVolatile(final long offset, final int value)
    {
        INT_HANDLE.setVolatile(segment, offset, value); // volatile: also ordered before any later load
    }

    /**
     * Atomically sets an aligned int if it holds the expected value.
     *
     * @param offset   the byte offset, a multiple of 4.
     * @param expected the value expected.
     * @param value    the new value.
     * @return true if set.
     */
    public boolean compareAndSetInt(final long offset, final int expected, final int value)
    {
        return (boolean)INT_HANDLE.compareAndSet(segment, offset, expected, value); // volatile CAS: full ordering
    }

    /**
     * Atomically adds to an aligned int.
     *
     * @param offset the byte offset, a multiple of 4.
     * @param delta  the amount to add.
     * @return the value before.
     */
    public int getAndAddInt(final long offset, final int delta)
    {
        return (int)INT_HANDLE.getAndAdd(segment, offset, delta); // volatile read-modify-write: full ordering
    }

    /**
     * Reads an aligned long with acquire semantics.
     *
     * @param offset the byte offset, a multiple of 8.
     * @return the value.
     */
    public long getLongAcquire(final long offset)
    {
        return (long)LONG_HANDLE.getAcquire(segment, offset); // acquire: later reads see what was written before the release
    }

    /**
     * Writes an aligned long with release semantics.
     *
     * @param offset the byte offset, a multiple of 8.
     * @param value  the value.
     */
    public void putLongRelease(final long offset, final long value)
    {
        LONG_HANDLE.setRelease(segment, offset, value); // release: earlier writes are visible to whoever acquires this
    }

    /**
     * Reads an aligned long atomically, without ordering other accesses.
     *
     * @param offset the byte offset, a multiple of 8.
     * @return the value.
     */
    public long getLongOpaque(final long offset)
    {
        return (long)LONG_HANDLE.getOpaque(segment, offset); // opaque: atomic and not hoisted, orders nothing
    }

    /**
     * Writes an aligned long atomically, without ordering other accesses.
     *
     * @param offset the byte offset, a multiple of 8.
     * @param value  the value.
     */
    public void putLongOpaque(final long offset, final long value)
    {
        LONG_HANDLE.setOpaque(segment, offset, value); // opaque: atomic and eventually visible, orders nothing
    }

    /**
     * Reads an aligned long with volatile semantics.
     *
     * @param offset the byte offset, a multiple of 8.
     * @return the value.
     */
    public long getLongVolatile(final long offset)
    {
        return (long)LONG_HANDLE.getVolatile(segment, offset); // volatile: totally ordered with other volatile accesses
    }

    /**
     * Writes an aligned long with volatile semantics.
     *
     * @param offset the byte offset, a multiple of 8.
     * @param value  the value.
     */
    public void putLongVolatile(final long offset, final long value)
    {
        LONG_HANDLE.setVolatile(segment, offset, value); // volatile: also ordered before any later load
    }

    /**
     * Atomically sets an aligned long if it holds the expected value.
     *
     * @param offset   the byte offset, a multiple of 8.
     * @param expected the value expected.
     * @param value    the new value.
     * @return true if set.
     */
    public boolean compareAndSetLong(final long offset, final long expected, final long value)
    {
        return (boolean)LONG_HANDLE.compareAndSet(segment, offset, expected, value); // volatile CAS: full ordering
    }

    /**
     * Atomically adds to an aligned long.
     *
     * @param offset the byte offset, a multiple of 8.
     * @param delta  the amount to add.
     * @return the value before.
     */
    public long getAndAddLong(final long offset, final long delta)
    {
        return (long)LONG_HANDLE.getAndAdd(segment, offset, delta); // volatile read-modify-write: full ordering
    }

    /**
     * Copies bytes in from an array.
     *
     * @param offset      where to write.
     * @param source      the bytes.
     * @param sourceIndex the first byte to copy.
     * @param length      how many.
     */
    public void putBytes(final long offset, final byte[] source, final int sourceIndex, final int length)
    {
        MemorySegment.copy(source, sourceIndex, segment, ValueLayout.JAVA_BYTE, offset, length);
    }

    /**
     * Copies bytes out to an array.
     *
     * @param offset           where to read.
     * @param destination      the array.
     * @param destinationIndex where to put the first byte.
     * @param length           how many.
     */
    public void getBytes(final long offset, final byte[] destination, final int destinationIndex, final int length)
    {
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, destination, destinationIndex, length);
    }

    /**
     * Copies bytes in from another buffer.
     *
     * @param offset      where to write.
     * @param source      the buffer to copy from.
     * @param sourceIndex where to start reading it.
     * @param length      how many bytes.
     */
    public void putBytes(final long offset, final AtomicBuffer source, final long sourceIndex, final long length)
    {
        MemorySegment.copy(source.segment, sourceIndex, segment, offset, length);
    }

    /**
     * Copies bytes in from a segment.
     *
     * @param offset      where to write.
     * @param source      the segment to copy from.
     * @param sourceIndex where to start reading it.
     * @param length      how many bytes.
     */
    public void putBytes(final long offset, final MemorySegment source, final long sourceIndex, final long length)
    {
        MemorySegment.copy(source, sourceIndex, segment, offset, length);
    }

    /**
     * Fills a range with one byte value.
     *
     * @param offset where to start.
     * @param length how many bytes.
     * @param value  the byte.
     */
    public void setMemory(final long offset, final long length, final byte value)
    {
        if (value != 0)
        {
            segment.asSlice(offset, length).fill(value);
            return;
        }
        // zeroing copies from a shared zero block: no slice object, so cleaning on hot paths allocates nothing
        long done = 0;
        while (done < length)
        {
            final long chunk = Math.min(length - done, ZEROS.byteSize());
            MemorySegment.copy(ZEROS, 0, segment, offset + done, chunk);
            done += chunk;
        }
    }

    @Override
    public String toString()
    {
        return "AtomicBuffer{capacity=" + capacity() + ", " + (segment.isNative() ? "native" : "heap") + "}";
    }
}
