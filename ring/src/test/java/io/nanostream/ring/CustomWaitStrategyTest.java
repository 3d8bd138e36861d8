package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.graph.HandlerGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wait strategy written the Disruptor's way (the four-argument {@code waitFor}) works on our rings: it
 * blocks on the cursor, which every publication signals, and polls what it must follow, which is the
 * cursor for a first stage, the one upstream sequence, or a {@link FixedSequenceGroup} of several.
 */
class CustomWaitStrategyTest
{
    /** A user's blocking strategy, as Disruptor users write them. */
    static final class UsersBlockingStrategy implements WaitStrategy
    {
        final Object lock = new Object();
        final List<Sequence> dependentsSeen = new CopyOnWriteArrayList<>();

        @Override
        public long waitFor(final long sequence, final Sequence cursor, final Sequence dependent,
            final SequenceBarrier barrier) throws AlertException, InterruptedException
        {
            dependentsSeen.add(dependent);
            if (cursor.get() < sequence)
            {
                synchronized (lock)
                {
                    while (cursor.get() < sequence)
                    {
                        barrier.checkAlert();
                        lock.wait();
                    }
                }
            }
            long available;
            while ((available = dependent.get()) < sequence)
            {
                barrier.checkAlert();
                Thread.onSpinWait();
            }
            return available;
        }

        @Override
        public void signalAllWhenBlocking()
        {
            synchronized (lock)
            {
                lock.notifyAll();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void aDisruptorStyleStrategyDrivesAPipeline(final ProducerType type) throws Exception
    {
        final UsersBlockingStrategy strategy = new UsersBlockingStrategy();
        final HandlerGraph<LongEvent> graph = new HandlerGraph<>(LongEvent::new, 16, DaemonThreadFactory.INSTANCE, type,
            strategy);
        final List<Long> seen = new CopyOnWriteArrayList<>();
        final EventHandler<LongEvent> left = (event, sequence, endOfBatch) -> event.producer = event.value * 2;
        final EventHandler<LongEvent> right = (event, sequence, endOfBatch) -> event.check = event.value * 3;
        graph.handleEventsWith(left, right).then((event, sequence, endOfBatch) -> seen.add(event.producer +
            event.check));
        graph.start();
        for (long i = 0; i < 100; i++)
        {
            graph.publishEvent((event, sequence, value) -> event.value = value, i);
            if (i % 10 == 0)
            {
                Thread.sleep(1); // let the consumers go to sleep now and then
            }
        }
        graph.shutdown(10, TimeUnit.SECONDS);
        assertThat(seen).hasSize(100);
        for (int i = 0; i < 100; i++)
        {
            assertThat(seen.get(i)).isEqualTo(5L * i);
        }
        assertThat(strategy.dependentsSeen).as("a first stage follows the cursor, the last stage both branches")
            .anyMatch(dependent -> dependent instanceof FixedSequenceGroup)
            .anyMatch(dependent -> !(dependent instanceof FixedSequenceGroup));
    }
}
