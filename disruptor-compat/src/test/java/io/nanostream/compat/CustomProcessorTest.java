package io.nanostream.compat;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.AggregateEventHandler;
import io.nanostream.ring.AlertException;
import io.nanostream.ring.BatchEventProcessor;
import io.nanostream.ring.BatchEventProcessorBuilder;
import io.nanostream.ring.BlockingWaitStrategy;
import io.nanostream.ring.DaemonThreadFactory;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.EventProcessor;
import io.nanostream.ring.LiteBlockingWaitStrategy;
import io.nanostream.ring.NoOpEventProcessor;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.SequenceGroup;
import io.nanostream.ring.TimeoutException;
import io.nanostream.ring.dsl.Disruptor;
import io.nanostream.ring.graph.EventProcessorFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processors Disruptor users write themselves, and the DSL running them: a processor that advances its
 * sequence and tells nobody (the case that once left a blocked consumer asleep), processor factories,
 * hand-wired batch processors, the no-op processor, aggregate handlers, sequence groups.
 */
class CustomProcessorTest
{
    /** A user's processor: copies value to doubled * 1, one event at a time, and signals nobody. */
    static final class CopyingProcessor implements EventProcessor
    {
        private final Sequence sequence = new Sequence();
        private final RingBuffer<LongEvent> ringBuffer;
        private final SequenceBarrier barrier;
        private final AtomicBoolean running = new AtomicBoolean();

