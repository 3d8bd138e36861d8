package io.nanostream.compat;

import io.nanostream.ring.EventHandler;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.TimeoutException;
import io.nanostream.ring.YieldingWaitStrategy;
import io.nanostream.ring.dsl.Disruptor;
import io.nanostream.ring.DaemonThreadFactory;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Shutting down as Disruptor users do: drain, or time out at the timeout with a stuck handler. */
class ShutdownTest
{
    @Test
    void aStuckHandlerMakesShutdownThrowAtTheTimeout() throws Exception
    {
        final Disruptor<LongEvent> disruptor =
            new Disruptor<>(LongEvent.FACTORY, 8, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
            new YieldingWaitStrategy());
        final CountDownLatch stuck = new CountDownLatch(1);
        final CountDownLatch inHandler = new CountDownLatch(1);
        disruptor.handleEventsWith((event, sequence, endOfBatch) ->
        {
            inHandler.countDown();
            stuck.await();
        });
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        ringBuffer.publishEvent((event, sequence) -> event.value = 1);
        // the Disruptor's shutdown passes over handlers whose thread has not started yet: make sure it is stuck
        assertThat(inHandler.await(30, TimeUnit.SECONDS)).isTrue();
        final long start = System.nanoTime();
        try
        {
            disruptor.shutdown(300, TimeUnit.MILLISECONDS);
            fail("the handler is stuck");
        }
        catch (final TimeoutException expected)
        {
            final long waited = System.nanoTime() - start;
            // not before the timeout; the handler stays stuck until released below, so a shutdown that waited for it
            // would not return at all: the upper bound only catches one that waits far longer than asked, and is
            // generous for a busy machine
            assertThat(waited).as("at the timeout").isBetween(TimeUnit.MILLISECONDS.toNanos(300),
                TimeUnit.SECONDS.toNanos(10));
        }
        stuck.countDown();
        disruptor.shutdown(30, TimeUnit.SECONDS);
    }

    @Test
    void shutdownDrainsWhatWasPublished() throws Exception
    {
        final Disruptor<LongEvent> disruptor = new Disruptor<>(LongEvent.FACTORY, 8, DaemonThreadFactory.INSTANCE);
        final long[] sum = new long[1];
        final CountDownLatch started = new CountDownLatch(1);
        disruptor.handleEventsWith(new EventHandler<LongEvent>()
        {
            @Override
            public void onStart()
            {
                started.countDown();
            }

            @Override
            public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch) throws Exception
            {
                Thread.sleep(1);
                sum[0] += event.value;
            }
        });
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        // the Disruptor's shutdown passes over handlers whose thread has not started yet
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        for (long i = 1; i <= 20; i++)
        {
            ringBuffer.publishEvent((event, sequence, value) -> event.value = value, i);
        }
        disruptor.shutdown();
        assertThat(sum[0]).isEqualTo(210);
    }
}
