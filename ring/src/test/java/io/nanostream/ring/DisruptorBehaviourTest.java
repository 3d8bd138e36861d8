package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.graph.HandlerGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour a Disruptor user's tests rely on, decided for parity: the first batch after an idle
 * wait holds the whole backlog, a lapped sequence is not available, rewinds are counted as the
 * Disruptor counts them, and shutdown with a timeout throws at the timeout.
 */
class DisruptorBehaviourTest
{
    /** A plain event and one that carries its own publication: the three ways a ring publishes. */
    static final class Sequenced extends SequencedEvent
    {
        long value;
    }

    static Stream<Arguments> ringsAndWaits()
    {
        final List<Supplier<WaitStrategy>> waits = List.of(BlockingWaitStrategy::new, LiteBlockingWaitStrategy::new,
            YieldingWaitStrategy::new, BusySpinWaitStrategy::new, () -> new SleepingWaitStrategy(10, 1_000));
        return waits.stream().flatMap(w -> Stream.of(ProducerType.SINGLE, ProducerType.MULTI).flatMap(type ->
            Stream.of(Arguments.of(type, false, w), Arguments.of(type, true, w))));
    }

    @ParameterizedTest(name = "{0} sequenced={1}")
    @MethodSource("ringsAndWaits")
    void theFirstBatchAfterAnIdleWaitHoldsTheWholeBacklog(
        final ProducerType type, final boolean sequenced, final Supplier<WaitStrategy> wait) throws Exception
    {
        final RingBuffer<Object> ring = RingBuffer.create(type, sequenced ? Sequenced::new : LongEvent::new, 16,
            wait.get());
        final List<long[]> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        final BatchEventProcessor<Object> processor = new BatchEventProcessor<>(ring, ring.newBarrier(),
            new EventHandler<>()
        {
            @Override
            public void onEvent(final Object event, final long sequence, final boolean endOfBatch)
            {
            }

            @Override
            public void onBatchStart(final long batchSize, final long queueDepth)
            {
                batches.add(new long[]{batchSize, queueDepth});
            }

            @Override
            public void onStart()
            {
                started.countDown();
            }
        });
        ring.addGatingSequences(processor.getSequence());
        final Thread thread = Thread.ofPlatform().daemon().start(processor);
        try
        {
            started.await();
            Thread.sleep(30); // the processor is now waiting for sequence 0
            ring.publish(ring.next(5) - 4, 4);
            awaitSequence(processor.getSequence(), 4);
            assertThat(batches).as("batches (size, depth): one of five, as the Disruptor gives")
                .containsExactly(new long[]{5, 5});
        }
        finally
        {
            processor.halt();
            thread.join(5_000);
        }
    }

