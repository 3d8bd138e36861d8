package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No wake-up is lost behind a processor that is not one of ours. Two custom processors advance their
 * sequences with a plain {@link Sequence#set} and signal nobody (as any {@link EventProcessor} written
 * by a user may); batch processors wait behind them with a blocking wait strategy. Each round publishes
 * one event after everything is idle, so every downstream consumer goes to sleep between rounds, and
 * the round must reach the last consumer within thirty seconds: a round takes microseconds, and the
 * deadline only has to outlast a busy machine's scheduling, since a lost wake-up never ends. Before the
 * fix a waiter that had blocked on an upstream sequence slept until the next publication, which here
 * never comes.
 *
 * <p>1000 rounds per strategy; {@code -Dnanostream.wakeup.rounds=N} for a longer run.
 */
class WakeUpStressTest
{
    private static final int ROUNDS = Integer.getInteger("nanostream.wakeup.rounds", 1000);
    private static final long ROUND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    static Stream<Supplier<WaitStrategy>> blockingStrategies()
    {
        return Stream.of(
            BlockingWaitStrategy::new,
            LiteBlockingWaitStrategy::new,
            // timeouts well beyond a round's deadline: a timed-out wait looks again, which would hide a lost wake-up
            () -> new TimeoutBlockingWaitStrategy(300, TimeUnit.SECONDS),
            () -> new LiteTimeoutBlockingWaitStrategy(300, TimeUnit.SECONDS),
            () -> PhasedBackoffWaitStrategy.withLock(1, 1, TimeUnit.MICROSECONDS),
            () -> PhasedBackoffWaitStrategy.withLiteLock(1, 1, TimeUnit.MICROSECONDS));
    }

    /** A user's processor: takes each event, dawdles a little, then advances its sequence and signals nobody. */
    static final class QuietProcessor implements EventProcessor
    {
        private final Sequence sequence = new Sequence();
        private final SequenceBarrier barrier;
        private final AtomicBoolean running = new AtomicBoolean();

        QuietProcessor(final SequenceBarrier barrier)
        {
            this.barrier = barrier;
        }

        @Override
        public Sequence getSequence()
        {
            return sequence;
        }

        @Override
        public void halt()
        {
            running.set(false);
            barrier.alert();
        }

        @Override
        public boolean isRunning()
        {
            return running.get();
        }

        @Override
        public void run()
        {
            running.set(true);
            long next = sequence.get() + 1;
            while (running.get())
            {
                try
                {
                    final long available = barrier.waitFor(next);
                    // long enough for a downstream waiter to find us behind and go to sleep
                    final long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(100_000);
                    while (System.nanoTime() < until)
                    {
                        Thread.onSpinWait();
                    }
                    sequence.set(available);
                    next = available + 1;
                }
                catch (final AlertException ex)
                {
                    // halted: the loop condition ends it
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }
    }

    /** Records the last value seen and whether values arrived in order. */
    static final class LastSeen implements EventHandler<LongEvent>
    {
        volatile long last = -1;
        volatile String problem;

        @Override
        public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.value != sequence || sequence != last + 1)
            {
                problem = "value " + event.value + " at " + sequence + " after " + last;
            }
            last = sequence;
        }
    }

    @ParameterizedTest
    @MethodSource("blockingStrategies")
    void everyRoundReachesTheConsumersBehindProcessorsThatNeverSignal(final Supplier<WaitStrategy> strategy) throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 64, strategy.get());
        final QuietProcessor left = new QuietProcessor(ring.newBarrier());
        final QuietProcessor right = new QuietProcessor(ring.newBarrier());
        final LastSeen afterLeft = new LastSeen();
        final LastSeen afterBoth = new LastSeen();
        final BatchEventProcessor<LongEvent> first =
            new BatchEventProcessor<>(ring, ring.newBarrier(left.getSequence()), afterLeft);
        final BatchEventProcessor<LongEvent> second =
            new BatchEventProcessor<>(ring, ring.newBarrier(left.getSequence(), right.getSequence()), afterBoth);
        ring.addGatingSequences(first.getSequence(), second.getSequence());
        final List<EventProcessor> processors = List.of(left, right, first, second);
        final List<Thread> threads = new ArrayList<>();
        for (final EventProcessor processor : processors)
        {
            threads.add(Thread.ofPlatform().daemon().name("wake-up-" +
                processor.getClass().getSimpleName()).start(processor));
        }
        final long start = System.nanoTime();
        try
        {
            for (int round = 0; round < ROUNDS; round++)
            {
                final long sequence = ring.next();
                ring.get(sequence).value = sequence;
                ring.publish(sequence);
                final long deadline = System.nanoTime() + ROUND_TIMEOUT_NANOS;
                int idle = 0;
                while (first.getSequence().get() < sequence || second.getSequence().get() < sequence)
                {
                    assertThat(System.nanoTime() - deadline)
                        .as("round %d of %d stuck: upstream at %d and %d, downstream at %d and %d", round, ROUNDS,
                            left.getSequence().get(), right.getSequence().get(), first.getSequence().get(),
                            second.getSequence().get())
                        .isNegative();
                    if (++idle < 100)
                    {
                        Thread.onSpinWait();
                    }
                    else
                    {
                        LockSupport.parkNanos(10_000);
                    }
                }
            }
        }
        finally
        {
            processors.forEach(EventProcessor::halt);
            for (final Thread thread : threads)
            {
                thread.join(30_000);
            }
        }
        System.out.printf("%s: %d rounds in %d ms%n", ring.waitStrategy().getClass().getSimpleName(), ROUNDS,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertThat(afterLeft.problem).isNull();
        assertThat(afterBoth.problem).isNull();
        assertThat(afterBoth.last).isEqualTo(ROUNDS - 1);
        assertThat(threads).noneMatch(Thread::isAlive);
    }
}
