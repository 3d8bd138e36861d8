package io.nanostream.buffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A little-endian view over a {@link MemorySegment} with plain, opaque, acquire/release and volatile
 * access to ints and longs, compare-and-set, get-and-add, and bulk copies. Every access is
 * bounds-checked by the segment; atomic accesses must be naturally aligned (the segment throws
 * otherwise).
 *
 * <p>Native and memory-mapped memory get an implementation that tells the JIT the segment's exact
 * class at every access, so the JDK's access code compiles to a few loads and a store whatever other
 * kinds of segment the process uses; heap memory gets one of its own. A call site that only ever sees
 * one kind (every term of every log is mapped) therefore stays monomorphic: see BENCHMARKS.md for what
 * mixing kinds at one site cost before this split.
 *
 * <p>With {@code -Dnanostream.memory.raw=true} and native access enabled, native and mapped memory is read
 * and written by address instead (bounds checked, liveness not; see {@code RawAtomicBuffer}), the opt-in
 * fast path measured in BENCHMARKS.md.
 *
 * <p>Which thread may use a buffer is up to its owner; the buffer itself holds no state but the segment.
 */
public abstract sealed class AtomicBuffer permits NativeAtomicBuffer, RawAtomicBuffer, HeapAtomicBuffer
{
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT_UNALIGNED = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_UNALIGNED = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT_UNALIGNED = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT_HANDLE = INT.varHandle().withInvokeExactBehavior();
    static final VarHandle LONG_HANDLE = LONG.varHandle().withInvokeExactBehavior();

    /** A block of zeros that {@link #setMemory} copies from. */
    private static final MemorySegment ZEROS = Arena.global().allocate(64 * 1024, 64);

    final MemorySegment segment;

    AtomicBuffer(final MemorySegment segment)
    {
        this.segment = segment;
    }

    /**
     * Views a segment: native and mapped segments get the implementation the JIT compiles best.
     *
     * @param segment the memory; its address should be 8-byte aligned for atomic longs.
     * @return the buffer.
     */
    public static AtomicBuffer wrap(final MemorySegment segment)
    {
        if (segment == null)
        {
            throw new NullPointerException("segment is null");
        }
        return NativeAtomicBuffer.accepts(segment) ? overNative(segment) : new HeapAtomicBuffer(segment);
    }

    /**
     * Views a byte buffer, direct or heap, from index 0 to its limit.
     *
     * @param buffer the buffer.
     * @return a view sharing the buffer's memory.
     */
    public static AtomicBuffer wrap(final ByteBuffer buffer)
    {
        return wrap(MemorySegment.ofBuffer(buffer.duplicate().position(0)));
    }

    /**
     * Views a byte array (plain and unaligned accesses only: the JDK gives byte arrays no atomic access).
     *
     * @param array the array.
     * @return a view sharing the array.
     */
    public static AtomicBuffer wrap(final byte[] array)
    {
        return new HeapAtomicBuffer(MemorySegment.ofArray(array));
    }

