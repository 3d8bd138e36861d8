package io.nanostream.compat;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.BlockingWaitStrategy;
import io.nanostream.ring.EventTranslator;
import io.nanostream.ring.EventTranslatorOneArg;
import io.nanostream.ring.EventTranslatorThreeArg;
import io.nanostream.ring.EventTranslatorTwoArg;
import io.nanostream.ring.EventTranslatorVararg;
import io.nanostream.ring.InsufficientCapacityException;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.RingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Claiming and publishing as Disruptor users do: by hand, through every translator, in batches, and trying. */
class PublishingTest
{
    /** A translator class with a field, the style of the Disruptor's own examples. */
    static final class Sum implements EventTranslatorTwoArg<LongEvent, Long, Long>
    {
        @Override
        public void translateTo(final LongEvent event, final long sequence, final Long a, final Long b)
        {
            event.value = a + b;
        }
    }

    private final Sequence consumer = new Sequence();

    private RingBuffer<LongEvent> ring(final ProducerType producerType)
    {
        final RingBuffer<LongEvent> ringBuffer = RingBuffer.create(producerType, LongEvent.FACTORY, 8,
            new BlockingWaitStrategy());
        ringBuffer.addGatingSequences(consumer);
        return ringBuffer;
    }

    private List<Long> consume(final RingBuffer<LongEvent> ringBuffer)
    {
        final List<Long> values = new ArrayList<>();
        for (long sequence = consumer.get() + 1; sequence <= ringBuffer.getCursor(); sequence++)
        {
            values.add(ringBuffer.get(sequence).value);
        }
        consumer.set(ringBuffer.getCursor());
        return values;
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void everyTranslatorFillsItsEvent(final ProducerType producerType)
    {
        final RingBuffer<LongEvent> ringBuffer = ring(producerType);
        final long sequence = ringBuffer.next();
        try
        {
            ringBuffer.get(sequence).value = 10;
        }
        finally
        {
            ringBuffer.publish(sequence);
        }
        final EventTranslator<LongEvent> eleven = (event, seq) -> event.value = 11;
        final EventTranslatorOneArg<LongEvent, Long> copy = (event, seq, a) -> event.value = a;
        final EventTranslatorThreeArg<LongEvent, Long, Long, Long> sum3 = (event, seq, a, b, c) -> event.value = a + b +
            c;
        final EventTranslatorVararg<LongEvent> sumAll = (event, seq, args) ->
        {
            long total = 0;
            for (final Object arg : args)
            {
                total += (Long)arg;
            }
            event.value = total;
        };
        ringBuffer.publishEvent(eleven);
        ringBuffer.publishEvent(copy, 12L);
        ringBuffer.publishEvent(new Sum(), 6L, 7L);
        ringBuffer.publishEvent(sum3, 4L, 5L, 5L);
        ringBuffer.publishEvent(sumAll, 5L, 5L, 5L);
        assertThat(consume(ringBuffer)).containsExactly(10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(ringBuffer.tryPublishEvent(new Sum(), 8L, 8L)).isTrue();
        assertThat(ringBuffer.tryPublishEvent(sum3, 17L, 0L, 0L)).isTrue();
        assertThat(ringBuffer.tryPublishEvent(sumAll, 9L, 9L)).isTrue();
        assertThat(consume(ringBuffer)).containsExactly(16L, 17L, 18L);
    }

    @Test
    void batchesPublishAllTheirEventsAtOnce()
    {
        final RingBuffer<LongEvent> ringBuffer = ring(ProducerType.MULTI);
        final EventTranslatorOneArg<LongEvent, Long> copy = (event, seq, a) -> event.value = a;
        ringBuffer.publishEvents(copy, new Long[]{1L, 2L, 3L});
        ringBuffer.publishEvents(copy, 1, 2, new Long[]{0L, 4L, 5L, 0L});
        assertThat(consume(ringBuffer)).containsExactly(1L, 2L, 3L, 4L, 5L);
        ringBuffer.publishEvents(new Sum(), new Long[]{1L, 2L}, new Long[]{10L, 20L});
        ringBuffer.publishEvents((EventTranslatorVararg<LongEvent>)(event, seq, args) -> event.value = args.length,
            new Object[]{1L}, new Object[]{1L, 2L, 3L});
        assertThat(consume(ringBuffer)).containsExactly(11L, 22L, 1L, 3L);
        assertThat(ringBuffer.tryPublishEvents(copy, 0, 8, new Long[]{1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L})).isTrue();
        assertThat(ringBuffer.tryPublishEvents(copy, new Long[]{9L})).as("full").isFalse();
        assertThat(consume(ringBuffer)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void tryNextThrowsWhenTheRingIsFull()
    {
        final RingBuffer<LongEvent> ringBuffer = ring(ProducerType.SINGLE);
        for (int i = 0; i < 8; i++)
        {
            ringBuffer.publish(ringBuffer.next());
        }
        assertThat(ringBuffer.remainingCapacity()).isZero();
        assertThat(ringBuffer.hasAvailableCapacity(1)).isFalse();
        try
        {
            ringBuffer.tryNext();
            fail("the ring is full");
        }
        catch (final InsufficientCapacityException expected)
        {
            assertThat(ringBuffer.getCursor()).isEqualTo(7);
        }
        consumer.set(3);
        try
        {
            assertThat(ringBuffer.tryNext(4)).isEqualTo(11);
        }
        catch (final InsufficientCapacityException unexpected)
        {
            fail("four slots are free");
        }
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void aSequenceOverwrittenByALaterLapIsNotAvailable(final ProducerType producerType)
    {
        final RingBuffer<LongEvent> ringBuffer = RingBuffer.create(producerType, LongEvent.FACTORY, 4,
            new BlockingWaitStrategy());
        for (int i = 0; i < 6; i++)
        {
            ringBuffer.publishEvent((event, sequence) -> event.value = sequence);
        }
        assertThat(ringBuffer.isAvailable(1)).isFalse();
        assertThat(ringBuffer.isAvailable(2)).isTrue();
        assertThat(ringBuffer.isAvailable(5)).isTrue();
        assertThat(ringBuffer.get(5).value).isEqualTo(5);
        assertThat(ringBuffer.getMinimumGatingSequence()).as("no consumers: the cursor").isEqualTo(5);
    }

    @Test
    void aRingStartsAtAClaimedSequence()
    {
        final RingBuffer<LongEvent> ringBuffer = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8);
        ringBuffer.claimAndGetPreallocated(99).value = 7;
        ringBuffer.publish(99);
        assertThat(ringBuffer.isAvailable(99)).isTrue();
        assertThat(ringBuffer.get(99).value).isEqualTo(7);
        assertThat(RingBuffer.INITIAL_CURSOR_VALUE).isEqualTo(-1);
    }
}
