package io.nanostream.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.nanostream.buffer.AtomicBuffer.INT_HANDLE;
import static io.nanostream.buffer.AtomicBuffer.INT_UNALIGNED;
import static io.nanostream.buffer.AtomicBuffer.LONG_HANDLE;
import static io.nanostream.buffer.AtomicBuffer.LONG_UNALIGNED;
import static io.nanostream.buffer.AtomicBuffer.SHORT_UNALIGNED;

/**
 * An {@link AtomicBuffer} over native or memory-mapped memory. Every access first casts the segment to
 * the JDK's native segment class (held as a constant), so the JIT knows the exact implementation and
 * compiles the JDK's bounds, alignment and liveness checks to straight-line loads, however many kinds
 * of segment the rest of the process uses. Without the cast, those checks make virtual calls wherever
 * the JDK's shared profile has seen heap and native segments alike (measured in BENCHMARKS.md).
 */
final class NativeAtomicBuffer extends AtomicBuffer
{
    /** The JDK's class for native segments; mapped segments are a subclass that overrides none of the accessors. */
    private static final Class<? extends MemorySegment> NATIVE_SEGMENT = MemorySegment.NULL.getClass();

    NativeAtomicBuffer(final MemorySegment segment)
    {
        super(NATIVE_SEGMENT.cast(segment));
    }

    static boolean accepts(final MemorySegment segment)
    {
        return NATIVE_SEGMENT.isInstance(segment);
    }

    /** The segment, cast so that the JIT sees its class: one type check instead of virtual calls in every access. */
    private MemorySegment sharp()
    {
        return NATIVE_SEGMENT.cast(segment);
    }

    @Override
    public byte getByte(final long offset)
    {
        return sharp().get(ValueLayout.JAVA_BYTE, offset);
    }

    @Override
    public void putByte(final long offset, final byte value)
    {
        sharp().set(ValueLayout.JAVA_BYTE, offset, value);
    }

    @Override
    public short getShort(final long offset)
    {
        return sharp().get(SHORT_UNALIGNED, offset);
    }

    @Override
    public void putShort(final long offset, final short value)
    {
        sharp().set(SHORT_UNALIGNED, offset, value);
    }

    @Override
    public int getInt(final long offset)
    {
        return sharp().get(INT_UNALIGNED, offset);
    }

    @Override
    public void putInt(final long offset, final int value)
    {
        sharp().set(INT_UNALIGNED, offset, value);
    }

    @Override
    public long getLong(final long offset)
    {
        return sharp().get(LONG_UNALIGNED, offset);
    }

    @Override
    public void putLong(final long offset, final long value)
    {
        sharp().set(LONG_UNALIGNED, offset, value);
    }

    @Override
    public int getIntAcquire(final long offset)
    {
        return (int)INT_HANDLE.getAcquire(sharp(),
            offset); // acquire: later reads see what was written before the release
    }

    @Override
    public void putIntRelease(final long offset, final int value)
    {
        INT_HANDLE.setRelease(sharp(), offset, value); // release: earlier writes are visible to whoever acquires this
    }

    @Override
    public int getIntOpaque(final long offset)
    {
        return (int)INT_HANDLE.getOpaque(sharp(), offset); // opaque: atomic and not hoisted, orders nothing
    }

    @Override
    public void putIntOpaque(final long offset, final int value)
    {
        INT_HANDLE.setOpaque(sharp(), offset, value); // opaque: atomic and eventually visible, orders nothing
    }

    @Override
    public int getIntVolatile(final long offset)
    {
        return (int)INT_HANDLE.getVolatile(sharp(), offset); // volatile: totally ordered with other volatile accesses
    }

    @Override
    public void putIntVolatile(final long offset, final int value)
    {
        INT_HANDLE.setVolatile(sharp(), offset, value); // volatile: also ordered before any later load
    }

    @Override
    public boolean compareAndSetInt(final long offset, final int expected, final int value)
    {
        return (boolean)INT_HANDLE.compareAndSet(sharp(), offset, expected, value); // volatile CAS: full ordering
    }

    @Override
    public int getAndAddInt(final long offset, final int delta)
    {
        return (int)INT_HANDLE.getAndAdd(sharp(), offset, delta); // volatile read-modify-write: full ordering
    }

    @Override
    public long getLongAcquire(final long offset)
    {
        return (long)LONG_HANDLE.getAcquire(sharp(),
            offset); // acquire: later reads see what was written before the release
    }

    @Override
    public void putLongRelease(final long offset, final long value)
    {
        LONG_HANDLE.setRelease(sharp(), offset, value); // release: earlier writes are visible to whoever acquires this
    }

    @Override
    public long getLongOpaque(final long offset)
    {
        return (long)LONG_HANDLE.getOpaque(sharp(), offset); // opaque: atomic and not hoisted, orders nothing
    }

    @Override
    public void putLongOpaque(final long offset, final long value)
    {
        LONG_HANDLE.setOpaque(sharp(), offset, value); // opaque: atomic and eventually visible, orders nothing
    }

    @Override
    public long getLongVolatile(final long offset)
    {
        return (long)LONG_HANDLE.getVolatile(sharp(), offset); // volatile: totally ordered with other volatile accesses
    }

    @Override
    public void putLongVolatile(final long offset, final long value)
    {
        LONG_HANDLE.setVolatile(sharp(), offset, value); // volatile: also ordered before any later load
    }

    @Override
    public boolean compareAndSetLong(final long offset, final long expected, final long value)
    {
        return (boolean)LONG_HANDLE.compareAndSet(sharp(), offset, expected, value); // volatile CAS: full ordering
    }

    @Override
    public long getAndAddLong(final long offset, final long delta)
    {
        return (long)LONG_HANDLE.getAndAdd(sharp(), offset, delta); // volatile read-modify-write: full ordering
    }

    @Override
    public void putBytes(final long offset, final byte[] source, final int sourceIndex, final int length)
    {
        MemorySegment.copy(source, sourceIndex, sharp(), ValueLayout.JAVA_BYTE, offset, length);
    }

    @Override
    public void getBytes(final long offset, final byte[] destination, final int destinationIndex, final int length)
    {
        MemorySegment.copy(sharp(), ValueLayout.JAVA_BYTE, offset, destination, destinationIndex, length);
    }

    @Override
    public void putBytes(final long offset, final AtomicBuffer source, final long sourceIndex, final long length)
    {
        source.copyTo(sourceIndex, sharp(), offset, length);
    }

    @Override
    public void putBytes(final long offset, final MemorySegment source, final long sourceIndex, final long length)
    {
        MemorySegment.copy(source, sourceIndex, sharp(), offset, length);
    }

    @Override
    public void fill(final byte value)
    {
        sharp().fill(value);
    }

    @Override
    public long capacity()
    {
        return sharp().byteSize();
    }

    @Override
    void copyTo(final long offset, final MemorySegment destination, final long destinationOffset, final long length)
    {
        MemorySegment.copy(sharp(), offset, destination, destinationOffset, length);
    }
}