        CopyingProcessor(final RingBuffer<LongEvent> ringBuffer, final SequenceBarrier barrier)
        {
            this.ringBuffer = ringBuffer;
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
            barrier.clearAlert();
            long next = sequence.get() + 1;
            while (running.get())
            {
                try
                {
                    final long available = barrier.waitFor(next);
                    for (; next <= available; next++)
                    {
                        final LongEvent event = ringBuffer.get(next);
                        event.doubled = event.value * 2;
                    }
                    sequence.set(available);
                }
                catch (final AlertException | TimeoutException ex)
                {
                    // halted, or a timing-out strategy: check running and go on
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Test
    void aBlockedConsumerBehindAProcessorThatNeverSignalsWakesUp() throws Exception
    {
        final Disruptor<LongEvent> disruptor =
            new Disruptor<>(LongEvent.FACTORY, 64, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
            new BlockingWaitStrategy());
        final List<Long> seen = new CopyOnWriteArrayList<>();
        final EventProcessorFactory<LongEvent> copying =
            (ringBuffer, barrierSequences) -> new CopyingProcessor(ringBuffer, ringBuffer.newBarrier(barrierSequences));
        disruptor.handleEventsWith(copying).then((event, sequence, endOfBatch) -> seen.add(event.doubled));
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        for (long i = 0; i < 200; i++)
        {
            ringBuffer.publishEvent((event, sequence, value) -> event.value = value, i);
            final long expected = i;
            Waits.until(() -> seen.size() == expected + 1, "event " + i + " after an idle wait"); // idle before each
        }
        disruptor.shutdown(30, TimeUnit.SECONDS);
        assertThat(seen).hasSize(200).last().isEqualTo(398L);
    }

    @Test
    void processorsMadeElsewhereJoinTheGraph() throws Exception
    {
        final Disruptor<LongEvent> disruptor =
            new Disruptor<>(LongEvent.FACTORY, 16, DaemonThreadFactory.INSTANCE, ProducerType.MULTI,
            new LiteBlockingWaitStrategy());
        final RingBuffer<LongEvent> ringBuffer = disruptor.getRingBuffer();
        final CopyingProcessor copying = new CopyingProcessor(ringBuffer, ringBuffer.newBarrier());
        final List<Long> seen = new CopyOnWriteArrayList<>();
        final List<Long> alsoSeen = new CopyOnWriteArrayList<>();
        final EventHandler<LongEvent> record = (event, sequence, endOfBatch) -> seen.add(event.doubled);
        final EventHandler<LongEvent> recordToo = (event, sequence, endOfBatch) -> alsoSeen.add(sequence);
        disruptor.handleEventsWith(copying).handleEventsWith(new AggregateEventHandler<>(record, recordToo));
        disruptor.start();
        assertThat(copying.isRunning() || waitRunning(copying)).isTrue();
        for (long i = 1; i <= 3; i++)
        {
            disruptor.publishEvent((event, sequence, value) -> event.value = value, i);
        }
        // before shutting down: the Disruptor's shutdown passes over handlers whose thread has not started yet
        Waits.until(() -> alsoSeen.size() == 3, "three events at the end of the chain");
        disruptor.shutdown(30, TimeUnit.SECONDS);
        assertThat(seen).containsExactly(2L, 4L, 6L);
        assertThat(alsoSeen).containsExactly(0L, 1L, 2L);
        Waits.until(() -> !copying.isRunning(), "the graph halted the processor");
    }

    private static boolean waitRunning(final EventProcessor processor) throws InterruptedException
    {
        Waits.until(processor::isRunning, "processor running");
        return true;
    }

    @Test
    void aHandWiredPipeline() throws Exception
    {
        final RingBuffer<LongEvent> ringBuffer = RingBuffer.createSingleProducer(LongEvent.FACTORY, 16,
            new LiteBlockingWaitStrategy());
        final BatchEventProcessor<LongEvent> first = new BatchEventProcessorBuilder()
            .build(ringBuffer, ringBuffer.newBarrier(),
            (event, sequence, endOfBatch) -> event.doubled = event.value * 2);
        final List<Long> seen = new CopyOnWriteArrayList<>();
        final BatchEventProcessor<LongEvent> second = new BatchEventProcessorBuilder().setMaxBatchSize(2)
            .build(ringBuffer, ringBuffer.newBarrier(first.getSequence()),
            (event, sequence, endOfBatch) -> seen.add(event.doubled));
        ringBuffer.addGatingSequences(second.getSequence());
        final Thread one = DaemonThreadFactory.INSTANCE.newThread(first);
        final Thread two = DaemonThreadFactory.INSTANCE.newThread(second);
        one.start();
        two.start();
        for (long i = 0; i < 40; i++) // laps the ring of 16: the second processor gates the producer
        {
            ringBuffer.publishEvent((event, sequence, value) -> event.value = value, i);
        }
        Waits.until(second.getSequence(), 39);
        first.halt();
        second.halt();
        one.join(30_000);
        two.join(30_000);
        assertThat(seen).hasSize(40).startsWith(0L, 2L, 4L).endsWith(78L);
        assertThat(first.isRunning()).isFalse();
    }

    @Test
    void theNoOpProcessorAndSequenceGroupsNeverHoldTheRingBackWrongly()
    {
        final RingBuffer<LongEvent> ringBuffer = RingBuffer.createMultiProducer(LongEvent.FACTORY, 4);
        final NoOpEventProcessor noOp = new NoOpEventProcessor(ringBuffer);
        final SequenceGroup group = new SequenceGroup();
        group.add(noOp.getSequence());
        ringBuffer.addGatingSequences(group);
        for (int i = 0; i < 9; i++)
        {
            ringBuffer.publishEvent((event, sequence) -> event.value = sequence);
        }
        assertThat(noOp.getSequence().get()).isEqualTo(8);
        final Sequence consumer = new Sequence();
        group.addWhileRunning(ringBuffer, consumer);
        assertThat(consumer.get()).isEqualTo(8);
        assertThat(ringBuffer.remainingCapacity()).isEqualTo(4);
        ringBuffer.publishEvent((event, sequence) -> event.value = sequence);
        assertThat(ringBuffer.remainingCapacity()).as("the new member holds the ring").isEqualTo(3);
        assertThat(group.size()).isEqualTo(2);
    }
}
