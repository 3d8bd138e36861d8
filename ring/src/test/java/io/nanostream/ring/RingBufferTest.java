package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RingBufferTest
{
    private static RingBuffer<LongEvent> ring(final ProducerType type, final int size)
    {
        return RingBuffer.create(type, LongEvent::new, size, new BlockingWaitStrategy(),
            ProducerWaitStrategy.yielding());
    }

    @Test
    void rejectsSizesThatAreNotPowersOfTwo()
    {
        assertThatThrownBy(() -> RingBuffer.createSingleProducer(LongEvent::new, 1000))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("power of two").hasMessageContaining("1000").hasMessageContaining("try 1024");
        assertThatThrownBy(() -> RingBuffer.createSingleProducer(LongEvent::new, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> RingBuffer.createSingleProducer(LongEvent::new, -8))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNullFactoryAndNullEvents()
    {
        assertThatThrownBy(() -> RingBuffer.createSingleProducer(null, 8))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("factory");
        assertThatThrownBy(() -> RingBuffer.createSingleProducer(() -> null, 8))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("returned null");
        assertThatThrownBy(() -> RingBuffer.create(ProducerType.SINGLE, LongEvent::new, 8, null,
            ProducerWaitStrategy.spin()))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("waitStrategy");
        assertThatThrownBy(() -> RingBuffer.create(null, LongEvent::new, 8, new BusySpinWaitStrategy(),
            ProducerWaitStrategy.spin()))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("producerType");
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void rejectsClaimsLargerThanTheRing(final ProducerType type)
    {
        final RingBuffer<LongEvent> ring = ring(type, 8);
        assertThatThrownBy(() -> ring.next(9)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cannot claim 9").hasMessageContaining("ring size (8)");
        assertThatThrownBy(() -> ring.tryNext(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ring.getCursor()).as("a refused claim claims nothing").isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void preallocatesOneDistinctEventPerSlotAndReusesItEveryLap(final ProducerType type)
    {
        final RingBuffer<LongEvent> ring = ring(type, 4);
        final List<LongEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            events.add(ring.get(i));
        }
        assertThat(events).doesNotHaveDuplicates();
        assertThat(ring.get(4)).isSameAs(ring.get(0));
        assertThat(ring.get(7)).isSameAs(ring.get(3));
        assertThat(ring.getBufferSize()).isEqualTo(4);
    }

    @Test
    void withManyProducersPublicationIsPerSlotAndConsumersSeeOnlyContiguousRuns()
    {
        final RingBuffer<LongEvent> ring = ring(ProducerType.MULTI, 8);
        assertThat(ring.next()).isEqualTo(0);
        assertThat(ring.next(3)).isEqualTo(3);
        assertThat(ring.getCursor()).isEqualTo(3);
        assertThat(ring.isPublished(0)).isFalse();
        ring.publish(2);
        assertThat(ring.isPublished(2)).isTrue();
        assertThat(ring.isPublished(0)).isFalse();
        final SequenceBarrier barrier = ring.newBarrier();
        assertThat(barrier.highestAvailable(0)).as("nothing from 0 while 0 is unpublished").isEqualTo(-1);
        ring.publish(0, 1);
        assertThat(barrier.highestAvailable(0)).as("0..2 contiguous, 3 not yet").isEqualTo(2);
        ring.publish(3);
        assertThat(barrier.highestAvailable(0)).isEqualTo(3);
        assertThat(barrier.highestAvailable(2)).isEqualTo(3);
    }

    @Test
    void withOneProducerPublishingASequencePublishesEverythingBeforeIt()
    {
        final RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 8);
        assertThat(ring.next(4)).isEqualTo(3);
        final SequenceBarrier barrier = ring.newBarrier();
        assertThat(ring.isPublished(0)).isFalse();
        assertThat(barrier.highestAvailable(0)).isEqualTo(-1);
        ring.publish(1);
        assertThat(ring.isPublished(0)).isTrue();
        assertThat(ring.isPublished(2)).isFalse();
        assertThat(barrier.highestAvailable(0)).isEqualTo(1);
        ring.publish(2, 3);
        assertThat(barrier.highestAvailable(2)).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void tryNextRefusesWhenTheSlowestConsumerIsAWholeRingBehind(final ProducerType type)
    {
        final RingBuffer<LongEvent> ring = ring(type, 4);
        final Sequence consumer = new Sequence();
        ring.addGatingSequences(consumer);
        assertThat(ring.remainingCapacity()).isEqualTo(4);
        ring.publish(ring.tryNext(4) - 3, 3);
        assertThat(ring.remainingCapacity()).isZero();
        assertThat(ring.hasAvailableCapacity(1)).isFalse();
        assertThatThrownBy(ring::tryNext).isSameAs(InsufficientCapacityException.INSTANCE);
        assertThat(ring.tryPublishEvent((event, sequence) -> event.value = 99)).isFalse();
        assertThat(ring.getCursor()).as("a refused tryNext claims nothing").isEqualTo(3);

        consumer.set(1);
        assertThat(ring.remainingCapacity()).isEqualTo(2);
        assertThat(ring.hasAvailableCapacity(2)).isTrue();
        assertThat(ring.hasAvailableCapacity(3)).isFalse();
        assertThat(ring.tryNext(2)).isEqualTo(5);
    }

    @Test
    void withoutGatingSequencesProducersNeverWait()
    {
        final RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 4);
        for (int i = 0; i < 100; i++)
        {
            ring.publish(ring.next());
        }
        assertThat(ring.getCursor()).isEqualTo(99);
        assertThat(ring.getMinimumGatingSequence()).isEqualTo(99);
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void nextWaitsForTheConsumerAndResumesWhenItMoves(final ProducerType type) throws Exception
    {
        final RingBuffer<LongEvent> ring = ring(type, 2);
        final Sequence consumer = new Sequence();
        ring.addGatingSequences(consumer);
        // one producer thread throughout: a second thread claiming on a single-producer
        // ring is an error (-ea reports it)
        final CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(() ->
        {
            ring.publish(ring.next(2) - 1, 1);
            return ring.next();
        });
        Thread.sleep(50);
        assertThat(blocked).isNotDone();
        consumer.set(0);
        assertThat(blocked.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void haltReleasesProducersWaitingForRoomWithAClearException(final ProducerType type) throws Exception
    {
        final RingBuffer<LongEvent> ring = ring(type, 2);
        ring.addGatingSequences(new Sequence());
        // one producer thread throughout: a second thread claiming on a single-producer
        // ring is an error (-ea reports it)
        final ExecutorService producer = Executors.newSingleThreadExecutor();
        try
        {
            final Future<Long> blocked = producer.submit(() ->
            {
                ring.publish(ring.next(2) - 1, 1);
                return ring.next();
            });
            Thread.sleep(50);
            assertThat(blocked).isNotDone();
            ring.halt("consumer died", new IllegalStateException("boom"));
            assertThatThrownBy(() -> blocked.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RingHaltedException.class).hasMessageContaining("consumer died")
                .cause().hasMessage("boom");
            assertThat(ring.isHalted()).isTrue();
            assertThatThrownBy(() -> producer.submit(() -> ring.next()).get(30, TimeUnit.SECONDS))
                .as("later producers that must wait fail too").cause().isInstanceOf(RingHaltedException.class);
        }
        finally
        {
            producer.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void tryNextOnAFullHaltedRingSaysWhyInsteadOfFull(final ProducerType type)
    {
        final RingBuffer<LongEvent> ring = ring(type, 2);
        ring.addGatingSequences(new Sequence());
        ring.publish(ring.next(2) - 1, 1);
        assertThatThrownBy(ring::tryNext).isSameAs(InsufficientCapacityException.INSTANCE);
        ring.halt("consumer failed", new IllegalStateException("boom"));
        assertThatThrownBy(ring::tryNext).isInstanceOf(RingHaltedException.class).hasMessageContaining("consumer failed");
        assertThatThrownBy(() -> ring.tryPublishEvent((event,
            sequence) -> event.value = 1)).isInstanceOf(RingHaltedException.class);
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void publicationFlagsStayExactAcrossHundredsOfLaps(final ProducerType type)
    {
        for (final int size : new int[]{1, 2, 8})
        {
            final RingBuffer<LongEvent> ring = ring(type, size);
            final Sequence consumer = new Sequence();
            ring.addGatingSequences(consumer);
            final SequenceBarrier barrier = ring.newBarrier();
            for (long lap = 0; lap < 600; lap++)
            {
                for (int i = 0; i < size; i++)
                {
                    final long sequence = ring.next();
                    assertThat(barrier.highestAvailable(sequence)).isEqualTo(sequence - 1);
                    ring.get(sequence).value = sequence;
                    ring.publish(sequence);
                }
                final long last = ring.getCursor();
                assertThat(barrier.highestAvailable(consumer.get() + 1)).isEqualTo(last);
                for (long s = consumer.get() + 1; s <= last; s++)
                {
                    assertThat(ring.get(s).value).isEqualTo(s);
                }
                consumer.set(last);
            }
        }
    }

    @Test
    void translatorsWithZeroToThreeArgumentsFillAndPublish()
    {
        final RingBuffer<LongEvent> ring = ring(ProducerType.MULTI, 16);
        ring.publishEvent((event, sequence) -> event.value = 10);
        ring.publishEvent((event, sequence, a) -> event.value = a, 11L);
        ring.publishEvent((event, sequence, a, b) -> event.value = a + b, 5L, 7L);
        ring.publishEvent((event, sequence, a, b, c) -> event.value = a + b + c, 1L, 2L, 10L);
        assertThat(ring.tryPublishEvent((event, sequence, a) -> event.value = a, 14L)).isTrue();
        for (int s = 0; s <= 4; s++)
        {
            assertThat(ring.isPublished(s)).isTrue();
        }
        assertThat(List.of(ring.get(0).value, ring.get(1).value, ring.get(2).value, ring.get(3).value,
            ring.get(4).value))
            .containsExactly(10L, 11L, 12L, 13L, 14L);
    }

    @Test
    void batchPublicationFillsEveryEventInOrder()
    {
        final RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 16);
        ring.publishEvents((event, sequence, a) -> event.value = a, new Long[]{1L, 2L, 3L});
        ring.publishEvents((event, sequence, a) -> event.value = a, 1, 2, new Long[]{9L, 4L, 5L, 9L});
        ring.publishEvents((event, sequence, a, b) -> event.value = a * b, new Long[]{2L, 3L}, new Long[]{3L, 2L});
        ring.publishEvents((event, sequence, a, b, c) -> event.value = a + b + c, new Long[]{7L}, new Long[]{0L},
            new Long[]{1L});
        @SuppressWarnings("unchecked")
        final EventTranslator<LongEvent>[] translators = new EventTranslator[]{
            (EventTranslator<LongEvent>)(event, sequence) -> event.value = 9,
            (EventTranslator<LongEvent>)(event, sequence) -> event.value = 10};
        ring.publishEvents(translators);
        assertThat(ring.tryPublishEvents((event, sequence, a) -> event.value = a, 0, 1, new Long[]{11L})).isTrue();
        final List<Long> values = new ArrayList<>();
        for (int s = 0; s <= ring.getCursor(); s++)
        {
            assertThat(ring.isPublished(s)).isTrue();
            values.add(ring.get(s).value);
        }
        assertThat(values).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 6L, 8L, 9L, 10L, 11L);
    }

    @Test
    void badBatchesAreRefusedBeforeAnythingIsClaimed()
    {
        final RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 4);
        assertThatThrownBy(() -> ring.publishEvents((event, sequence, a) -> event.value = a, 0, 5,
            new Long[]{1L, 2L, 3L, 4L, 5L}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad batch");
        assertThatThrownBy(() -> ring.publishEvents((event, sequence, a) -> event.value = a, 2, 3,
            new Long[]{1L, 2L, 3L}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchStartsAt + batchSize");
        assertThatThrownBy(() -> ring.publishEvents((event, sequence, a, b, c) -> event.value = a, new Long[]{1L},
            new Long[]{1L}, new Long[]{}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(ring.getCursor()).isEqualTo(-1);
    }

    @Test
    void aThrowingTranslatorStillPublishesSoTheRingNeverStalls()
    {
        final RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 4);
        assertThatThrownBy(() -> ring.publishEvent((event, sequence) ->
        {
            throw new IllegalStateException("bad data");
        })).hasMessage("bad data");
        assertThat(ring.isPublished(0)).isTrue();
        ring.publishEvent((event, sequence) -> event.value = 1);
        assertThat(ring.isPublished(1)).isTrue();
    }

    @Test
    void addingAGatingSequenceStartsItAtTheCursor()
    {
        final RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 8);
        ring.publish(ring.next(5) - 4, 4);
        final Sequence late = new Sequence();
        ring.addGatingSequences(late);
        assertThat(late.get()).isEqualTo(4);
        assertThat(ring.getMinimumGatingSequence()).isEqualTo(4);
        assertThat(ring.removeGatingSequence(late)).isTrue();
        assertThat(ring.removeGatingSequence(late)).isFalse();
    }
}
