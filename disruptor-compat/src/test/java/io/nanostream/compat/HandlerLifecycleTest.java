package io.nanostream.compat;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.YieldingWaitStrategy;
import io.nanostream.ring.dsl.Disruptor;
import io.nanostream.ring.DaemonThreadFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler callbacks Disruptor users build on: start and shutdown, end of batch, and early release. */
class HandlerLifecycleTest
{
    /** Buffers events and flushes them at the end of each batch, the classic use of endOfBatch. */
    static final class Batcher implements EventHandler<LongEvent>
    {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<List<Long>> flushed = new CopyOnWriteArrayList<>();
        private final List<Long> pending = new CopyOnWriteArrayList<>();

        @Override
        public void onStart()
        {
            calls.add("start on " + Thread.currentThread().isDaemon());
        }

        @Override
        public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
        {
            pending.add(event.value);
            if (endOfBatch)
            {
                flushed.add(List.copyOf(pending));
                pending.clear();
            }
        }

        @Override
        public void onShutdown()
        {
            calls.add("shutdown");
        }
    }

    @Test
    void startBatchesAndShutdownInThatOrder() throws Exception
    {
        final Disruptor<LongEvent> disruptor =
            new Disruptor<>(LongEvent.FACTORY, 32, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
            new YieldingWaitStrategy());
        final Batcher batcher = new Batcher();
        disruptor.handleEventsWith(batcher);
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        Waits.until(() -> !batcher.calls.isEmpty(), "onStart");
        final long hi = ringBuffer.next(3);
        for (long sequence = hi - 2; sequence <= hi; sequence++)
        {
            ringBuffer.get(sequence).value = sequence + 1;
        }
        ringBuffer.publish(hi - 2, hi);
        disruptor.shutdown(30, TimeUnit.SECONDS);
        Waits.until(() -> batcher.calls.size() == 2, "onShutdown");
        assertThat(batcher.calls).containsExactly("start on true", "shutdown");
        assertThat(batcher.flushed).containsExactly(List.of(1L, 2L, 3L));
    }

    @Test
    void aHandlerReleasesItsSlotsBeforeItsBatchEnds() throws Exception
    {
        final Disruptor<LongEvent> disruptor =
            new Disruptor<>(LongEvent.FACTORY, 4, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
            new YieldingWaitStrategy());
        final CountDownLatch hold = new CountDownLatch(1);
        disruptor.handleEventsWith(new EventHandler<LongEvent>()
        {
            private Sequence sequenceCallback;

            @Override
            public void setSequenceCallback(final Sequence sequenceCallback)
            {
                this.sequenceCallback = sequenceCallback;
            }

            @Override
            public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch) throws Exception
            {
                sequenceCallback.set(sequence); // done with the slot: the producer may reuse it
                if (sequence == 3)
                {
                    hold.await();
                }
            }
        });
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        for (long i = 0; i < 8; i++) // two laps of a ring of four while the handler holds on to event 3
        {
            ringBuffer.publishEvent((event, sequence, value) -> event.value = value, i);
        }
        assertThat(ringBuffer.getCursor()).isEqualTo(7);
        hold.countDown();
        disruptor.shutdown(30, TimeUnit.SECONDS);
    }
}
