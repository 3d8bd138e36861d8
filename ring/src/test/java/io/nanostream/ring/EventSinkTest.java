package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every translator form of {@link EventSink}: what it writes, what it claims, and what the try forms refuse. */
class EventSinkTest
{
    private static final EventTranslator<LongEvent> SEVEN = (event, sequence) -> event.value = 7;
    private static final EventTranslatorOneArg<LongEvent, Long> ONE = (event, sequence, a) -> event.value = a;
    private static final EventTranslatorTwoArg<LongEvent, Long, Long> TWO = (event, sequence, a,
        b) -> event.value = a * 10 + b;
    private static final EventTranslatorThreeArg<LongEvent, Long, Long, Long> THREE =
        (event, sequence, a, b, c) -> event.value = a * 100 + b * 10 + c;
    private static final EventTranslatorVararg<LongEvent> VARARG = (event, sequence, args) ->
    {
        long value = 0;
        for (final Object arg : args)
        {
            value = value * 10 + (Long)arg;
        }
        event.value = value;
    };

    private final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8,
        new BusySpinWaitStrategy());
    private final Sequence consumer = new Sequence();

    EventSinkTest()
    {
        ring.addGatingSequences(consumer);
    }

    private List<Long> published()
    {
        final List<Long> values = new ArrayList<>();
        for (long s = consumer.get() + 1; s <= ring.getCursor(); s++)
        {
            assertThat(ring.isAvailable(s)).isTrue();
            values.add(ring.get(s).value);
        }
        consumer.set(ring.getCursor()); // consumed: room for the next call
        return values;
    }

    @Test
    void oneEventForms()
    {
        ring.publishEvent(SEVEN);
        ring.publishEvent(ONE, 1L);
        ring.publishEvent(TWO, 1L, 2L);
        ring.publishEvent(THREE, 1L, 2L, 3L);
        ring.publishEvent(VARARG, 4L, 5L, 6L, 7L);
        assertThat(published()).containsExactly(7L, 1L, 12L, 123L, 4567L);
        assertThat(ring.tryPublishEvent(SEVEN)).isTrue();
        assertThat(ring.tryPublishEvent(ONE, 2L)).isTrue();
        assertThat(ring.tryPublishEvent(TWO, 2L, 3L)).isTrue();
        assertThat(ring.tryPublishEvent(THREE, 2L, 3L, 4L)).isTrue();
        assertThat(ring.tryPublishEvent(VARARG, 5L, 6L)).isTrue();
        assertThat(published()).containsExactly(7L, 2L, 23L, 234L, 56L);
    }

    @Test
    void batchFormsClaimAndPublishTheWholeRange()
    {
        @SuppressWarnings("unchecked")
        final EventTranslator<LongEvent>[] translators = new EventTranslator[]{SEVEN, (EventTranslator<LongEvent>)(e,
            s) -> e.value = 8, SEVEN};
        ring.publishEvents(translators);
        ring.publishEvents(translators, 1, 1);
        assertThat(published()).containsExactly(7L, 8L, 7L, 8L);
        ring.publishEvents(ONE, new Long[]{1L, 2L});
        ring.publishEvents(ONE, 1, 2, new Long[]{0L, 3L, 4L});
        assertThat(published()).containsExactly(1L, 2L, 3L, 4L);
        ring.publishEvents(TWO, new Long[]{1L, 2L}, new Long[]{3L, 4L});
        ring.publishEvents(TWO, 1, 1, new Long[]{9L, 5L}, new Long[]{9L, 6L});
        assertThat(published()).containsExactly(13L, 24L, 56L);
        ring.publishEvents(THREE, new Long[]{1L}, new Long[]{2L}, new Long[]{3L});
        ring.publishEvents(THREE, 0, 2, new Long[]{4L, 7L}, new Long[]{5L, 8L}, new Long[]{6L, 9L});
        assertThat(published()).containsExactly(123L, 456L, 789L);
        ring.publishEvents(VARARG, new Object[]{1L, 2L}, new Object[]{3L});
        ring.publishEvents(VARARG, 1, 1, new Object[]{9L}, new Object[]{4L, 5L});
        assertThat(published()).containsExactly(12L, 3L, 45L);
        assertThat(ring.tryPublishEvents(translators)).isTrue();
        assertThat(ring.tryPublishEvents(translators, 0, 1)).isTrue();
        assertThat(ring.tryPublishEvents(ONE, new Long[]{5L})).isTrue();
        assertThat(ring.tryPublishEvents(ONE, 0, 1, new Long[]{6L})).isTrue();
        assertThat(published()).containsExactly(7L, 8L, 7L, 7L, 5L, 6L);
        assertThat(ring.tryPublishEvents(TWO, new Long[]{1L}, new Long[]{1L})).isTrue();
        assertThat(ring.tryPublishEvents(TWO, 0, 1, new Long[]{2L}, new Long[]{2L})).isTrue();
        assertThat(ring.tryPublishEvents(THREE, new Long[]{1L}, new Long[]{1L}, new Long[]{1L})).isTrue();
        assertThat(ring.tryPublishEvents(THREE, 0, 1, new Long[]{2L}, new Long[]{2L}, new Long[]{2L})).isTrue();
        assertThat(ring.tryPublishEvents(VARARG, new Object[]{3L})).isTrue();
        assertThat(ring.tryPublishEvents(VARARG, 0, 1, new Object[]{4L})).isTrue();
        assertThat(published()).containsExactly(11L, 22L, 111L, 222L, 3L, 4L);
    }

    @Test
    void tryFormsPublishNothingWhenTheRingLacksRoom()
    {
        ring.publishEvents(ONE, new Long[]{1L, 2L, 3L, 4L, 5L, 6L, 7L});
        final long cursor = ring.getCursor();
        assertThat(ring.tryPublishEvents(ONE, new Long[]{8L, 9L})).as("room for one, not two").isFalse();
        assertThat(ring.tryPublishEvents(TWO, new Long[]{8L, 9L}, new Long[]{8L, 9L})).isFalse();
        assertThat(ring.getCursor()).isEqualTo(cursor);
        assertThat(ring.tryPublishEvent(VARARG, 8L)).isTrue();
        assertThat(ring.tryPublishEvent(SEVEN)).isFalse();
        assertThat(ring.tryPublishEvent(THREE, 1L, 1L, 1L)).isFalse();
        assertThat(ring.remainingCapacity()).isZero();
    }

    @Test
    void aTranslatorThatThrowsStillPublishesItsSlot()
    {
        assertThatThrownBy(() -> ring.publishEvent(TWO, 1L, null)).isInstanceOf(NullPointerException.class);
        assertThat(ring.isAvailable(0)).as("published, so consumers do not stall on a hole").isTrue();
    }

    @Test
    void badRangesAreRefusedBeforeAnythingIsClaimed()
    {
        assertThatThrownBy(() -> ring.publishEvents(TWO, 1, 2, new Long[]{1L, 2L, 3L}, new Long[]{1L, 2L}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("args1");
        assertThatThrownBy(() -> ring.tryPublishEvents(VARARG, -1, 1, new Object[]{1L}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.publishEvents(ONE, 0, 9, new Long[9])).as("more than the ring holds")
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(ring.getCursor()).isEqualTo(-1);
    }

    @Test
    void claimAndGetPreallocatedStartsTheRingAtAChosenSequence()
    {
        final RingBuffer<LongEvent> fresh = RingBuffer.createMultiProducer(LongEvent::new, 8,
            new BusySpinWaitStrategy());
        final LongEvent event = fresh.claimAndGetPreallocated(41);
        event.value = 41;
        fresh.publish(41);
        assertThat(fresh.getCursor()).isEqualTo(41);
        assertThat(fresh.isAvailable(41)).isTrue();
        assertThat(fresh.next()).isEqualTo(42);
    }
}
