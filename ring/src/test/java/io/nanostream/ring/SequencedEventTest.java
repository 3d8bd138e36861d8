package io.nanostream.ring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequencedEventTest
{
    /** A test event that carries its own publication. */
    static final class Tick extends SequencedEvent
    {
        long value;
    }

    private static RingBuffer<Tick> ring(final ProducerType type, final int size)
    {
        return RingBuffer.create(type, Tick::new, size, new BusySpinWaitStrategy(), ProducerWaitStrategy.yielding());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void eachEventRecordsTheSequenceItWasPublishedAs(final ProducerType type)
    {
        final RingBuffer<Tick> ring = ring(type, 4);
        assertThat(ring.get(0).publishedSequence()).isEqualTo(-1);
        for (int i = 0; i < 10; i++)
        {
            ring.publishEvent((tick, sequence) -> tick.value = sequence * 10);
        }
        assertThat(ring.get(9).publishedSequence()).isEqualTo(9);
        assertThat(ring.get(9).value).isEqualTo(90);
        assertThat(ring.isPublished(9)).isTrue();
        assertThat(ring.isPublished(5)).as("the slot now holds sequence 9").isFalse();
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void consumersSeeOnlyContiguousPublishedRunsAndBatchesWhole(final ProducerType type)
    {
        final RingBuffer<Tick> ring = ring(type, 8);
        final SequenceBarrier barrier = ring.newBarrier();
        final long hi = ring.next(4);
        assertThat(barrier.highestAvailable(0)).isEqualTo(-1);
        if (type == ProducerType.MULTI)
        {
            ring.publish(hi);
            assertThat(barrier.highestAvailable(0)).as("3 alone is not a run from 0").isEqualTo(-1);
        }
        ring.publish(0, 2);
        assertThat(barrier.highestAvailable(0)).isEqualTo(type == ProducerType.MULTI ? 3 : 2);
        ring.publish(hi);
        assertThat(barrier.highestAvailable(0)).isEqualTo(3);
        assertThat(barrier.highestAvailable(3)).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void oneLookFindsAtMostTheScanLimitSoTheRunIsStillInL1WhenHandled(final ProducerType type)
    {
        final RingBuffer<Tick> ring = ring(type, 1024);
        final SequenceBarrier barrier = ring.newBarrier();
        for (int i = 0; i < 1000; i++)
        {
            ring.publishEvent((tick, sequence) -> tick.value = sequence);
        }
        final int limit = ProcessingSequenceBarrier.SCAN_LIMIT;
        assertThat(barrier.highestAvailable(0)).isEqualTo(limit - 1);
        assertThat(barrier.highestAvailable(limit)).isEqualTo(2L * limit - 1);
        assertThat(barrier.highestAvailable(900)).as("the rest of the backlog, not past it").isEqualTo(999);

        final RingBuffer<long[]> plain = RingBuffer.createSingleProducer(() -> new long[1], 1024,
            new BusySpinWaitStrategy());
        for (int i = 0; i < 1000; i++)
        {
            plain.publishEvent((event, sequence) -> event[0] = sequence);
        }
        assertThat(plain.newBarrier().highestAvailable(0)).as("one cursor read finds a plain ring's whole backlog").isEqualTo(999);
    }

    @Test
    void aFactoryMustNotMixSequencedAndPlainEvents()
    {
        final boolean[] flip = {false};
        assertThatThrownBy(() -> RingBuffer.createSingleProducer(() ->
        {
            flip[0] = !flip[0];
            return flip[0] ? new Tick() : new Object();
        }, 8)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 SequencedEvents out of 8");
    }
}
