package io.nanostream.ring;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerPoolTest
{
    @Test
    void eachEventIsHandledByExactlyOneWorker() throws Exception
    {
        final int events = 200_000;
        final RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent::new, 1024,
            new LiteBlockingWaitStrategy());
        final AtomicLongArray handled = new AtomicLongArray(events);
        final Set<String> workersThatWorked = ConcurrentHashMap.newKeySet();
        final AtomicInteger total = new AtomicInteger();
        final CountDownLatch anotherWorked = new CountDownLatch(1);
        @SuppressWarnings("unchecked")
        final WorkHandler<LongEvent>[] workers = new WorkHandler[3];
        for (int w = 0; w < workers.length; w++)
        {
            final String name = "worker-" + w;
            workers[w] = event ->
            {
                if (workersThatWorked.add(name))
                {
                    if (workersThatWorked.size() > 1)
                    {
                        anotherWorked.countDown();
                    }
                    else
                    {
                        // the first worker holds its first event until another worker has taken one: the pool
                        // must hand the next events to the others, whatever order the scheduler runs them in
                        anotherWorked.await(30, TimeUnit.SECONDS);
                    }
                }
                handled.incrementAndGet((int)event.value);
                total.incrementAndGet();
            };
        }
        final WorkerPool<LongEvent> pool = new WorkerPool<>(ring, ring.newBarrier(), ExceptionHandlers.logAndHalt(),
            workers);
        ring.addGatingSequences(pool.getWorkerSequences());
        pool.start(Thread.ofPlatform().daemon().factory());
        final Thread[] producers = new Thread[2];
        for (int p = 0; p < producers.length; p++)
        {
            final int offset = p;
            producers[p] = Thread.ofPlatform().start(() ->
            {
                for (int i = offset; i < events; i += producers.length)
                {
                    ring.publishEvent((event, sequence, v) -> event.value = v, (long)i);
                }
            });
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (total.get() < events && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        final StringBuilder state = new StringBuilder("cursor=" + ring.getCursor() + " minGating=" +
            ring.getMinimumGatingSequence());
        for (final io.nanostream.concurrent.Sequence worker : pool.getWorkerSequences())
        {
            state.append(" worker=").append(worker.get())
                .append(" published(+1)=").append(ring.isPublished(worker.get() + 1));
        }
        pool.halt();
        ring.halt();
        for (final Thread producer : producers)
        {
            producer.join(5_000);
        }
        assertThat(total.get()).as(state.toString()).isEqualTo(events);
        for (int i = 0; i < events; i++)
        {
            assertThat(handled.get(i)).as("event %d", i).isEqualTo(1);
        }
        assertThat(workersThatWorked).as("workers that took an event").hasSizeGreaterThan(1);
    }

    @Test
    void rejectsBadWorkerLists()
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent::new, 8,
            new YieldingWaitStrategy());
        final WorkHandler<LongEvent> worker = event -> { };
        assertThatThrownBy(() -> new WorkerPool<>(ring, ring.newBarrier(), ExceptionHandlers.logAndHalt()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new WorkerPool<>(ring, ring.newBarrier(), ExceptionHandlers.logAndHalt(), worker,
            worker))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        final WorkerPool<LongEvent> pool = new WorkerPool<>(ring, ring.newBarrier(), ExceptionHandlers.logAndHalt(),
            worker);
        pool.start(Thread.ofPlatform().daemon().factory());
        assertThatThrownBy(() -> pool.start(Thread.ofPlatform().daemon().factory()))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
        pool.halt();
    }
}
