package io.nanostream.bench.ipc;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.ThroughputShape;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import io.nanostream.log.FragmentHandler;
import org.HdrHistogram.Histogram;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.UUID;

/** The IPC shapes of BENCHMARKING.md on Nano-Stream: embedded driver, shared threading, back-off idling. */
public final class NanoIpcShapes
{
    static final String CHANNEL = "nano:ipc?term-length=64m";

    private NanoIpcShapes()
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
        final Path base = new DriverContext().directory();
        return MediaDriver.launch(new DriverContext()
            .directory(base.resolveSibling(base.getFileName() + "-bench-" + UUID.randomUUID()))
            .threadingMode(ThreadingMode.SHARED)
            .idleStrategy("backoff"));
    }

    private static final class Throughput implements ThroughputShape
    {
        private final int messageLength;
        private final MediaDriver driver = launchDriver();
        private final NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
        private final Subscription subscription = client.addSubscription("nano:ipc", 10);
        private final ExclusivePublication publication = client.addExclusivePublication(CHANNEL, 10);
        private final AtomicBuffer message = new AtomicBuffer(Arena.ofAuto().allocate(1024, 64));
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
            }, "nano-ipc-subscriber");
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
            final long first = start;
            final long begin = System.nanoTime();
            for (long i = 0; i < events; i++)
            {
                message.putLong(0, first + i);
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
                    throw new IllegalStateException("nano subscriber saw messages out of order or corrupt");
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
            client.close();
            driver.close();
        }
    }

    private static final class PingPong implements LatencyShape
    {
        private final MediaDriver driver = launchDriver();
        private final NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
        private final ExclusivePublication pings = client.addExclusivePublication(CHANNEL, 20);
        private final Subscription pingSubscription = client.addSubscription("nano:ipc", 20);
        private final ExclusivePublication pongs = client.addExclusivePublication(CHANNEL, 21);
        private final Subscription pongSubscription = client.addSubscription("nano:ipc", 21);
        private final AtomicBuffer message = new AtomicBuffer(Arena.ofAuto().allocate(64, 64));
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
            }, "nano-ipc-ponger");
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
            client.close();
            driver.close();
        }
    }
}
