package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawAtomicBufferTest
{
    /** 64 bytes of buffer between two 32-byte guards that no access may touch. */
    private final MemorySegment memory = Arena.ofAuto().allocate(128, 64);
    private final AtomicBuffer buffer = new RawAtomicBuffer(memory.asSlice(32, 64));

    @Test
    void everyAccessModeRoundTripsLittleEndianAtTheRightAddress()
    {
        buffer.putInt(0, 0x01020304);
        assertThat(memory.get(ValueLayout.JAVA_BYTE,
            32)).as("little-endian, at the slice's address").isEqualTo((byte)0x04);
        assertThat(buffer.getIntAcquire(0)).isEqualTo(0x01020304);
        buffer.putIntRelease(4, -7);
        assertThat(buffer.getIntOpaque(4)).isEqualTo(-7);
        buffer.putIntVolatile(4, 9);
        assertThat(buffer.compareAndSetInt(4, 8, 1)).isFalse();
        assertThat(buffer.compareAndSetInt(4, 9, 10)).isTrue();
        assertThat(buffer.getAndAddInt(4, 5)).isEqualTo(10);
        assertThat(buffer.getInt(4)).isEqualTo(15);
        buffer.putLongRelease(8, Long.MIN_VALUE);
        assertThat(buffer.getLongAcquire(8)).isEqualTo(Long.MIN_VALUE);
        buffer.putLongOpaque(16, 3);
        buffer.putLongVolatile(24, 4);
        assertThat(buffer.getLongOpaque(16) + buffer.getLongVolatile(24)).isEqualTo(7);
        assertThat(buffer.compareAndSetLong(24, 4, 40)).isTrue();
        assertThat(buffer.getAndAddLong(24, 2)).isEqualTo(40);
        buffer.putShort(33, (short)-2);
        assertThat(buffer.getShort(33)).as("unaligned short").isEqualTo((short)-2);
        buffer.putLong(41, 77);
        assertThat(buffer.getLong(41)).as("unaligned long").isEqualTo(77);
        buffer.putByte(63, (byte)5);
        assertThat(memory.get(ValueLayout.JAVA_BYTE, 95)).isEqualTo((byte)5);
        assertGuardsUntouched();
    }

    @Test
    void copiesBetweenKindsAndFillsOnlyItsOwnBytes()
    {
        buffer.putBytes(3, new byte[]{1, 2, 3, 4, 5}, 1, 3);
        final byte[] out = new byte[5];
        buffer.getBytes(2, out, 0, 5);
        assertThat(out).containsExactly(0, 2, 3, 4, 0);
        final AtomicBuffer heap = AtomicBuffer.allocateHeap(16);
        heap.putBytes(0, buffer, 3, 3);
        assertThat(heap.getByte(2)).isEqualTo((byte)4);
        final AtomicBuffer other = new RawAtomicBuffer(Arena.ofAuto().allocate(16, 8));
        other.putLong(8, 0x1122334455667788L);
        buffer.putBytes(48, other, 8, 8);
        assertThat(buffer.getLong(48)).isEqualTo(0x1122334455667788L);
        buffer.setMemory(0, 8, (byte)7);
        assertThat(buffer.getLong(0)).isEqualTo(0x0707070707070707L);
        buffer.fill((byte)-1);
        assertThat(buffer.getLong(56)).isEqualTo(-1L);
        assertThat(buffer.capacity()).isEqualTo(64);
        assertGuardsUntouched();
    }

    @Test
    void everyAccessPastEitherEndIsRefusedAndWritesNothing()
    {
        assertThatThrownBy(() -> buffer.putLong(57, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.putInt(61, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.putShort(63, (short)1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.putByte(64, (byte)1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.putByte(-1, (byte)1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.putLongRelease(64, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.getLongAcquire(-8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.compareAndSetLong(Long.MAX_VALUE - 3, 0, 1)).as("no overflow past the check")
            .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.putBytes(60, new byte[8], 0, 8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.getBytes(60, new byte[8], 0, 8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.putBytes(0, new byte[8], 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.setMemory(32, 40, (byte)0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> AtomicBuffer.allocateHeap(16).putBytes(0, buffer, 60,
            8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertGuardsUntouched();
    }

    @Test
    void atomicAccessesStillNeedNaturalAlignment()
    {
        assertThatThrownBy(() -> buffer.putLongRelease(4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buffer.getIntVolatile(2)).isInstanceOf(IllegalArgumentException.class);
        assertGuardsUntouched();
    }

    @Test
    void onlyTrueWithNativeAccessTurnsItOn()
    {
        assertThat(RawMemory.decide(null)).isFalse();
        assertThat(RawMemory.decide("false")).isFalse();
        assertThat(RawMemory.decide("yes")).as("not a boolean: stays checked").isFalse();
        assertThat(RawMemory.decide("true")).isEqualTo(RawMemory.class.getModule().isNativeAccessEnabled());
        final String expected = RawMemory.enabled() ? "RawAtomicBuffer" : "NativeAtomicBuffer";
        assertThat(AtomicBuffer.allocateDirect(8).getClass().getSimpleName()).isEqualTo(expected);
        assertThat(AtomicBuffer.wrap(memory).slice(8,
            8).getClass().getSimpleName()).as("slices keep their kind").isEqualTo(expected);
        assertThat(AtomicBuffer.allocateHeap(8)).isInstanceOf(HeapAtomicBuffer.class);
    }

    private void assertGuardsUntouched()
    {
        for (long offset = 0; offset < 32; offset += 8)
        {
            assertThat(memory.get(ValueLayout.JAVA_LONG, offset)).as("guard before, at %d", offset).isZero();
            assertThat(memory.get(ValueLayout.JAVA_LONG, 96 + offset)).as("guard after, at %d", 96 + offset).isZero();
        }
    }
}
