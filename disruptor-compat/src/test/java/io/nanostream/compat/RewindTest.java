package io.nanostream.compat;

import io.nanostream.ring.BatchEventProcessor;
import io.nanostream.ring.BatchEventProcessorBuilder;
import io.nanostream.ring.BatchRewindStrategy;
import io.nanostream.ring.EventuallyGiveUpBatchRewindStrategy;
import io.nanostream.ring.NanosecondPauseBatchRewindStrategy;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.RewindableEventHandler;
import io.nanostream.ring.RewindableException;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SimpleBatchRewindStrategy;
import io.nanostream.ring.YieldingWaitStrategy;
import io.nanostream.ring.dsl.Disruptor;
import io.nanostream.ring.DaemonThreadFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Handlers that ask for their batch to be replayed after a transient failure. */
class RewindTest
{
    /** Fails the first {@code failures} times it sees sequence 2, asking for a rewind each time. */
    static final class Flaky implements RewindableEventHandler<LongEvent>
    {
        final AtomicInteger failuresLeft;
        final AtomicInteger callsOnTwo = new AtomicInteger();
        final List<Long> handled = new CopyOnWriteArrayList<>();

        Flaky(final int failures)
        {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void onEvent(final LongEvent event, final long sequence,
            final boolean endOfBatch) throws RewindableException
        {
            if (sequence == 2)
            {
                callsOnTwo.incrementAndGet();
                if (failuresLeft.getAndDecrement() > 0)
                {
                    throw new RewindableException(new IllegalStateException("downstream busy"));
                }
            }
            handled.add(sequence);
        }
    }

    private static void publishFourInOneBatch(final RingBuffer<LongEvent> ringBuffer)
    {
        final long hi = ringBuffer.next(4);
        ringBuffer.publish(hi - 3, hi);
    }

    @Test
    void aRewoundBatchIsReplayedFromItsStart() throws Exception
    {
        final Disruptor<LongEvent> disruptor =
            new Disruptor<>(LongEvent.FACTORY, 16, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
            new YieldingWaitStrategy());
        final Flaky flaky = new Flaky(2);
        disruptor.handleEventsWith(new SimpleBatchRewindStrategy(), flaky);
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        publishFourInOneBatch(ringBuffer);
        // before shutting down: the Disruptor's shutdown passes over handlers whose thread has not started yet
        Waits.until(() -> flaky.handled.contains(3L), "the batch handled");
        disruptor.shutdown(30, TimeUnit.SECONDS);
        assertThat(flaky.callsOnTwo.get()).isEqualTo(3);
        assertThat(flaky.handled).as("the batch's first events are handled again on each replay")
            .containsExactly(0L, 1L, 0L, 1L, 0L, 1L, 2L, 3L);
    }

    @Test
    void eventuallyGiveUpCountsEveryAttempt() throws Exception
    {
        final RingBuffer<LongEvent> ringBuffer = RingBuffer.createSingleProducer(LongEvent.FACTORY, 16,
            new YieldingWaitStrategy());
        final Flaky flaky = new Flaky(100);
        final BatchRewindStrategy strategy = new EventuallyGiveUpBatchRewindStrategy(3);
        final BatchEventProcessor<LongEvent> processor =
            new BatchEventProcessorBuilder().build(ringBuffer, ringBuffer.newBarrier(), flaky, strategy);
        final ExceptionHandlingTest.Recording recording = new ExceptionHandlingTest.Recording();
        processor.setExceptionHandler(recording);
        ringBuffer.addGatingSequences(processor.getSequence());
        final Thread thread = DaemonThreadFactory.INSTANCE.newThread(processor);
        thread.start();
        publishFourInOneBatch(ringBuffer);
        Waits.until(processor.getSequence(), 3);
        processor.halt();
        thread.join(30_000);
        assertThat(flaky.callsOnTwo.get()).as("three attempts, then the exception handler").isEqualTo(3);
        assertThat(recording.events).hasSize(1);
        assertThat(flaky.handled).endsWith(3L);
    }

    @Test
    void aPauseBeforeEachReplay() throws Exception
    {
        final Disruptor<LongEvent> disruptor = new Disruptor<>(LongEvent.FACTORY, 16, DaemonThreadFactory.INSTANCE);
        final Flaky flaky = new Flaky(2);
        disruptor.handleEventsWith(new NanosecondPauseBatchRewindStrategy(TimeUnit.MILLISECONDS.toNanos(20)), flaky);
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        final long start = System.nanoTime();
        publishFourInOneBatch(ringBuffer);
        Waits.until(() -> flaky.handled.contains(3L), "the batch handled");
        disruptor.shutdown(30, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
        assertThat(flaky.callsOnTwo.get()).isEqualTo(3);
    }
}