    @ParameterizedTest(name = "{0} sequenced={1}")
    @MethodSource("ringsAndWaits")
    void aWaitReturnsTheHighestAvailableSequence(
        final ProducerType type, final boolean sequenced, final Supplier<WaitStrategy> wait) throws Exception
    {
        final RingBuffer<Object> ring = RingBuffer.create(type, sequenced ? Sequenced::new : LongEvent::new, 16,
            wait.get());
        final SequenceBarrier barrier = ring.newBarrier();
        final Thread publisher = Thread.ofPlatform().start(() ->
        {
            sleep(30);
            ring.publish(ring.next(3) - 2, 2);
        });
        assertThat(barrier.waitFor(0)).isEqualTo(2);
        publisher.join();
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void aSequenceALapBehindIsNotAvailable(final ProducerType type)
    {
        for (final EventFactory<?> events : List.<EventFactory<?>>of(LongEvent::new, Sequenced::new))
        {
            final RingBuffer<?> ring = RingBuffer.create(type, events, 4, new BusySpinWaitStrategy());
            for (int i = 0; i < 6; i++)
            {
                ring.publish(ring.next()); // no consumer gates the ring: it laps freely
            }
            assertThat(ring.isAvailable(0)).as("0 and 1 were overwritten by 4 and 5").isFalse();
            assertThat(ring.isAvailable(1)).isFalse();
            assertThat(ring.isAvailable(2)).isTrue();
            assertThat(ring.isAvailable(5)).isTrue();
            assertThat(ring.isAvailable(6)).as("not claimed yet").isFalse();
            assertThat(ring.isPublished(1)).as("isPublished is isAvailable").isFalse();
        }
    }

    @Test
    void rewindStrategiesCountAsTheDisruptorCounts() throws Exception
    {
        assertThat(callsOnAFailingEvent(new EventuallyGiveUpBatchRewindStrategy(3))).as("three attempts: the first and two replays")
            .isEqualTo(3);
        assertThat(callsOnAFailingEvent(BatchRewindStrategy.giveUpAfter(3))).as("three replays after the first attempt")
            .isEqualTo(4);
        assertThatThrownBy(() -> new EventuallyGiveUpBatchRewindStrategy(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SimpleBatchRewindStrategy().handleRewindException(new RewindableException(null), 1_000_000))
            .isEqualTo(RewindAction.REWIND);
        final long start = System.nanoTime();
        assertThat(new NanosecondPauseBatchRewindStrategy(TimeUnit.MILLISECONDS.toNanos(20))
            .handleRewindException(new RewindableException(null), 1)).isEqualTo(RewindAction.REWIND);
        assertThat(System.nanoTime() - start).as("paused first").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    }

    /** How many times a handler that always asks to rewind event 0 is called on it before the strategy gives up. */
    private static int callsOnAFailingEvent(final BatchRewindStrategy strategy) throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8,
            new YieldingWaitStrategy());
        final AtomicInteger calls = new AtomicInteger();
        final List<Throwable> reported = new CopyOnWriteArrayList<>();
        final RewindableEventHandler<LongEvent> handler = (event, sequence, endOfBatch) ->
        {
            if (sequence == 0)
            {
                calls.incrementAndGet();
                throw new RewindableException(new IllegalStateException("downstream unavailable"));
            }
        };
        final BatchEventProcessor<LongEvent> processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(),
            handler, strategy);
        processor.setExceptionHandler(new ExceptionHandler<>()
        {
            @Override
            public void handleEventException(final Throwable ex, final long sequence, final LongEvent event)
            {
                reported.add(ex);
            }

            @Override
            public void handleOnStartException(final Throwable ex)
            {
            }

            @Override
            public void handleOnShutdownException(final Throwable ex)
            {
            }
        });
        ring.addGatingSequences(processor.getSequence());
        final Thread thread = Thread.ofPlatform().daemon().start(processor);
        try
        {
            ring.publish(ring.next(2) - 1, 1);
            awaitSequence(processor.getSequence(), 1);
            assertThat(reported).as("given up: the last request goes to the exception handler").hasSize(1)
                .first().isInstanceOf(RewindableException.class);
            return calls.get();
        }
        finally
        {
            processor.halt();
            thread.join(5_000);
        }
    }

    @Test
    void shutdownWithATimeoutThrowsAtTheTimeoutAndLeavesTheGraphRunning() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final HandlerGraph<LongEvent> graph = new HandlerGraph<>(LongEvent::new, 8, DaemonThreadFactory.INSTANCE);
        graph.handleEventsWith((event, sequence, endOfBatch) -> release.await()); // stuck until released
        graph.start();
        graph.publishEvent((event, sequence) -> event.value = 1);
        final long start = System.nanoTime();
        assertThatThrownBy(() -> graph.shutdown(200, TimeUnit.MILLISECONDS))
            .isInstanceOf(TimeoutException.class).hasMessageContaining("still running");
        final long waited = System.nanoTime() - start;
        // not before the timeout; the handler stays stuck until released below, so a shutdown that waited for it
        // would not return at all: the upper bound only catches one that waits far longer than asked, and is
        // generous for a busy machine (that no halt came with the timeout is the isHalted check that follows)
        assertThat(waited).as("thrown at the timeout, without waiting for the stuck handler")
            .isBetween(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.SECONDS.toNanos(10));
        assertThat(graph.getRingBuffer().isHalted()).as("left running, as the Disruptor leaves it").isFalse();
        release.countDown();
        graph.shutdown(30, TimeUnit.SECONDS); // drains now, then halts
        assertThat(graph.getRingBuffer().isHalted()).isTrue();
        assertThat(graph.hasBacklog()).isFalse();
    }

    private static void awaitSequence(final Sequence sequence, final long value) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sequence.get() < value)
        {
            assertThat(System.nanoTime() - deadline).as("sequence reached " + value).isNegative();
            Thread.sleep(1);
        }
    }

    private static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
