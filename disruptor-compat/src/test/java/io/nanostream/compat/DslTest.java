package io.nanostream.compat;

import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.DaemonThreadFactory;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.EventTranslator;
import io.nanostream.ring.EventTranslatorOneArg;
import io.nanostream.ring.EventTranslatorThreeArg;
import io.nanostream.ring.EventTranslatorTwoArg;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.YieldingWaitStrategy;
import io.nanostream.ring.dsl.Disruptor;
import io.nanostream.ring.graph.HandlerGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The DSL as Disruptor users set it up: a diamond, chains, translators, and the queries around it. */
class DslTest
{
    private Disruptor<LongEvent> disruptor;

    @AfterEach
    void stop()
    {
        if (disruptor != null)
        {
            disruptor.halt();
        }
    }

    /** Sums what it sees into a list of results. */
    static final class Summer implements EventHandler<LongEvent>
    {
        final List<Long> results = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
        {
            results.add(event.doubled + event.tripled);
        }
    }

    @Test
    void aDiamondSeesEveryEventAfterBothBranches() throws Exception
    {
        disruptor = new Disruptor<>(LongEvent.FACTORY, 64, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
            new YieldingWaitStrategy());
        final EventHandler<LongEvent> doubler = (event, sequence, endOfBatch) -> event.doubled = event.value * 2;
        final EventHandler<LongEvent> tripler = (event, sequence, endOfBatch) -> event.tripled = event.value * 3;
        final Summer summer = new Summer();
        disruptor.handleEventsWith(doubler, tripler).then(summer);
        assertThat(disruptor.hasStarted()).isFalse();
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        assertThat(disruptor.hasStarted()).isTrue();
        for (long i = 0; i < 1000; i++)
        {
            ringBuffer.publishEvent((event, sequence, value) -> event.value = value, i);
        }
        // before shutting down: the Disruptor's shutdown passes over handlers whose thread has not started yet
        Waits.until(() -> disruptor.getSequenceValueFor(summer) == 999, "the diamond drained");
        disruptor.shutdown(10, TimeUnit.SECONDS);
        assertThat(summer.results).hasSize(1000);
        for (int i = 0; i < 1000; i++)
        {
            assertThat(summer.results.get(i)).isEqualTo(5L * i);
        }
        assertThat(disruptor.getSequenceValueFor(summer)).isEqualTo(999);
        assertThat(disruptor.getCursor()).isEqualTo(999);
    }

    @Test
    void afterAndAndBuildTheSameGraphAsThen() throws Exception
    {
        disruptor = new Disruptor<>(LongEvent.FACTORY, 16, DaemonThreadFactory.INSTANCE);
        final EventHandler<LongEvent> doubler = (event, sequence, endOfBatch) -> event.doubled = event.value * 2;
        final EventHandler<LongEvent> tripler = (event, sequence, endOfBatch) -> event.tripled = event.value * 3;
        final Summer summer = new Summer();
        final List<Long> last = new CopyOnWriteArrayList<>();
        final HandlerGroup<LongEvent> left = disruptor.handleEventsWith(doubler);
        final HandlerGroup<LongEvent> right = disruptor.handleEventsWith(tripler);
        left.and(right).then(summer);
        disruptor.after(summer).handleEventsWith((event, sequence, endOfBatch) -> last.add(sequence));
        disruptor.start();
        publishThroughTheDsl(disruptor);
        Waits.until(() -> last.size() == 6, "the chain drained");
        disruptor.shutdown(10, TimeUnit.SECONDS);
        assertThat(summer.results).containsExactly(5L, 10L, 15L, 20L, 25L, 30L);
        assertThat(last).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(disruptor.getBufferSize()).isEqualTo(16L);
    }

    private static void publishThroughTheDsl(final Disruptor<LongEvent> disruptor)
    {
        final EventTranslator<LongEvent> one = (event, sequence) -> event.value = 1;
        final EventTranslatorOneArg<LongEvent, Long> oneArg = (event, sequence, a) -> event.value = a;
        final EventTranslatorTwoArg<LongEvent, Long, Long> twoArgs = (event, sequence, a, b) -> event.value = a + b;
        final EventTranslatorThreeArg<LongEvent, Long, Long, Long> threeArgs = (event, sequence, a, b,
            c) -> event.value = a + b + c;
        disruptor.publishEvent(one);
        disruptor.publishEvent(oneArg, 2L);
        disruptor.publishEvent(twoArgs, 1L, 2L);
        disruptor.publishEvent(threeArgs, 1L, 1L, 2L);
        disruptor.publishEvents(oneArg, new Long[]{5L, 6L});
    }

    @Test
    void aHandlerCanFollowAGroupThroughItsBarrier() throws Exception
    {
        disruptor = new Disruptor<>(LongEvent.FACTORY, 16, DaemonThreadFactory.INSTANCE, ProducerType.MULTI,
            new BusySpinWaitStrategy());
        final EventHandler<LongEvent> doubler = (event, sequence, endOfBatch) -> event.doubled = event.value * 2;
        final HandlerGroup<LongEvent> group = disruptor.handleEventsWith(doubler);
        final SequenceBarrier barrier = group.asSequenceBarrier();
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        ringBuffer.publishEvent((event, sequence) -> event.value = 21);
        final long available = barrier.waitFor(0);
        assertThat(available).isEqualTo(0);
        assertThat(disruptor.get(0).doubled).as("the barrier opens only once the doubler is done").isEqualTo(42);
        assertThat(disruptor.getBarrierFor(doubler).getCursor()).as("a first stage follows the ring's cursor").isEqualTo(0);
    }

    @Test
    void theFirstBatchAfterAnIdleWaitHoldsTheBacklog() throws Exception
    {
        disruptor = new Disruptor<>(LongEvent.FACTORY, 16, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
            new YieldingWaitStrategy());
        final List<String> batches = new CopyOnWriteArrayList<>();
        final EventHandler<LongEvent> handler = new EventHandler<>()
        {
            @Override
            public void onBatchStart(final long batchSize, final long queueDepth)
            {
                batches.add(batchSize + "/" + queueDepth);
            }

            @Override
            public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
            {
            }
        };
        disruptor.handleEventsWith(handler);
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        Thread.sleep(30); // idle: the handler waits
        final long hi = ringBuffer.next(5);
        ringBuffer.publish(hi - 4, hi);
        Waits.until(() -> disruptor.getSequenceValueFor(handler) == 4, "five events handled");
        assertThat(batches).containsExactly("5/5");
    }
}
