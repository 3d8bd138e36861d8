package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogLayoutTest
{
    @Test
    void termLengthsMustBePowersOfTwoFrom64kTo1g()
    {
        LogLayout.checkTermLength(64 * 1024);
        LogLayout.checkTermLength(1 << 30);
        assertThatThrownBy(() -> LogLayout.checkTermLength(100_000)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("power of two").hasMessageContaining("100000").hasMessageContaining("term-length=131072");
        assertThatThrownBy(() -> LogLayout.checkTermLength(32 * 1024)).hasMessageContaining("term-length=65536");
        assertThatThrownBy(() -> LogLayout.checkTermLength(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void logLengthIsThreeTermsPlusMetadataRoundedToThePage()
    {
        assertThat(LogLayout.logLength(64 * 1024, 4096)).isEqualTo(3 * 64 * 1024 + 4096);
        assertThat(LogLayout.logLength(64 * 1024, 1 << 16)).isEqualTo(4 * 64 * 1024);
    }

    @Test
    void positionsCountTermsFromTheInitialOneEvenWhenTermIdsWrap()
    {
        final int shift = LogLayout.positionBitsToShift(1 << 16);
        assertThat(shift).isEqualTo(16);
        assertThat(LogLayout.position(7, 96, shift, 7)).isEqualTo(96);
        assertThat(LogLayout.position(9, 32, shift, 7)).isEqualTo((2L << 16) + 32);
        assertThat(LogLayout.position(Integer.MIN_VALUE + 1, 0, shift,
            Integer.MAX_VALUE)).as("term id wrapped").isEqualTo(2L << 16);
        assertThat(LogLayout.indexByPosition((5L << 16) + 10, shift)).isEqualTo(2);
        assertThat(LogLayout.indexByTermCount(4)).isEqualTo(1);
        assertThat(LogLayout.maxPosition(1 << 16)).isEqualTo((1L << 16) << 31);
    }

    @Test
    void rawTailsPackTermIdAndOffsetAndCapTheOffsetAtTheTermLength()
    {
        final long raw = LogLayout.packTail(-5, 4096);
        assertThat(LogLayout.termId(raw)).isEqualTo(-5);
        assertThat(LogLayout.termOffset(raw, 1 << 16)).isEqualTo(4096);
        assertThat(LogLayout.termOffset(LogLayout.packTail(3, (1 << 16) + 640), 1 << 16)).isEqualTo(1 << 16);
    }

    @Test
    void rotationHappensOnceHoweverManyWritersRace() throws Exception
    {
        final AtomicBuffer memory = AtomicBuffer.allocateHeap(3 * 65536 + 4096);
        final LogBuffers log = LogBuffers.inMemory(memory, 65536, 1408, 100, 1, 2);
        final AtomicBuffer metadata = log.metadata();
        final CyclicBarrier start = new CyclicBarrier(4);
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            threads.add(Thread.ofPlatform().start(() ->
            {
                try
                {
                    start.await();
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
                LogLayout.rotate(metadata, 0, 100);
            }));
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertThat(LogLayout.activeTermCount(metadata)).isEqualTo(1);
        assertThat(metadata.getLong(LogLayout.tailCounterOffset(1))).isEqualTo(LogLayout.packTail(101, 0));
        LogLayout.rotate(metadata, 0, 100); // a late racer changes nothing
        assertThat(LogLayout.activeTermCount(metadata)).isEqualTo(1);
        LogLayout.rotate(metadata, 1, 101);
        LogLayout.rotate(metadata, 2, 102);
        assertThat(LogLayout.activeTermCount(metadata)).isEqualTo(3);
        assertThat(metadata.getLong(LogLayout.tailCounterOffset(0))).as("partition 0 reused for term 103")
            .isEqualTo(LogLayout.packTail(103, 0));
    }
}
