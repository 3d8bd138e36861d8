package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicBufferTest
{
    @Test
    void everyAccessModeRoundTripsLittleEndian()
    {
        for (final AtomicBuffer buffer : List.of(AtomicBuffer.allocateHeap(64), new AtomicBuffer(Arena.ofAuto().allocate(64, 64))))
        {
            buffer.putInt(0, 0x01020304);
            assertThat(buffer.getByte(0)).as("little-endian").isEqualTo((byte)0x04);
            assertThat(buffer.getIntAcquire(0)).isEqualTo(0x01020304);
            buffer.putIntRelease(4, -7);
            assertThat(buffer.getIntOpaque(4)).isEqualTo(-7);
            buffer.putIntVolatile(4, 9);
            assertThat(buffer.getIntVolatile(4)).isEqualTo(9);
            assertThat(buffer.compareAndSetInt(4, 8, 1)).isFalse();
            assertThat(buffer.compareAndSetInt(4, 9, 10)).isTrue();
            assertThat(buffer.getAndAddInt(4, 5)).isEqualTo(10);
            assertThat(buffer.getInt(4)).isEqualTo(15);

            buffer.putLong(8, 0x0102030405060708L);
            assertThat(buffer.getByte(8)).isEqualTo((byte)0x08);
            assertThat(buffer.getLongAcquire(8)).isEqualTo(0x0102030405060708L);
            buffer.putLongRelease(16, Long.MIN_VALUE);
            assertThat(buffer.getLongOpaque(16)).isEqualTo(Long.MIN_VALUE);
            buffer.putLongOpaque(16, 3);
            buffer.putLongVolatile(24, 4);
            assertThat(buffer.getLongVolatile(16) + buffer.getLongVolatile(24)).isEqualTo(7);
            assertThat(buffer.compareAndSetLong(24, 4, 40)).isTrue();
            assertThat(buffer.getAndAddLong(24, 2)).isEqualTo(40);
            assertThat(buffer.getLong(24)).isEqualTo(42);

            buffer.putShort(33, (short)-2);
            assertThat(buffer.getShort(33)).as("unaligned short").isEqualTo((short)-2);
            buffer.putLong(41, 77);
            assertThat(buffer.getLong(41)).as("unaligned long").isEqualTo(77);
        }
    }

    @Test
    void copiesAndFills()
    {
        final AtomicBuffer buffer = AtomicBuffer.allocateHeap(32);
        buffer.putBytes(3, new byte[]{1, 2, 3, 4, 5}, 1, 3);
        final byte[] out = new byte[5];
        buffer.getBytes(2, out, 0, 5);
        assertThat(out).containsExactly(0, 2, 3, 4, 0);
        final AtomicBuffer other = AtomicBuffer.allocateHeap(16);
        other.putBytes(0, buffer, 3, 3);
        assertThat(other.getByte(2)).isEqualTo((byte)4);
        buffer.setMemory(0, 32, (byte)7);
        assertThat(buffer.getLong(8)).isEqualTo(0x0707070707070707L);
        assertThat(buffer.slice(8, 8).capacity()).isEqualTo(8);
    }

    @Test
    void outOfBoundsAndMisalignedAccessesFailCleanly()
    {
        final AtomicBuffer buffer = AtomicBuffer.allocateHeap(16);
        assertThatThrownBy(() -> buffer.getLong(12)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.putInt(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.getLongVolatile(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AtomicBuffer.allocateHeap(12)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("multiple of 8");
        assertThat(buffer.getLong(8)).as("nothing written by the failed accesses").isZero();
    }

    @Test
    void concurrentAddsOnSharedMemoryAreNeverLost() throws InterruptedException
    {
        final AtomicBuffer buffer = new AtomicBuffer(Arena.ofShared().allocate(64, 64));
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            threads.add(Thread.ofPlatform().start(() ->
            {
                for (int i = 0; i < 100_000; i++)
                {
                    buffer.getAndAddLong(8, 1);
                    buffer.getAndAddInt(0, 1);
                }
            }));
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertThat(buffer.getLongVolatile(8)).isEqualTo(400_000);
        assertThat(buffer.getIntVolatile(0)).isEqualTo(400_000);
    }
}
