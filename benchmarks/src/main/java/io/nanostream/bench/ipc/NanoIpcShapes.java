package io.nanostream.bench.ipc;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.OfferResult;
import io.nanostream.bench.ThroughputShape;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import io.nanostream.driver.loss.RandomLoss;
import io.nanostream.log.FragmentHandler;
import io.nanostream.log.FrameType;
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
        return new Throughput(messageLength, CHANNEL, "nano:ipc", false, 0, 0);
    }

    /**
     * Throughput over any channel: the same shape for UDP, where waiting threads yield so the driver gets a core.
     *
     * @param messageLength       bytes per message.
     * @param publicationChannel  the publication's channel.
     * @param subscriptionChannel the subscription's channel.
     * @return the shape.
     */
    public static ThroughputShape throughput(final int messageLength, final String publicationChannel,
        final String subscriptionChannel)
    {
        return throughput(messageLength, publicationChannel, subscriptionChannel, 0);
    }

    /**
     * Throughput over UDP with the driver's datagram batching set (needs native access in the JVM).
     *
     * @param messageLength       bytes per message.
     * @param publicationChannel  the publication's channel.
     * @param subscriptionChannel the subscription's channel.
     * @param udpBatch            datagrams per system call; 0 for JDK channels.
     * @return the shape.
     */
    public static ThroughputShape throughput(
        final int messageLength, final String publicationChannel, final String subscriptionChannel, final int udpBatch)
    {
        return new Throughput(messageLength, publicationChannel, subscriptionChannel, true, udpBatch, 0);
    }

    /**
     * The throughput shape over a UDP channel whose driver drops datagrams at random on receive, both ways: data frames
     * at the subscription's socket, status messages and NAKs at the publication's; repair decides the rate.
     *
     * @param messageLength       bytes per message.
     * @param publicationChannel  the publication's channel.
     * @param subscriptionChannel the subscription's channel.
     * @param lossRate            the share of datagrams dropped, 0 to 1.
     * @return the shape.
     */
    public static ThroughputShape lossyThroughput(
        final int messageLength, final String publicationChannel, final String subscriptionChannel,
        final double lossRate)
    {
        return new Throughput(messageLength, publicationChannel, subscriptionChannel, true, 0, lossRate);
    }

    /**
     * Round trip: a pinger and a ponger on two streams.
     *
     * @return the shape.
     */
    public static LatencyShape pingPong()
    {
        return new PingPong(CHANNEL, "nano:ipc", CHANNEL, "nano:ipc", false, 0);
    }

    /**
     * Round trip over any channels: the same shape for UDP, where waiting threads yield so the driver gets a core.
     *
     * @param pingPublication  the ping publication's channel.
     * @param pingSubscription the ping subscription's channel.
     * @param pongPublication  the pong publication's channel.
     * @param pongSubscription the pong subscription's channel.
     * @return the shape.
     */
    public static LatencyShape pingPong(
        final String pingPublication, final String pingSubscription, final String pongPublication,
        final String pongSubscription)
    {
        return pingPong(pingPublication, pingSubscription, pongPublication, pongSubscription, 0);
    }

    /**
     * Round trip over UDP with the driver's datagram batching set (needs native access in the JVM).
     *
     * @param pingPublication  the ping publication's channel.
     * @param pingSubscription the ping subscription's channel.
     * @param pongPublication  the pong publication's channel.
     * @param pongSubscription the pong subscription's channel.
     * @param udpBatch         datagrams per system call; 0 for JDK channels.
     * @return the shape.
     */
    public static LatencyShape pingPong(
        final String pingPublication, final String pingSubscription, final String pongPublication,
        final String pongSubscription, final int udpBatch)
    {
        return new PingPong(pingPublication, pingSubscription, pongPublication, pongSubscription, true, udpBatch);
    }

    static MediaDriver launchDriver()
    {
        return launchDriver(0);
    }

    static MediaDriver launchDriver(final int udpBatch)
    {
        return launchDriver(udpBatch, 0);
    }

    private static MediaDriver launchDriver(final int udpBatch, final double lossRate)
    {
        final Path base = new DriverContext().directory();
        final DriverContext context = new DriverContext()
            .directory(base.resolveSibling(base.getFileName() + "-bench-" + UUID.randomUUID()))
            .threadingMode(ThreadingMode.SHARED)
            .idleStrategy("backoff");
        context.datagramBatching().datagramsPerCall(udpBatch);
        if (lossRate > 0)
        {
            final long[] seed = {42};
            context.lossInjection().receive(() -> new RandomLoss(lossRate, seed[0]++, FrameType.DATA, FrameType.PAD,
                FrameType.SM, FrameType.NAK));
        }
        return MediaDriver.launch(context);
    }

    /** Waits a moment: spinning when the shape owns the cores, yielding when a driver thread needs one. */
    static void pause(final boolean yielding)
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

    private static final class Throughput implements ThroughputShape
    {
        private final int messageLength;
        private final boolean yielding;
        private final MediaDriver driver;
        private final NanoStream client;
        private final Subscription subscription;
        private final ExclusivePublication publication;
        private final AtomicBuffer message = AtomicBuffer.wrap(Arena.ofAuto().allocate(1024, 64));
        private final Thread subscriber;
        private volatile boolean running = true;
        private volatile long received;

        Throughput(final int messageLength, final String publicationChannel, final String subscriptionChannel,
            final boolean yielding, final int udpBatch, final double lossRate)
        {
            this.driver = launchDriver(udpBatch, lossRate);
            this.client = NanoStream.connect(FailFastClients.context(driver.directory()));
            this.messageLength = messageLength;
            this.yielding = yielding;
            this.subscription = client.addSubscription(subscriptionChannel, 10);
            this.publication = client.addExclusivePublication(publicationChannel, 10);
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
                        pause(yielding);
                    }
                    received = problems[0] == 0 ? count[0] : -1;
                }
            }, "nano-ipc-subscriber");
            subscriber.setDaemon(true);
            subscriber.start();
            while (!publication.isConnected())
            {
                pause(yielding);
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
                while (OfferResult.retry(publication.offer(message, 0, messageLength), "nano publication"))
                {
                    pause(yielding);
                }
            }
            long seen;
            while ((seen = received) < start + events)
            {
                if (seen < 0)
                {
                    throw new IllegalStateException("nano subscriber saw messages out of order or corrupt");
                }
                pause(yielding);
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
        private final MediaDriver driver;
        private final NanoStream client;
        private final ExclusivePublication pings;
        private final Subscription pingSubscription;
        private final ExclusivePublication pongs;
        private final Subscription pongSubscription;
        private final AtomicBuffer message = AtomicBuffer.wrap(Arena.ofAuto().allocate(64, 64));
        private final Thread ponger;
        private final boolean yielding;
        private volatile boolean running = true;

        PingPong(
            final String pingChannel, final String pingSubscriptionChannel, final String pongChannel,
            final String pongSubscriptionChannel, final boolean yielding, final int udpBatch)
        {
            this.driver = launchDriver(udpBatch);
            this.client = NanoStream.connect(FailFastClients.context(driver.directory()));
            this.yielding = yielding;
            this.pingSubscription = client.addSubscription(pingSubscriptionChannel, 20);
            this.pongSubscription = client.addSubscription(pongSubscriptionChannel, 21);
            this.pings = client.addExclusivePublication(pingChannel, 20);
            this.pongs = client.addExclusivePublication(pongChannel, 21);
            final FragmentHandler echo = (buffer, offset, length, header) ->
            {
                while (OfferResult.retry(pongs.offer(buffer, offset, length), "nano pongs"))
                {
                    pause(yielding);
                }
            };
            ponger = new Thread(() ->
            {
                while (running)
                {
                    if (pingSubscription.poll(echo, 1) == 0)
                    {
                        pause(yielding);
                    }
                }
            }, "nano-ipc-ponger");
            ponger.setDaemon(true);
            ponger.start();
            while (!pings.isConnected() || !pongs.isConnected())
            {
                pause(yielding);
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
                while (OfferResult.retry(pings.offer(message, 0, 32), "nano pings"))
                {
                    pause(yielding);
                }
                while (pongSubscription.poll(ignore, 1) == 0)
                {
                    pause(yielding);
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
