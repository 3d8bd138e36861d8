package io.nanostream.bench.ipc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.ThroughputShape;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.UUID;

/** The IPC shapes on Aeron 1.47.4 (the anchor), with the same settings as {@link NanoIpcShapes}. */
public final class AeronIpcShapes
{
    static final String CHANNEL = "aeron:ipc?term-length=64m";

    private AeronIpcShapes()
    {
    }

    /**
     * Throughput: one exclusive publication offering, one subscriber polling 256 fragments at a time.
     *
     * @param messageLength bytes per message.
     * @return the shape.
     */
    public static ThroughputShape throughput(final int messageLength)
    {
        return new Throughput(messageLength);
    }

    /**
     * Round trip: a pinger and a ponger on two streams.
     *
     * @return the shape.
     */
    public static LatencyShape pingPong()
    {
        return new PingPong();
    }

    static MediaDriver launchDriver()
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/aeron-bench-" + UUID.randomUUID())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    private static final class Throughput implements ThroughputShape
    {
        private final int messageLength;
        private final MediaDriver driver = launchDriver();
        private final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        private final Subscription subscription = aeron.addSubscription("aeron:ipc", 10);
        private final ExclusivePublication publication = aeron.addExclusivePublication(CHANNEL, 10);
        private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        private final Thread subscriber;
        private volatile boolean running = true;
        private volatile long received;

        Throughput(final int messageLength)
        {
            this.messageLength = messageLength;
            this.subscriber = new Thread(() ->
            {
                final long[] count = {0};
                final long[] problems = {0};
                final FragmentHandler handler = (buffer, offset, length, header) ->
                {
                    if (buffer.getLong(offset) != count[0])
                    {
                        problems[0]++;
                    }
                    count[0]++;
                };
                while (running)
                {
                    if (subscription.poll(handler, 256) == 0)
                    {
                        Thread.onSpinWait();
                    }
                    received = problems[0] == 0 ? count[0] : -1;
                }
            }, "aeron-ipc-subscriber");
            subscriber.setDaemon(true);
            subscriber.start();
            while (!publication.isConnected())
            {
                Thread.onSpinWait();
            }
        }

        @Override
        public long run(final long events)
        {
            final long start = received;
            final long begin = System.nanoTime();
            for (long i = 0; i < events; i++)
            {
                message.putLong(0, start + i);
                while (publication.offer(message, 0, messageLength) < 0)
                {
                    Thread.onSpinWait();
                }
            }
            long seen;
            while ((seen = received) < start + events)
            {
                if (seen < 0)
                {
                    throw new IllegalStateException("aeron subscriber saw messages out of order or corrupt");
                }
                Thread.onSpinWait();
            }
            return System.nanoTime() - begin;
        }

        @Override
        public void close() throws Exception
        {
            running = false;
            subscriber.join();
            publication.close();
            subscription.close();
            aeron.close();
            driver.close();
        }
    }

    private static final class PingPong implements LatencyShape
    {
        private final MediaDriver driver = launchDriver();
        private final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        private final ExclusivePublication pings = aeron.addExclusivePublication(CHANNEL, 20);
        private final Subscription pingSubscription = aeron.addSubscription("aeron:ipc", 20);
        private final ExclusivePublication pongs = aeron.addExclusivePublication(CHANNEL, 21);
        private final Subscription pongSubscription = aeron.addSubscription("aeron:ipc", 21);
        private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        private final Thread ponger;
        private volatile boolean running = true;

        PingPong()
        {
            final FragmentHandler echo = (buffer, offset, length, header) ->
            {
                while (pongs.offer(buffer, offset, length) < 0)
                {
                    Thread.onSpinWait();
                }
            };
            ponger = new Thread(() ->
            {
                while (running)
                {
                    if (pingSubscription.poll(echo, 1) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }, "aeron-ipc-ponger");
            ponger.setDaemon(true);
            ponger.start();
            while (!pings.isConnected() || !pongs.isConnected())
            {
                Thread.onSpinWait();
            }
        }

        @Override
        public void run(final long iterations, final Histogram histogram)
        {
            final FragmentHandler ignore = (buffer, offset, length, header) -> { };
            for (long i = 0; i < iterations; i++)
            {
                final long start = System.nanoTime();
                message.putLong(0, i);
                while (pings.offer(message, 0, 32) < 0)
                {
                    Thread.onSpinWait();
                }
                while (pongSubscription.poll(ignore, 1) == 0)
                {
                    Thread.onSpinWait();
                }
                histogram.recordValue(System.nanoTime() - start);
            }
        }

        @Override
        public void close() throws Exception
        {
            running = false;
            ponger.join();
            aeron.close();
            driver.close();
        }
    }
}
