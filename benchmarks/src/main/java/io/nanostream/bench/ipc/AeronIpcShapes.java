package io.nanostream.bench.ipc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.ext.DebugReceiveChannelEndpoint;
import io.aeron.driver.ext.DebugSendChannelEndpoint;
import io.aeron.driver.ext.RandomLossGenerator;
import io.aeron.logbuffer.FragmentHandler;
import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.OfferResult;
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
        return new Throughput(messageLength, CHANNEL, "aeron:ipc", false, 0);
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
        return new Throughput(messageLength, publicationChannel, subscriptionChannel, true, 0);
    }

    /**
     * The throughput shape over a UDP channel whose driver drops datagrams at random on receive, both ways, with
     * Aeron's own loss generators ({@code io.aeron.driver.ext}): data frames at the receive endpoint, status messages
     * and NAKs at the send endpoint.
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
        return new Throughput(messageLength, publicationChannel, subscriptionChannel, true, lossRate);
    }

    /**
     * Round trip: a pinger and a ponger on two streams.
     *
     * @return the shape.
     */
    public static LatencyShape pingPong()
    {
        return new PingPong(CHANNEL, "aeron:ipc", CHANNEL, "aeron:ipc", false);
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
        return new PingPong(pingPublication, pingSubscription, pongPublication, pongSubscription, true);
    }

    static MediaDriver launchDriver()
    {
        return launchDriver(0);
    }

    private static MediaDriver launchDriver(final double lossRate)
    {
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/aeron-bench-" + UUID.randomUUID())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        if (lossRate > 0)
        {
            final long[] seed = {42};
            context.receiveChannelEndpointSupplier((channel, dispatcher, status,
                ctx) -> new DebugReceiveChannelEndpoint(channel, dispatcher, status, ctx,
                new RandomLossGenerator(lossRate, seed[0]++), new RandomLossGenerator(0)));
            context.sendChannelEndpointSupplier((channel, status, ctx) -> new DebugSendChannelEndpoint(channel, status,
                ctx, new RandomLossGenerator(0), new RandomLossGenerator(lossRate, seed[0]++)));
        }
        return MediaDriver.launchEmbedded(context);
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
        private final Aeron aeron;
        private final Subscription subscription;
        private final ExclusivePublication publication;
        private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        private final Thread subscriber;
        private volatile boolean running = true;
        private volatile long received;

        Throughput(final int messageLength, final String publicationChannel, final String subscriptionChannel,
            final boolean yielding, final double lossRate)
        {
            this.driver = launchDriver(lossRate);
            this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            this.messageLength = messageLength;
            this.yielding = yielding;
            this.subscription = aeron.addSubscription(subscriptionChannel, 10);
            this.publication = aeron.addExclusivePublication(publicationChannel, 10);
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
            }, "aeron-ipc-subscriber");
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
            final long begin = System.nanoTime();
            for (long i = 0; i < events; i++)
            {
                message.putLong(0, start + i);
                while (OfferResult.retry(publication.offer(message, 0, messageLength), "aeron publication"))
                {
                    pause(yielding);
                }
            }
            long seen;
            while ((seen = received) < start + events)
            {
                if (seen < 0)
                {
                    throw new IllegalStateException("aeron subscriber saw messages out of order or corrupt");
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
            aeron.close();
            driver.close();
        }
    }

    private static final class PingPong implements LatencyShape
    {
        private final MediaDriver driver = launchDriver();
        private final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        private final ExclusivePublication pings;
        private final Subscription pingSubscription;
        private final ExclusivePublication pongs;
        private final Subscription pongSubscription;
        private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        private final Thread ponger;
        private final boolean yielding;
        private volatile boolean running = true;

        PingPong(
            final String pingChannel, final String pingSubscriptionChannel, final String pongChannel,
            final String pongSubscriptionChannel, final boolean yielding)
        {
            this.yielding = yielding;
            this.pingSubscription = aeron.addSubscription(pingSubscriptionChannel, 20);
            this.pongSubscription = aeron.addSubscription(pongSubscriptionChannel, 21);
            this.pings = aeron.addExclusivePublication(pingChannel, 20);
            this.pongs = aeron.addExclusivePublication(pongChannel, 21);
            final FragmentHandler echo = (buffer, offset, length, header) ->
            {
                while (OfferResult.retry(pongs.offer(buffer, offset, length), "aeron pongs"))
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
            }, "aeron-ipc-ponger");
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
                while (OfferResult.retry(pings.offer(message, 0, 32), "aeron pings"))
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
            aeron.close();
            driver.close();
        }
    }
}