    /**
     * A buffer over new, zeroed native memory, 64-byte aligned, freed by the garbage collector once
     * unreachable. Prefer this for messages: it is the kind the log's own memory is.
     *
     * @param capacity bytes.
     * @return the buffer.
     */
    public static AtomicBuffer allocateDirect(final int capacity)
    {
        if (capacity < 0)
        {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        return overNative(Arena.ofAuto().allocate(capacity, 64));
    }

    /**
     * One kind of buffer for all native memory in a JVM, so that no access site sees two:
     * raw if opted in, else checked.
     */
    private static AtomicBuffer overNative(final MemorySegment segment)
    {
        return RawMemory.enabled() ? new RawAtomicBuffer(segment) : new NativeAtomicBuffer(segment);
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
        return new HeapAtomicBuffer(MemorySegment.ofArray(new long[capacity >> 3]));
    }

    /**
     * The segment viewed.
     *
     * @return the segment.
     */
    public final MemorySegment segment()
    {
        return segment;
    }

    /**
     * The size in bytes.
     *
     * @return the capacity.
     */
    public abstract long capacity();

    /**
     * A view of part of this buffer, of the same kind.
     *
     * @param offset where the part starts.
     * @param length its length.
     * @return a buffer over the part.
     */
    public final AtomicBuffer slice(final long offset, final long length)
    {
        return wrap(segment.asSlice(offset, length));
    }

    /**
     * Reads a byte.
     *
     * @param offset the byte offset.
     * @return the value.
     */
    public abstract byte getByte(final long offset);

    /**
     * Writes a byte.
     *
     * @param offset the byte offset.
     * @param value  the value.
     */
    public abstract void putByte(final long offset, final byte value);

    /**
     * Reads a little-endian short, any alignment.
     *
     * @param offset the byte offset.
     * @return the value.
     */
    public abstract short getShort(final long offset);

    /**
     * Writes a little-endian short, any alignment.
     *
     * @param offset the byte offset.
     * @param value  the value.
     */
    public abstract void putShort(final long offset, final short value);

    /**
     * Reads a little-endian int, any alignment, no ordering.
     *
     * @param offset the byte offset.
     * @return the value.
     */
    public abstract int getInt(final long offset);

    /**
     * Writes a little-endian int, any alignment, no ordering.
     *
     * @param offset the byte offset.
     * @param value  the value.
     */
    public abstract void putInt(final long offset, final int value);

    /**
     * Reads a little-endian long, any alignment, no ordering.
     *
     * @param offset the byte offset.
     * @return the value.
     */
    public abstract long getLong(final long offset);

    /**
     * Writes a little-endian long, any alignment, no ordering.
     *
     * @param offset the byte offset.
     * @param value  the value.
     */
    public abstract void putLong(final long offset, final long value);

    /**
     * Reads an aligned int with acquire semantics.
     *
     * @param offset the byte offset, a multiple of 4.
     * @return the value.
     */
    public abstract int getIntAcquire(final long offset);

    /**
     * Writes an aligned int with release semantics.
     *
     * @param offset the byte offset, a multiple of 4.
     * @param value  the value.
     */
    public abstract void putIntRelease(final long offset, final int value);

    /**
     * Reads an aligned int atomically, without ordering other accesses.
     *
     * @param offset the byte offset, a multiple of 4.
     * @return the value.
     */
    public abstract int getIntOpaque(final long offset);

    /**
     * Writes an aligned int atomically, without ordering other accesses.
     *
     * @param offset the byte offset, a multiple of 4.
     * @param value  the value.
     */
    public abstract void putIntOpaque(final long offset, final int value);

    /**
     * Reads an aligned int with volatile semantics.
     *
     * @param offset the byte offset, a multiple of 4.
     * @return the value.
     */
    public abstract int getIntVolatile(final long offset);

    /**
     * Writes an aligned int with volatile semantics.
     *
     * @param offset the byte offset, a multiple of 4.
     * @param value  the value.
     */
    public abstract void putIntVolatile(final long offset, final int value);

    /**
     * Atomically sets an aligned int if it holds the expected value.
     *
     * @param offset   the byte offset, a multiple of 4.
     * @param expected the value expected.
     * @param value    the new value.
     * @return true if set.
     */
    public abstract boolean compareAndSetInt(final long offset, final int expected, final int value);

    /**
     * Atomically adds to an aligned int.
     *
     * @param offset the byte offset, a multiple of 4.
     * @param delta  the amount to add.
     * @return the value before.
     */
    public abstract int getAndAddInt(final long offset, final int delta);

    /**
     * Reads an aligned long with acquire semantics.
     *
     * @param offset the byte offset, a multiple of 8.
     * @return the value.
     */
    public abstract long getLongAcquire(final long offset);

    /**
     * Writes an aligned long with release semantics.
     *
     * @param offset the byte offset, a multiple of 8.
     * @param value  the value.
     */
    public abstract void putLongRelease(final long offset, final long value);

    /**
     * Reads an aligned long atomically, without ordering other accesses.
     *
     * @param offset the byte offset, a multiple of 8.
     * @return the value.
     */
    public abstract long getLongOpaque(final long offset);

    /**
     * Writes an aligned long atomically, without ordering other accesses.
     *
     * @param offset the byte offset, a multiple of 8.
     * @param value  the value.
     */
    public abstract void putLongOpaque(final long offset, final long value);

    /**
     * Reads an aligned long with volatile semantics.
     *
     * @param offset the byte offset, a multiple of 8.
     * @return the value.
     */
    public abstract long getLongVolatile(final long offset);

    /**
     * Writes an aligned long with volatile semantics.
     *
     * @param offset the byte offset, a multiple of 8.
     * @param value  the value.
     */
    public abstract void putLongVolatile(final long offset, final long value);

    /**
     * Atomically sets an aligned long if it holds the expected value.
     *
     * @param offset   the byte offset, a multiple of 8.
     * @param expected the value expected.
     * @param value    the new value.
     * @return true if set.
     */
    public abstract boolean compareAndSetLong(final long offset, final long expected, final long value);

    /**
     * Atomically adds to an aligned long.
     *
     * @param offset the byte offset, a multiple of 8.
     * @param delta  the amount to add.
     * @return the value before.
     */
    public abstract long getAndAddLong(final long offset, final long delta);

    /**
     * Copies bytes in from an array.
     *
     * @param offset      where to write.
     * @param source      the bytes.
     * @param sourceIndex the first byte to copy.
     * @param length      how many.
     */
    public abstract void putBytes(final long offset, final byte[] source, final int sourceIndex, final int length);

    /**
     * Copies bytes out to an array.
     *
     * @param offset           where to read.
     * @param destination      the array.
     * @param destinationIndex where to put the first byte.
     * @param length           how many.
     */
    public abstract void getBytes(final long offset, final byte[] destination, final int destinationIndex,
        final int length);

    /**
     * Copies bytes in from another buffer.
     *
     * @param offset      where to write.
     * @param source      the buffer to copy from.
     * @param sourceIndex where to start reading it.
     * @param length      how many bytes.
     */
    public abstract void putBytes(final long offset, final AtomicBuffer source, final long sourceIndex,
        final long length);

    /**
     * Copies bytes in from a segment.
     *
     * @param offset      where to write.
     * @param source      the segment to copy from.
     * @param sourceIndex where to start reading it.
     * @param length      how many bytes.
     */
    public abstract void putBytes(final long offset, final MemorySegment source, final long sourceIndex,
        final long length);

    /**
     * Fills a range with one byte value; zeroing allocates nothing, so cleaning on hot paths is free of garbage.
     *
     * @param offset where to start.
     * @param length how many bytes.
     * @param value  the byte.
     */
    public final void setMemory(final long offset, final long length, final byte value)
    {
        if (value != 0)
        {
            segment.asSlice(offset, length).fill(value);
            return;
        }
        long done = 0;
        while (done < length)
        {
            final long chunk = Math.min(length - done, ZEROS.byteSize());
            putBytes(offset + done, ZEROS, 0, chunk);
            done += chunk;
        }
    }

    /**
     * Fills the whole buffer with one byte value, with the JDK's vectorised fill: about 1.4x the speed of
     * {@link #setMemory}'s copy from a block of zeros (BENCHMARKS.md), and it allocates nothing. Slice a
     * buffer once into parts to fill them one by one.
     *
     * @param value the byte.
     */
    public abstract void fill(byte value);

    /**
     * Writes a string as ASCII after an int length, as Agrona's {@code putStringAscii} does; a character
     * outside ASCII is written as {@code '?'}. Allocates nothing.
     *
     * @param offset where the length goes; the characters follow.
     * @param value  the string.
     * @return the bytes written, the length's four included.
     */
    public final int putStringAscii(final long offset, final CharSequence value)
    {
        final int length = value.length();
        putInt(offset, length);
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            putByte(offset + Integer.BYTES + i, c < 128 ? (byte)c : (byte)'?');
        }
        return Integer.BYTES + length;
    }

