package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitStrategyTest
{
    /**
     * Every strategy, for tests about waking up, not about timing out: the timeout strategy's timeout is long,
     * so that a waiter descheduled on a busy machine is not mistaken for one that timed out
     * ({@link #aTimeoutStrategyGivesUpAfterItsTimeout} is the test of the timeout).
     */
    static Stream<Supplier<WaitStrategy>> strategies()
    {
        return Stream.of(
            BusySpinWaitStrategy::new,
            YieldingWaitStrategy::new,
            SleepingWaitStrategy::new,
            () -> new SleepingWaitStrategy(10, 1_000),
            BlockingWaitStrategy::new,
            LiteBlockingWaitStrategy::new,
            () -> new TimeoutBlockingWaitStrategy(30, TimeUnit.SECONDS),
            () -> PhasedBackoffWaitStrategy.withLiteLock(10, 10, TimeUnit.MICROSECONDS),
            () -> new PhasedBackoffWaitStrategy(1, 1, TimeUnit.MILLISECONDS, new YieldingWaitStrategy()));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void waitReturnsOnceTheSequenceIsPublished(final Supplier<WaitStrategy> strategy) throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8, strategy.get());
        final SequenceBarrier barrier = ring.newBarrier();
        final CompletableFuture<Long> waiter = waitAsync(barrier, 1);
        Thread.sleep(20);
        ring.publish(ring.next());
        Thread.sleep(5);
        assertThat(waiter).as("sequence 0 alone does not satisfy a wait for 1").isNotDone();
        ring.publish(ring.next(2) - 1, ring.getCursor());
        assertThat(waiter.get(30,
            TimeUnit.SECONDS)).as("an available sequence, at least the one waited for").isBetween(1L, 2L);
        assertThat(barrier.highestAvailable(1)).as("a batch publish is seen whole").isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void anAlertPullsAWaiterOut(final Supplier<WaitStrategy> strategy) throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8, strategy.get());
        final SequenceBarrier barrier = ring.newBarrier();
        final CompletableFuture<Long> waiter = waitAsync(barrier, 0);
        Thread.sleep(20);
        barrier.alert();
        assertThatThrownBy(() -> waiter.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isSameAs(AlertException.INSTANCE);
        assertThat(barrier.isAlerted()).isTrue();
        barrier.clearAlert();
        ring.publish(ring.next());
        assertThat(barrier.waitFor(0)).isEqualTo(0);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aDependentBarrierWaitsForItsUpstreamSequences(final Supplier<WaitStrategy> strategy) throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8, strategy.get());
        final Sequence left = new Sequence();
        final Sequence right = new Sequence();
        final SequenceBarrier barrier = ring.newBarrier(left, right);
        ring.publish(ring.next(4) - 3, 3);
        final CompletableFuture<Long> waiter = waitAsync(barrier, 2);
        left.set(3);
        ring.publish(ring.next()); // a signal with only one upstream done
        Thread.sleep(20);
        assertThat(waiter).isNotDone();
        right.set(2);
        ring.publish(ring.next());
        assertThat(waiter.get(30, TimeUnit.SECONDS)).as("the slower upstream bounds what is available").isEqualTo(2);
    }

    @Test
    void aTimeoutStrategyGivesUpAfterItsTimeout()
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8,
            new TimeoutBlockingWaitStrategy(20, TimeUnit.MILLISECONDS));
        final SequenceBarrier barrier = ring.newBarrier();
        final long start = System.nanoTime();
        assertThatThrownBy(() -> barrier.waitFor(0)).isSameAs(TimeoutException.INSTANCE);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThatThrownBy(() -> new TimeoutBlockingWaitStrategy(0,
            TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInterruptedBlockingWaitAlertsAndKeepsTheInterrupt() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8,
            new LiteBlockingWaitStrategy());
        final SequenceBarrier barrier = ring.newBarrier();
        final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        final Thread waiter = new Thread(() ->
        {
            try
            {
                barrier.waitFor(0);
                interrupted.complete(false);
            }
            catch (final AlertException ex)
            {
                interrupted.complete(Thread.currentThread().isInterrupted());
            }
            catch (final InterruptedException | TimeoutException ex)
            {
                interrupted.completeExceptionally(ex);
            }
        });
        waiter.start();
        Thread.sleep(20);
        waiter.interrupt();
        assertThat(interrupted.get(30, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * The Disruptor's blocking strategies block only on the producer's cursor and then busy-spin on the
     * upstream handlers; ours block on the cursor too, then poll the upstream handlers with a back-off that
     * parks, so a waiter behind a slow upstream handler uses little CPU, and finds it done without any
     * signal (handlers never signal). The waiter's CPU time while the upstream takes 300 ms or more shows which:
     * a spinning waiter is on the CPU for most of its wait, a parking one for a small part of it. The bound is a
     * share of the wait's own wall time, which a busy machine stretches, polls and all.
     */
    @Test
    void blockingStrategiesDoNotSpinBehindASlowUpstreamHandler() throws Exception
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (final WaitStrategy strategy : new WaitStrategy[]{new BlockingWaitStrategy(),
            new LiteBlockingWaitStrategy()})
        {
            final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8, strategy);
            final Sequence upstream = new Sequence();
            final SequenceBarrier barrier = ring.newBarrier(upstream);
            ring.publish(ring.next()); // published: only the upstream handler holds the waiter back
            final long[] cpuNanos = new long[1];
            final long[] wallNanos = new long[1];
            final CountDownLatch waiting = new CountDownLatch(1);
            final Thread waiter = new Thread(() ->
            {
                final long cpuStart = threads.getCurrentThreadCpuTime();
                final long wallStart = System.nanoTime();
                waiting.countDown();
                awaitQuietly(barrier, 0);
                cpuNanos[0] = threads.getCurrentThreadCpuTime() - cpuStart;
                wallNanos[0] = System.nanoTime() - wallStart;
            });
            waiter.start();
            assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // so the wait measured lasts 300 ms at least, however late the waiter ran
            upstream.set(0); // and no signal: upstream processors never signal
            waiter.join(30_000);
            assertThat(waiter.isAlive()).isFalse();
            assertThat(cpuNanos[0]).as(strategy.getClass().getSimpleName() + " CPU while waiting " +
                    TimeUnit.NANOSECONDS.toMillis(wallNanos[0]) + " ms")
                .isLessThan(wallNanos[0] / 2);
        }
    }

    /**
     * Upstream handlers are polled with parks, which an interrupt would turn into a busy
     * loop: it ends the wait instead.
     */
    @Test
    void anInterruptWhileWaitingForAnUpstreamHandlerAlertsAndKeepsTheInterrupt() throws Exception
    {
        for (final WaitStrategy strategy : new WaitStrategy[]{new BlockingWaitStrategy(), new SleepingWaitStrategy(0,
            1_000)})
        {
            final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8, strategy);
            final SequenceBarrier barrier = ring.newBarrier(new Sequence());
            ring.publish(ring.next()); // published: only the upstream handler holds the waiter back
            final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
            final Thread waiter = new Thread(() ->
            {
                try
                {
                    barrier.waitFor(0);
                    interrupted.complete(false);
                }
                catch (final AlertException ex)
                {
                    interrupted.complete(Thread.currentThread().isInterrupted());
                }
                catch (final InterruptedException | TimeoutException ex)
                {
                    interrupted.completeExceptionally(ex);
                }
            });
            waiter.start();
            Thread.sleep(20);
            waiter.interrupt();
            assertThat(interrupted.get(30, TimeUnit.SECONDS)).as(strategy.getClass().getSimpleName()).isTrue();
        }
    }

    static CompletableFuture<Long> waitAsync(final SequenceBarrier barrier, final long sequence)
    {
        return CompletableFuture.supplyAsync(() -> awaitQuietly(barrier, sequence));
    }

    /** Waits on the barrier; unchecked exceptions (an alert) pass through, checked ones are wrapped. */
    static long awaitQuietly(final SequenceBarrier barrier, final long sequence)
    {
        try
        {
            return barrier.waitFor(sequence);
        }
        catch (final InterruptedException | TimeoutException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
