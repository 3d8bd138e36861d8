package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicBufferTest
{
    @Test
    void everyAccessModeRoundTripsLittleEndian()
    {
        for (final AtomicBuffer buffer : List.of(AtomicBuffer.allocateHeap(64),
            AtomicBuffer.wrap(Arena.ofAuto().allocate(64, 64)), AtomicBuffer.allocateDirect(64),
            AtomicBuffer.wrap(ByteBuffer.allocateDirect(64))))
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
        buffer.slice(8, 8).fill((byte)3);
        assertThat(buffer.getLong(0)).isEqualTo(0x0707070707070707L);
        assertThat(buffer.getLong(8)).isEqualTo(0x0303030303030303L);
        assertThat(buffer.getLong(16)).isEqualTo(0x0707070707070707L);
        final AtomicBuffer direct = AtomicBuffer.allocateDirect(64);
        direct.fill((byte)-1);
        assertThat(direct.getLong(56)).isEqualTo(-1L);
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
        final AtomicBuffer buffer = AtomicBuffer.wrap(Arena.ofShared().allocate(64, 64));
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

    @Test
    void nativeAndMappedMemoryGetTheImplementationTheJitSeesThroughAndHeapMemoryItsOwn() throws IOException
    {
        assertThat(AtomicBuffer.allocateDirect(64)).isInstanceOf(NativeAtomicBuffer.class);
        assertThat(AtomicBuffer.wrap(ByteBuffer.allocateDirect(64))).isInstanceOf(NativeAtomicBuffer.class);
        assertThat(AtomicBuffer.allocateHeap(64)).isInstanceOf(HeapAtomicBuffer.class);
        assertThat(AtomicBuffer.wrap(new byte[16])).isInstanceOf(HeapAtomicBuffer.class);
        assertThat(AtomicBuffer.wrap(MemorySegment.ofArray(new long[2]))).isInstanceOf(HeapAtomicBuffer.class);
        final Path file = Files.createTempFile("atomic-buffer", ".map");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined())
        {
            channel.write(ByteBuffer.wrap(new byte[4096]));
            final AtomicBuffer mapped = AtomicBuffer.wrap(channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096, arena));
            assertThat(mapped).isInstanceOf(NativeAtomicBuffer.class);
            assertThat(mapped.slice(64, 64)).as("slices keep their kind").isInstanceOf(NativeAtomicBuffer.class);
            mapped.putLongRelease(64, 42);
            assertThat(mapped.slice(64, 64).getLongAcquire(0)).isEqualTo(42);
        }
        finally
        {
            Files.delete(file);
        }
    }

    @Test
    void copiesCrossEveryPairOfKinds()
    {
        final List<AtomicBuffer> kinds = List.of(AtomicBuffer.allocateHeap(64), AtomicBuffer.allocateDirect(64),
            AtomicBuffer.wrap(new byte[64]));
        for (final AtomicBuffer from : kinds)
        {
            for (final AtomicBuffer to : kinds)
            {
                to.setMemory(0, 64, (byte)0);
                from.putLong(8, 0x1122334455667788L);
                to.putBytes(16, from, 8, 8);
                assertThat(to.getLong(16)).as(from + " -> " + to).isEqualTo(0x1122334455667788L);
                assertThat(to.getLong(24)).isZero();
            }
        }
    }

    @Test
    void byteBufferViewsStartAtIndexZeroWhateverTheBuffersPosition()
    {
        final ByteBuffer bytes = ByteBuffer.allocate(32).position(8);
        final AtomicBuffer view = AtomicBuffer.wrap(bytes);
        assertThat(view.capacity()).isEqualTo(32);
        view.putByte(0, (byte)5);
        assertThat(bytes.get(0)).isEqualTo((byte)5);
    }

    @org.junit.jupiter.api.Test
    void stringsWithALengthPrefixRoundTripAndABadLengthIsNamed()
    {
        for (final AtomicBuffer buffer : new AtomicBuffer[] {AtomicBuffer.allocateHeap(128),
            AtomicBuffer.allocateDirect(128)})
        {
            org.assertj.core.api.Assertions.assertThat(buffer.putStringAscii(8, "hello")).isEqualTo(9);
            org.assertj.core.api.Assertions.assertThat(buffer.getStringAscii(8)).isEqualTo("hello");
            buffer.putStringAscii(8, "héllo");
            org.assertj.core.api.Assertions.assertThat(buffer.getStringAscii(8)).isEqualTo("h?llo");
            org.assertj.core.api.Assertions.assertThat(buffer.putStringUtf8(16, "héllo, wörld")).isEqualTo(4 + 14);
            org.assertj.core.api.Assertions.assertThat(buffer.getStringUtf8(16)).isEqualTo("héllo, wörld");
            buffer.putInt(16, 1000);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> buffer.getStringUtf8(16)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("string length 1000");
            buffer.putInt(16, -1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> buffer.getStringAscii(16)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @org.junit.jupiter.api.Test
    void byteBufferAndByteArrayViewsSeeTheSameBytes()
    {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicBuffer.allocateHeap(64).byteBuffer())
            .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("allocateDirect");
        for (final AtomicBuffer buffer : new AtomicBuffer[] {AtomicBuffer.wrap(new byte[64]),
            AtomicBuffer.allocateDirect(64)})
        {
            buffer.putLong(8, 0x0102030405060708L);
            final java.nio.ByteBuffer view = buffer.byteBuffer();
            org.assertj.core.api.Assertions.assertThat(view.capacity()).isEqualTo(64);
            org.assertj.core.api.Assertions.assertThat(view.getLong(8)).isEqualTo(0x0102030405060708L);
            view.putInt(20, 42);
            org.assertj.core.api.Assertions.assertThat(buffer.getInt(20)).isEqualTo(42);
            org.assertj.core.api.Assertions.assertThat(buffer.getBytes(8, 2)).containsExactly((byte)8, (byte)7);
        }
    }
}