    /**
     * Reads a string written by {@link #putStringAscii}.
     *
     * @param offset where its length is.
     * @return the string.
     * @throws IndexOutOfBoundsException if the length is negative or runs past the buffer.
     */
    public final String getStringAscii(final long offset)
    {
        return new String(getBytes(offset + Integer.BYTES, checkedStringLength(offset)),
            java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Writes a string as UTF-8 after an int length of its bytes.
     *
     * @param offset where the length goes; the bytes follow.
     * @param value  the string.
     * @return the bytes written, the length's four included.
     */
    public final int putStringUtf8(final long offset, final String value)
    {
        final byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        putInt(offset, bytes.length);
        putBytes(offset + Integer.BYTES, bytes, 0, bytes.length);
        return Integer.BYTES + bytes.length;
    }

    /**
     * Reads a string written by {@link #putStringUtf8}.
     *
     * @param offset where its length is.
     * @return the string.
     * @throws IndexOutOfBoundsException if the length is negative or runs past the buffer.
     */
    public final String getStringUtf8(final long offset)
    {
        return new String(getBytes(offset + Integer.BYTES, checkedStringLength(offset)),
            java.nio.charset.StandardCharsets.UTF_8);
    }

    private int checkedStringLength(final long offset)
    {
        final int length = getInt(offset);
        if (length < 0 || length > capacity() - offset - Integer.BYTES)
        {
            throw new IndexOutOfBoundsException("string length " + length + " at " + offset +
                " runs past the buffer's " + capacity() + " bytes");
        }
        return length;
    }

    /**
     * Copies bytes out into a new array.
     *
     * @param offset where to start.
     * @param length how many bytes.
     * @return the bytes.
     */
    public final byte[] getBytes(final long offset, final int length)
    {
        final byte[] bytes = new byte[length];
        getBytes(offset, bytes, 0, length);
        return bytes;
    }

    /**
     * A {@link ByteBuffer} over the same memory (no copy), in native byte order, for APIs that take one:
     * channels, codecs. Direct for native memory; for heap memory, over the array given to {@link #wrap(byte[])}.
     *
     * @return the view.
     * @throws UnsupportedOperationException for {@link #allocateHeap} memory, which is a {@code long[]} for aligned
     *                                       access and has no byte-buffer view.
     */
    public final ByteBuffer byteBuffer()
    {
        try
        {
            return segment.asByteBuffer().order(ByteOrder.nativeOrder());
        }
        catch (final UnsupportedOperationException ex)
        {
            throw new UnsupportedOperationException("this heap buffer is long[] memory (allocateHeap), which has no ByteBuffer view; " +
                "use allocateDirect, or wrap a byte[] or ByteBuffer", ex);
        }
    }

    /** Copies from this buffer into a segment: the second half of a copy between two buffers, typed for the JIT. */
    abstract void copyTo(long offset, MemorySegment destination, long destinationOffset, long length);

    @Override
    public final String toString()
    {
        return "AtomicBuffer{capacity=" + capacity() + ", " + (segment.isNative() ? "native" : "heap") + "}";
    }
}
