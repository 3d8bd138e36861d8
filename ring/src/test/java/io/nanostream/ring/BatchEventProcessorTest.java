package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchEventProcessorTest
{
    private final List<Thread> threads = new ArrayList<>();
    private final List<EventProcessor> processors = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException
    {
        processors.forEach(EventProcessor::halt);
        for (final Thread thread : threads)
        {
            thread.join(30_000);
            assertThat(thread.isAlive()).as("processor thread stopped").isFalse();
        }
    }

    private BatchEventProcessor<LongEvent> start(final RingBuffer<LongEvent> ring,
        final EventHandler<LongEvent> handler)
    {
        final BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        return start(ring, processor);
    }

    private BatchEventProcessor<LongEvent> start(final RingBuffer<LongEvent> ring,
        final BatchEventProcessor<LongEvent> processor)
    {
        ring.addGatingSequences(processor.getSequence());
        processors.add(processor);
        final Thread thread = new Thread(processor, "processor");
        threads.add(thread);
        thread.start();
        return processor;
    }

    private static RingBuffer<LongEvent> ring(final int size)
    {
        return RingBuffer.create(ProducerType.SINGLE, LongEvent::new, size, new LiteBlockingWaitStrategy(),
            ProducerWaitStrategy.yielding());
    }

    private static void publish(final RingBuffer<LongEvent> ring, final long from, final long to)
    {
        for (long v = from; v <= to; v++)
        {
            final long s = ring.next();
            ring.get(s).value = v;
            ring.publish(s);
        }
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

    /** Waits, yielding, until the condition holds; fails, naming it, after 60 s. */
    private static void awaitCondition(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            Thread.yield();
        }
    }

    @Test
    void handsEveryEventOverInOrderAndMarksTheEndOfEachBatch() throws Exception
    {
        final RingBuffer<LongEvent> ring = ring(64);
        final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        final List<Long> batchEnds = Collections.synchronizedList(new ArrayList<>());
        final List<long[]> batchStarts = new CopyOnWriteArrayList<>();
        final AtomicInteger starts = new AtomicInteger();
        final BatchEventProcessor<LongEvent> processor = start(ring, new EventHandler<>()
        {
            @Override
            public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
            {
                seen.add(event.value);
                if (endOfBatch)
                {
                    batchEnds.add(sequence);
                }
            }

            @Override
            public void onBatchStart(final long batchSize, final long queueDepth)
            {
                batchStarts.add(new long[]{batchSize, queueDepth});
            }

            @Override
            public void onStart()
            {
                starts.incrementAndGet();
            }
        });
        // publish 10 events in one go: the processor sees them as one or more batches whose sizes add up
        final long hi = ring.next(10);
        for (long s = hi - 9; s <= hi; s++)
        {
            ring.get(s).value = s * 10;
        }
        ring.publish(hi - 9, hi);
        awaitSequence(processor.getSequence(), 9);
        assertThat(seen).containsExactly(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L);
        assertThat(batchEnds).last().isEqualTo(9L);
        assertThat(batchStarts.stream().mapToLong(b -> b[0]).sum()).isEqualTo(10);
        assertThat(batchStarts).allSatisfy(b -> assertThat(b[1]).isGreaterThanOrEqualTo(b[0]));
        assertThat(starts.get()).isEqualTo(1);
    }

    @Test
    void capsBatchesAtTheMaximumBatchSize() throws Exception
    {
        final RingBuffer<LongEvent> ring = ring(64);
        final List<long[]> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch gate = new CountDownLatch(1);
        final BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(),
            new EventHandler<LongEvent>()
        {
            @Override
            public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch) throws Exception
            {
                gate.await();
            }

            @Override
            public void onBatchStart(final long batchSize, final long queueDepth)
            {
                batches.add(new long[]{batchSize, queueDepth});
            }
        });
        processor.setMaxBatchSize(3);
        start(ring, processor);
        publish(ring, 0, 0);
        awaitCondition(() -> !batches.isEmpty(), "the first batch started");
        publish(ring, 1, 10); // 10 more wait while the first event is held
        gate.countDown();
        awaitSequence(processor.getSequence(), 10);
        assertThat(batches).allSatisfy(b -> assertThat(b[0]).isLessThanOrEqualTo(3));
        assertThat(batches.stream().mapToLong(b -> b[0]).sum()).isEqualTo(11);
        assertThat(batches.get(1)[1]).as("queue depth shows the backlog beyond the cap").isEqualTo(10);
    }

    @Test
    void aHandlerCanReleaseSlotsBeforeItsBatchEnds() throws Exception
    {
        final RingBuffer<LongEvent> ring = ring(4);
        final CountDownLatch hold = new CountDownLatch(1);
        final EventHandler<LongEvent> handler = new EventHandler<>()
        {
            private Sequence callback;

            @Override
            public void setSequenceCallback(final Sequence sequenceCallback)
            {
                callback = sequenceCallback;
            }

            @Override
            public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch) throws Exception
            {
                callback.set(sequence); // done with this slot already
                if (sequence == 3)
                {
                    hold.await();
                }
            }
        };
        start(ring, handler);
        // one producer thread throughout: a second thread claiming on a single-producer
        // ring is an error (-ea reports it)
        final CompletableFuture<Void> more = CompletableFuture.runAsync(() ->
        {
            publish(ring, 0, 3);
            // the handler is still inside sequence 3, but has released it: the producer can lap the ring
            publish(ring, 4, 7);
        });
        more.get(30, TimeUnit.SECONDS);
        hold.countDown();
    }

    @Test
    void aRewindableExceptionReplaysTheWholeBatch() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.create(ProducerType.SINGLE, LongEvent::new, 16,
            new YieldingWaitStrategy(), ProducerWaitStrategy.yielding()); // a non-blocking wait sees the upstream move
        final List<Long> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        final Sequence upstream = new Sequence(); // releases all four events to the processor at once
        final BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(upstream),
            (event, sequence, endOfBatch) ->
            {
                seen.add(sequence);
                if (sequence == 2 && failures.getAndIncrement() < 2)
                {
                    throw new RewindableException(new IllegalStateException("downstream busy"));
                }
            }, Integer.MAX_VALUE, BatchRewindStrategy.always());
        start(ring, processor);
        publish(ring, 0, 3);
        upstream.set(3);
        awaitSequence(processor.getSequence(), 3);
        assertThat(seen).containsExactly(0L, 1L, 2L, 0L, 1L, 2L, 0L, 1L, 2L, 3L);
    }

    @Test
    void aRewindStrategyThatGivesUpHandsTheExceptionToTheExceptionHandler() throws Exception
    {
        final RingBuffer<LongEvent> ring = ring(16);
        final List<Long> skipped = new CopyOnWriteArrayList<>();
        final BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(),
            (event, sequence, endOfBatch) ->
            {
                if (sequence == 1)
                {
                    throw new RewindableException(null);
                }
            }, Integer.MAX_VALUE, BatchRewindStrategy.giveUpAfter(3));
        processor.setExceptionHandler(new RecordingExceptionHandler<>(skipped));
        start(ring, processor);
        publish(ring, 0, 2);
        awaitSequence(processor.getSequence(), 2);
        assertThat(skipped).containsExactly(1L);
    }

    @Test
    void skippingExceptionHandlerLetsProcessingGoOn() throws Exception
    {
        final RingBuffer<LongEvent> ring = ring(16);
        final List<Long> skipped = new CopyOnWriteArrayList<>();
        final List<Long> seen = new CopyOnWriteArrayList<>();
        final BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(),
            (event, sequence, endOfBatch) ->
        {
            if (event.value % 3 == 0)
            {
                throw new IllegalArgumentException("bad " + event.value);
            }
            seen.add(event.value);
        });
        processor.setExceptionHandler(new RecordingExceptionHandler<>(skipped));
        start(ring, processor);
        publish(ring, 1, 7);
        awaitSequence(processor.getSequence(), 6);
        assertThat(skipped).containsExactly(2L, 5L);
        assertThat(seen).containsExactly(1L, 2L, 4L, 5L, 7L);
        assertThat(ring.isHalted()).isFalse();
    }

    @Test
    void theDefaultExceptionHandlerHaltsTheRingSoProducersFailInsteadOfHanging() throws Exception
    {
        final RingBuffer<LongEvent> ring = ring(4);
        final IllegalStateException failure = new IllegalStateException("handler bug");
        final BatchEventProcessor<LongEvent> processor = start(ring, (event, sequence, endOfBatch) ->
        {
            if (sequence == 1)
            {
                throw failure;
            }
        });
        final CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> publish(ring, 0, 100));
        assertThatThrownBy(() -> producer.get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(RingHaltedException.class).hasMessageContaining("failed at sequence 1")
            .cause().isSameAs(failure);
        assertThat(processor.getSequence().get()).as("the failed event is not marked handled").isEqualTo(0);
        threads.get(0).join(30_000);
        assertThat(processor.isRunning()).isFalse();
    }

    @Test
    void aTimingOutWaitStrategyCallsOnTimeout() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.create(ProducerType.SINGLE, LongEvent::new, 8,
            new TimeoutBlockingWaitStrategy(2, TimeUnit.MILLISECONDS), ProducerWaitStrategy.yielding());
        final CountDownLatch timeouts = new CountDownLatch(3);
        final List<Long> timeoutSequences = new CopyOnWriteArrayList<>();
        start(ring, new EventHandler<>()
        {
            @Override
            public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
            {
            }

            @Override
            public void onTimeout(final long sequence)
            {
                timeoutSequences.add(sequence);
                timeouts.countDown();
            }
        });
        assertThat(timeouts.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(timeoutSequences).allSatisfy(s -> assertThat(s).isEqualTo(-1L));
    }

    @Test
    void runningTwiceAtOnceIsRefusedAndAHaltBeforeRunEndsAtOnce() throws Exception
    {
        final RingBuffer<LongEvent> ring = ring(8);
        final BatchEventProcessor<LongEvent> processor = start(ring, (event, sequence, endOfBatch) -> { });
        awaitCondition(processor::isRunning, "the processor running");
        assertThatThrownBy(processor::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        assertThatThrownBy(() -> processor.setMaxBatchSize(4)).isInstanceOf(IllegalStateException.class);

        final AtomicInteger lifecycle = new AtomicInteger();
        final BatchEventProcessor<LongEvent> halted = new BatchEventProcessor<>(ring, ring.newBarrier(),
            new EventHandler<LongEvent>()
        {
            @Override
            public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
            {
            }

            @Override
            public void onStart()
            {
                lifecycle.incrementAndGet();
            }

            @Override
            public void onShutdown()
            {
                lifecycle.incrementAndGet();
            }
        });
        halted.halt();
        halted.run(); // returns at once, having told the handler it started and stopped
        assertThat(lifecycle.get()).isEqualTo(2);
        assertThat(halted.isRunning()).isFalse();
    }

    @Test
    void rejectsBadArguments()
    {
        final RingBuffer<LongEvent> ring = ring(8);
        assertThatThrownBy(() -> new BatchEventProcessor<>(ring, ring.newBarrier(), null))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BatchEventProcessor<>(ring, ring.newBarrier(), (e, s, b) -> { }, 0, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatchSize");
    }
}
