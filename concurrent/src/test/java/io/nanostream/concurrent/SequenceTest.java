package io.nanostream.concurrent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTest
{
    @Test
    void startsAtMinusOneOrTheGivenValue()
    {
        assertThat(new Sequence().get()).isEqualTo(Sequence.INITIAL_VALUE).isEqualTo(-1L);
        assertThat(new Sequence(42).get()).isEqualTo(42);
    }

    @Test
    void everyAccessModeReadsAndWritesTheSameValue()
    {
        final Sequence sequence = new Sequence();
        sequence.set(5);
        assertThat(sequence.getOpaque()).isEqualTo(5);
        sequence.setOpaque(6);
        assertThat(sequence.get()).isEqualTo(6);
        sequence.setVolatile(7);
        assertThat(sequence.get()).isEqualTo(7);
        assertThat(sequence.compareAndSet(6, 100)).isFalse();
        assertThat(sequence.compareAndSet(7, 8)).isTrue();
        assertThat(sequence.getAndAdd(2)).isEqualTo(8);
        assertThat(sequence.addAndGet(3)).isEqualTo(13);
        assertThat(sequence.incrementAndGet()).isEqualTo(14);
        assertThat(sequence).hasToString("14");
    }

    @Test
    void concurrentIncrementsAreNeverLost() throws InterruptedException
    {
        final Sequence sequence = new Sequence(0);
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            threads.add(Thread.ofPlatform().start(() ->
            {
                for (int i = 0; i < 250_000; i++)
                {
                    sequence.incrementAndGet();
                }
            }));
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertThat(sequence.get()).isEqualTo(1_000_000);
    }
}
