package io.nanostream.compat;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.AlertException;
import io.nanostream.ring.BlockingWaitStrategy;
import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.LiteBlockingWaitStrategy;
import io.nanostream.ring.LiteTimeoutBlockingWaitStrategy;
import io.nanostream.ring.PhasedBackoffWaitStrategy;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.SleepingWaitStrategy;
import io.nanostream.ring.TimeoutBlockingWaitStrategy;
import io.nanostream.ring.WaitStrategy;
import io.nanostream.ring.YieldingWaitStrategy;
import io.nanostream.ring.dsl.Disruptor;
import io.nanostream.ring.DaemonThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every wait strategy a Disruptor user picks, one of their own, and handler timeouts. */
class WaitStrategiesTest
{
    static Stream<Supplier<WaitStrategy>> strategies()
    {
        return Stream.of(
            BlockingWaitStrategy::new,
            LiteBlockingWaitStrategy::new,
            () -> new TimeoutBlockingWaitStrategy(10, TimeUnit.SECONDS),
            () -> new LiteTimeoutBlockingWaitStrategy(10, TimeUnit.SECONDS),
            () -> new SleepingWaitStrategy(10),
            () -> new SleepingWaitStrategy(20, 1_000),
            YieldingWaitStrategy::new,
            BusySpinWaitStrategy::new,
            () -> PhasedBackoffWaitStrategy.withLock(1, 1, TimeUnit.MILLISECONDS),
            () -> PhasedBackoffWaitStrategy.withLiteLock(1, 1, TimeUnit.MILLISECONDS),
            () -> PhasedBackoffWaitStrategy.withSleep(1, 1, TimeUnit.MILLISECONDS),
            SpinOnTheDependent::new);
    }

    /** A user's strategy: the Disruptor's contract at its plainest. */
    static final class SpinOnTheDependent implements WaitStrategy
    {
        @Override
        public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
            final SequenceBarrier barrier) throws AlertException
        {
            long available;
            while ((available = dependentSequence.get()) < sequence)
            {
                barrier.checkAlert();
                Thread.yield();
            }
            return available;
        }

        @Override
        public void signalAllWhenBlocking()
        {
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aPipelineRunsWithEveryStrategy(final Supplier<WaitStrategy> strategy) throws Exception
    {
        final Disruptor<LongEvent> disruptor = new Disruptor<>(LongEvent.FACTORY, 32, DaemonThreadFactory.INSTANCE,
            ProducerType.MULTI, strategy.get());
        final List<Long> seen = new CopyOnWriteArrayList<>();
        disruptor.handleEventsWith((EventHandler<LongEvent>)(event, sequence,
            endOfBatch) -> event.doubled = event.value * 2)
            .then((event, sequence, endOfBatch) -> event.tripled = event.doubled + event.value)
            .then((event, sequence, endOfBatch) -> seen.add(event.tripled));
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        for (long i = 0; i < 100; i++)
        {
            ringBuffer.publishEvent((event, sequence, value) -> event.value = value, i);
            if (i % 25 == 0)
            {
                Thread.sleep(2); // now and then, let everything go idle
            }
        }
        Waits.until(() -> seen.size() == 100, "the pipeline drained");
        disruptor.shutdown(10, TimeUnit.SECONDS);
        assertThat(seen).hasSize(100);
        assertThat(seen.get(99)).isEqualTo(297L);
    }

    @Test
    void aTimingOutStrategyCallsOnTimeoutWhileIdle() throws Exception
    {
        final Disruptor<LongEvent> disruptor = new Disruptor<>(LongEvent.FACTORY, 8, DaemonThreadFactory.INSTANCE,
            ProducerType.SINGLE, new LiteTimeoutBlockingWaitStrategy(5, TimeUnit.MILLISECONDS));
        final List<Long> timeouts = new CopyOnWriteArrayList<>();
        disruptor.handleEventsWith(new EventHandler<LongEvent>()
        {
            @Override
            public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
            {
            }

            @Override
            public void onTimeout(final long sequence)
            {
                timeouts.add(sequence);
            }
        });
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        Waits.until(() -> timeouts.size() >= 2, "two timeouts");
        ringBuffer.publishEvent((event, sequence) -> event.value = 1);
        final int before = timeouts.size();
        Waits.until(() -> timeouts.size() > before && timeouts.get(timeouts.size() - 1) == 0,
            "a timeout after sequence 0");
        disruptor.halt();
        assertThat(timeouts.get(0)).as("the last sequence handled, none yet").isEqualTo(-1);
    }
}
