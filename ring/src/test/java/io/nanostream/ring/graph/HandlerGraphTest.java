package io.nanostream.ring.graph;

import io.nanostream.ring.BatchEventProcessor;
import io.nanostream.ring.BatchEventProcessorBuilder;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.LiteBlockingWaitStrategy;
import io.nanostream.ring.RecordingExceptionHandler;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.RingHaltedException;
import io.nanostream.ring.WorkHandler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlerGraphTest
{
    private HandlerGraph<StageEvent> graph;

    /** An event with a slot per stage, so that later stages can check what earlier ones wrote. */
    static final class StageEvent
    {
        long value;
        long a;
        long b;
    }

    /** Records what it saw; a final stage in these tests. */
    static class Recorder implements EventHandler<StageEvent>
    {
        final List<Long> values = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        final long expectA;
        final long expectB;

        Recorder(final long expectA, final long expectB)
        {
            this.expectA = expectA;
            this.expectB = expectB;
        }

        @Override
        public void onEvent(final StageEvent event, final long sequence, final boolean endOfBatch)
        {
            if (expectA != 0 && event.a != event.value * expectA)
            {
                problems.add("a not written before me at " + sequence);
            }
            if (expectB != 0 && event.b != event.value + expectB)
            {
                problems.add("b not written before me at " + sequence);
            }
            values.add(event.value);
        }
    }

    @AfterEach
    void stop()
    {
        if (graph != null)
        {
            graph.halt();
        }
    }

    private HandlerGraph<StageEvent> newGraph(final int size)
    {
        graph = HandlerGraph.builder(StageEvent::new).ringSize(size).waitStrategy(new LiteBlockingWaitStrategy())
            .threadFactory(Thread.ofPlatform().daemon().name("graph-test-", 0).factory()).build();
        return graph;
    }

    private static void publish(final RingBuffer<StageEvent> ring, final long count)
    {
        for (long i = 1; i <= count; i++)
        {
            ring.publishEvent((event, sequence, v) ->
            {
                event.value = v;
                event.a = 0;
                event.b = 0;
            }, i);
        }
    }

    private static List<Long> oneTo(final long n)
    {
        return java.util.stream.LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void multicastGivesEveryHandlerEveryEvent()
    {
        final Recorder[] recorders = {new Recorder(0, 0), new Recorder(0, 0), new Recorder(0, 0)};
        newGraph(64).handleEventsWith(recorders);
        publish(graph.start(), 1000);
        assertThat(graph.shutdown(Duration.ofSeconds(10))).isTrue();
        for (final Recorder recorder : recorders)
        {
            assertThat(recorder.values).isEqualTo(oneTo(1000));
        }
    }

    @Test
    void aPipelineRunsItsStagesInOrder()
    {
        final Recorder last = new Recorder(3, 7);
        newGraph(64).handleEventsWith((StageEvent event, long sequence, boolean end) -> event.a = event.value * 3)
            .then((StageEvent event, long sequence, boolean end) -> event.b = event.value + 7)
            .then(last);
        publish(graph.start(), 2000);
        assertThat(graph.shutdown(Duration.ofSeconds(10))).isTrue();
        assertThat(last.problems).isEmpty();
        assertThat(last.values).isEqualTo(oneTo(2000));
    }

    @Test
    void aDiamondJoinsAfterBothBranches()
    {
        final EventHandler<StageEvent> left = (event, sequence, end) -> event.a = event.value * 3;
        final EventHandler<StageEvent> right = (event, sequence, end) -> event.b = event.value + 7;
        final Recorder join = new Recorder(3, 7);
        newGraph(64).handleEventsWith(left, right).then(join);
        publish(graph.start(), 2000);
        assertThat(graph.shutdown(Duration.ofSeconds(10))).isTrue();
        assertThat(join.problems).isEmpty();
        assertThat(join.values).isEqualTo(oneTo(2000));
    }

    @Test
    void afterBuildsOnHandlersAlreadyAdded()
    {
        final EventHandler<StageEvent> left = (event, sequence, end) -> event.a = event.value * 3;
        final EventHandler<StageEvent> right = (event, sequence, end) -> event.b = event.value + 7;
        final Recorder afterLeft = new Recorder(3, 0);
        final Recorder afterBoth = new Recorder(3, 7);
        newGraph(64).handleEventsWith(left, right);
        graph.after(left).then(afterLeft);
        graph.after(left).and(graph.after(right)).then(afterBoth);
        publish(graph.start(), 500);
        assertThat(graph.shutdown(Duration.ofSeconds(10))).isTrue();
        assertThat(afterLeft.problems).isEmpty();
        assertThat(afterBoth.problems).isEmpty();
        assertThat(afterBoth.values).isEqualTo(oneTo(500));
    }

    @Test
    void aWorkerPoolStageHandsEachEventToOneWorker()
    {
        final AtomicLong sum = new AtomicLong();
        final AtomicLong count = new AtomicLong();
        final WorkHandler<StageEvent> worker1 = event -> { sum.addAndGet(event.a); count.incrementAndGet(); };
        final WorkHandler<StageEvent> worker2 = event -> { sum.addAndGet(event.a); count.incrementAndGet(); };
        newGraph(64).handleEventsWith((StageEvent event, long sequence, boolean end) -> event.a = event.value * 3)
            .thenWorkerPool(worker1, worker2);
        publish(graph.start(), 1000);
        assertThat(graph.shutdown(Duration.ofSeconds(10))).isTrue();
        assertThat(count.get()).isEqualTo(1000);
        assertThat(sum.get()).isEqualTo(3L * 1000 * 1001 / 2);
    }

    @Test
    void shutdownDrainsEverythingPublishedBeforeStopping()
    {
        final CountDownLatch release = new CountDownLatch(1);
        final Recorder slow = new Recorder(0, 0)
        {
            @Override
            public void onEvent(final StageEvent event, final long sequence, final boolean endOfBatch)
            {
                if (sequence == 0)
                {
                    awaitRelease(release); // held at the first event: the backlog is certain, however fast this thread is
                }
                if (sequence % 100 == 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                super.onEvent(event, sequence, endOfBatch);
            }
        };
        newGraph(1024).handleEventsWith(slow);
        publish(graph.start(), 1000);
        assertThat(graph.hasBacklog()).isTrue();
        release.countDown(); // shutdown now has the whole backlog to wait for
        assertThat(graph.shutdown(Duration.ofSeconds(30))).isTrue();
        assertThat(slow.values).isEqualTo(oneTo(1000));
    }

    /** Waits for the latch; an interrupt (a halt after a failed test) ends the wait and stays set. */
    private static void awaitRelease(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shutdownThatTimesOutSaysSoAndHaltsAnyway() throws Exception
    {
        final CountDownLatch stuck = new CountDownLatch(1);
        newGraph(8).handleEventsWith((StageEvent event, long sequence, boolean end) -> stuck.await());
        final RingBuffer<StageEvent> ring = graph.start();
        publish(ring, 8);
        final CompletableFuture<Void> blockedProducer = CompletableFuture.runAsync(() -> publish(ring, 1));
        assertThat(graph.shutdown(Duration.ofMillis(100))).isFalse();
        assertThatThrownBy(() -> blockedProducer.get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).cause().isInstanceOf(RingHaltedException.class);
    }

    @Test
    void aFailingHandlerHaltsTheWholeGraphAndProducersLearnWhy() throws Exception
    {
        final IllegalStateException bug = new IllegalStateException("handler bug");
        final Recorder other = new Recorder(0, 0);
        newGraph(16).handleEventsWith((StageEvent event, long sequence, boolean end) ->
        {
            if (event.value == 50)
            {
                throw bug;
            }
        }, other);
        final RingBuffer<StageEvent> ring = graph.start();
        final CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> publish(ring, 10_000));
        assertThatThrownBy(() -> producer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(RingHaltedException.class).cause().isSameAs(bug);
        assertThat(ring.isHalted()).isTrue();
    }

    @Test
    void exceptionHandlersAndBatchSizesAreSetThroughTheGroup()
    {
        final List<Long> skipped = new CopyOnWriteArrayList<>();
        final List<Long> batchSizes = new CopyOnWriteArrayList<>();
        final EventHandler<StageEvent> picky = new EventHandler<>()
        {
            @Override
            public void onEvent(final StageEvent event, final long sequence, final boolean endOfBatch)
            {
                if (event.value % 10 == 0)
                {
                    throw new IllegalArgumentException("no multiples of ten");
                }
            }

            @Override
            public void onBatchStart(final long batchSize, final long queueDepth)
            {
                batchSizes.add(batchSize);
            }
        };
        newGraph(256).handleEventsWith(picky)
            .withMaxBatchSize(4)
            .withExceptionHandler(new RecordingExceptionHandler<>(skipped));
        publish(graph.start(), 100);
        assertThat(graph.shutdown(Duration.ofSeconds(10))).isTrue();
        assertThat(skipped).hasSize(10);
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(4));
        assertThatThrownBy(() -> graph.after(picky).withMaxBatchSize(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void handlersJoinAndLeaveARunningGraph() throws Exception
    {
        final Recorder first = new Recorder(0, 0);
        newGraph(64).handleEventsWith(first);
        final RingBuffer<StageEvent> ring = graph.start();
        publish(ring, 100);

        final Recorder late = new Recorder(0, 0);
        graph.handleEventsWith(late);
        final Recorder follower = new Recorder(0, 0);
        graph.after(first).then(follower);
        publish(ring, 100);
        awaitCount(late, 100);
        awaitCount(follower, 100);
        assertThat(late.values).as("a late handler sees what is published after it joined").isEqualTo(oneTo(100));

        graph.removeHandler(late);
        assertThatThrownBy(() -> graph.removeHandler(first)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("after it");
        graph.removeHandler(follower);
        publish(ring, 1000); // more than the ring: producers must no longer wait for the removed handlers
        assertThat(graph.shutdown(Duration.ofSeconds(10))).isTrue();
        assertThat(first.values).hasSize(1200);
        assertThat(late.values).hasSizeLessThanOrEqualTo(100 + 64);
    }

    private static void awaitCount(final Recorder recorder, final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (recorder.values.size() < count && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        assertThat(recorder.values).hasSizeGreaterThanOrEqualTo(count);
    }

    @Test
    void aGroupThatFollowsARemovedHandlerCannotGrow()
    {
        final Recorder first = new Recorder(0, 0);
        newGraph(64);
        final HandlerGroup<StageEvent> group = graph.handleEventsWith(first);
        graph.start();
        graph.removeHandler(first);
        assertThatThrownBy(() -> group.then(new Recorder(0, 0))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("was removed");
    }

    @Test
    void aProcessorThreadInterruptedWhileRunningHaltsTheRingInsteadOfLeavingProducersWaiting() throws Exception
    {
        final Thread[] handlerThread = new Thread[1];
        final CountDownLatch started = new CountDownLatch(1);
        newGraph(8).handleEventsWith(new EventHandler<StageEvent>()
        {
            @Override
            public void onEvent(final StageEvent event, final long sequence, final boolean endOfBatch)
            {
            }

            @Override
            public void onStart()
            {
                handlerThread[0] = Thread.currentThread();
                started.countDown();
            }
        });
        final RingBuffer<StageEvent> ring = graph.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        handlerThread[0].interrupt(); // as an executor's shutdownNow would
        final CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> publish(ring, 1_000));
        assertThatThrownBy(() -> producer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(RingHaltedException.class).cause().hasMessageContaining("interrupted");
    }

    @Test
    void badWiringIsRefusedWithAClearError()
    {
        final Recorder recorder = new Recorder(0, 0);
        newGraph(64);
        assertThatThrownBy(() -> HandlerGraph.builder(StageEvent::new).ringSize(100).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> HandlerGraph.<StageEvent>builder(null)).isInstanceOf(NullPointerException.class);
        @SuppressWarnings("unchecked")
        final EventHandler<StageEvent>[] none = new EventHandler[0];
        assertThatThrownBy(() -> graph.handleEventsWith(none)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.handleEventsWith(recorder, recorder))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        graph.handleEventsWith(recorder);
        assertThatThrownBy(() -> graph.handleEventsWith(recorder))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already in this graph");
        assertThatThrownBy(() -> graph.after(new Recorder(0, 0)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in this graph");
        graph.start();
        assertThatThrownBy(graph::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
    }

    @Test
    void processorsOfTheUsersJoinStartAndHaltWithTheGraph() throws Exception
    {
        newGraph(16);
        final RingBuffer<StageEvent> ring = graph.getRingBuffer();
        final BatchEventProcessor<StageEvent> tripler = new BatchEventProcessorBuilder()
            .build(ring, ring.newBarrier(), (event, sequence, end) -> event.a = event.value * 3);
        final Recorder afterTripler = new Recorder(3, 0);
        graph.handleEventsWith(tripler);
        graph.after(tripler).then(afterTripler);
        final Recorder lateRecorder = new Recorder(3, 0);
        final EventProcessorFactory<StageEvent> late = (ringBuffer, follow) ->
            new BatchEventProcessor<>(ringBuffer, ringBuffer.newBarrier(follow), lateRecorder);
        publish(graph.start(), 5);
        awaitCount(afterTripler, 5);
        graph.after(tripler).then(late); // joins the running graph where the processor it follows is: after 5
        publish(ring, 3);
        assertThat(graph.shutdown(Duration.ofSeconds(30))).isTrue();
        assertThat(afterTripler.values).containsExactly(1L, 2L, 3L, 4L, 5L, 1L, 2L, 3L);
        assertThat(lateRecorder.values).containsExactly(1L, 2L, 3L);
        assertThat(afterTripler.problems).isEmpty();
        assertThat(lateRecorder.problems).isEmpty();
        assertThat(tripler.isRunning()).as("halted and joined with the graph").isFalse();
        assertThatThrownBy(() -> graph.handleExceptionsFor(afterTripler).with(null)).isInstanceOf(NullPointerException.class);
        assertThat(graph.getSequenceValueFor(afterTripler)).isEqualTo(7);
        assertThat(graph.getBarrierFor(afterTripler)).isNotNull();
        assertThat(graph.hasStarted()).isTrue();
    }
}
