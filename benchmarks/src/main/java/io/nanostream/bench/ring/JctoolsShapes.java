package io.nanostream.bench.ring;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.ThroughputShape;
import org.HdrHistogram.Histogram;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

import java.util.concurrent.CountDownLatch;

/**
 * The ring shapes that JCTools 4.0.5 queues can express (the anchor for raw hand-off speed): a
 * constant token is offered and polled, since a queue of references has no preallocated events.
 */
public final class JctoolsShapes
{
    private static final Object TOKEN = new Object();

    private JctoolsShapes()
    {
    }

    /**
     * Builds a throughput shape.
     *
     * @param scenario 1p1c (SpscArrayQueue, busy spin) or 3p1c (MpscArrayQueue, yielding).
     * @return the shape, with its consumer thread running.
     */
    public static ThroughputShape throughput(final String scenario)
    {
        return switch (scenario)
        {
            case "1p1c" -> new Unicast(new SpscArrayQueue<>(Checks.RING_SIZE), 1, false);
            case "3p1c" -> new Unicast(new MpscArrayQueue<>(Checks.RING_SIZE), 3, true);
            default -> throw new IllegalArgumentException("no jctools shape " + scenario);
        };
    }

    /**
     * Builds the ping-pong shape: two SpscArrayQueues, busy-spinning on both sides.
     *
     * @return the shape.
     */
    public static LatencyShape pingPong()
    {
        return new PingPong();
    }

    private static final class Unicast implements ThroughputShape
    {
        private final MessagePassingQueue<Object> queue;
        private final int producers;
        private final boolean yielding;
        private final Thread consumer;
        private volatile boolean running = true;
        private volatile long target = Long.MAX_VALUE;
        private volatile CountDownLatch done;
        private long count;

        Unicast(final MessagePassingQueue<Object> queue, final int producers, final boolean yielding)
        {
            this.queue = queue;
            this.producers = producers;
            this.yielding = yielding;
            this.consumer = Checks.start("jctools-consumer", this::consume);
        }

        private void consume()
        {
            final MessagePassingQueue<Object> queue = this.queue;
            long count = 0;
            while (running)
            {
                if (queue.poll() != null)
                {
                    if (++count == target)
                    {
                        this.count = count;
                        done.countDown();
                    }
                }
                else if (yielding)
                {
                    Thread.yield();
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        public long run(final long events) throws Exception
        {
            final long perProducer = events / producers;
            final long before = count;
            final CountDownLatch latch = new CountDownLatch(1);
            done = latch;
            target = before + perProducer * producers;
            final long start;
            if (producers == 1)
            {
                start = System.nanoTime();
                produce(perProducer);
            }
            else
            {
                final CountDownLatch go = new CountDownLatch(1);
                for (int p = 0; p < producers; p++)
                {
                    Checks.start("jctools-producer", () ->
                    {
                        try
                        {
                            go.await();
                        }
                        catch (final InterruptedException ex)
                        {
                            return;
                        }
                        produce(perProducer);
                    });
                }
                start = System.nanoTime();
                go.countDown();
            }
            Checks.await(latch, "jctools consumer");
            final long elapsed = System.nanoTime() - start;
            Checks.expect("jctools count", perProducer * producers, count - before);
            return elapsed;
        }

        private void produce(final long count)
        {
            final MessagePassingQueue<Object> queue = this.queue;
            for (long i = 0; i < count; i++)
            {
                while (!queue.offer(TOKEN))
                {
                    if (yielding)
                    {
                        Thread.yield();
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
            }
        }

        @Override
        public void close() throws Exception
        {
            running = false;
            consumer.join();
        }
    }

    private static final class PingPong implements LatencyShape
    {
        private final SpscArrayQueue<Object> pings = new SpscArrayQueue<>(1024);
        private final SpscArrayQueue<Object> pongs = new SpscArrayQueue<>(1024);
        private final Thread ponger;
        private volatile boolean running = true;

        PingPong()
        {
            ponger = Checks.start("jctools-ponger", () ->
            {
                while (running)
                {
                    final Object ping = pings.poll();
                    if (ping != null)
                    {
                        while (!pongs.offer(ping))
                        {
                            Thread.onSpinWait();
                        }
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
            });
        }

        @Override
        public void run(final long iterations, final Histogram histogram)
        {
            for (long i = 0; i < iterations; i++)
            {
                final long sentAt = System.nanoTime();
                pings.offer(TOKEN);
                while (pongs.poll() == null)
                {
                    Thread.onSpinWait();
                }
                histogram.recordValue(System.nanoTime() - sentAt);
            }
        }

        @Override
        public void close() throws Exception
        {
            running = false;
            ponger.join();
        }
    }
}
