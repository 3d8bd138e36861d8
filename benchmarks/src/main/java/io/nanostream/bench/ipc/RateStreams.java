package io.nanostream.bench.ipc;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.concurrent.IdleStrategies;
import io.nanostream.concurrent.IdleStrategy;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.loss.RandomLoss;
import io.nanostream.log.FrameType;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;
import java.util.function.ToIntFunction;

/** The two libraries' sides of {@link RateShape}, each with its defaults: driver, client and subscriber idling. */
final class RateStreams
{
    private static final int STREAM_ID = 1001;
    private static final int LENGTH = 32;

    private RateStreams()
    {
    }

    /**
     * Ours: an embedded driver with its defaults (dedicated threads, back-off idling), a client, and a subscriber that
     * idles with the default back-off strategy.
     *
     * @return the stream.
     */
    static RateShape.Stream nano()
    {
        return nano("nano:ipc", "nano:ipc", 0);
    }

    /**
     * Ours over any channel, with data frames dropped at random on receive if asked (UDP).
     *
     * @param publicationChannel  the publication's channel.
     * @param subscriptionChannel the subscription's channel.
     * @param lossRate            the share of data frames dropped, 0 for none.
     * @return the stream.
     */
    static RateShape.Stream nano(final String publicationChannel, final String subscriptionChannel,
        final double lossRate)
    {
        final Path base = new DriverContext().directory();
        final DriverContext context = new DriverContext().directory(base.resolveSibling(base.getFileName() + "-rate-" +
            UUID.randomUUID()));
        if (lossRate > 0)
        {
            final long[] seed = {7};
            context.lossInjection().receive(() -> new RandomLoss(lossRate, seed[0]++, FrameType.DATA));
        }
        final io.nanostream.driver.MediaDriver driver = io.nanostream.driver.MediaDriver.launch(context);
        final NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
        final io.nanostream.client.Subscription subscription = client.addSubscription(subscriptionChannel, STREAM_ID);
        final io.nanostream.client.Publication publication = client.addPublication(publicationChannel, STREAM_ID);
        while (!publication.isConnected() || subscription.imageCount() == 0)
        {
            Thread.yield();
        }
        final AtomicBuffer message = AtomicBuffer.allocateDirect(LENGTH);
        final IdleStrategy idle = IdleStrategies.byName("backoff");
        final LongConsumer[] onMessage = new LongConsumer[1];
        final io.nanostream.log.FragmentHandler handler = (buffer, offset, length,
            header) -> onMessage[0].accept(buffer.getLong(offset));
        return new Paced("nano ipc publication", sentNanos ->
        {
            message.putLong(0, sentNanos);
            return publication.offer(message, 0, LENGTH);
        }, consumer ->
        {
            onMessage[0] = consumer;
            return subscription.poll(handler, 16);
        }, idle::idle, () ->
        {
            publication.close();
            subscription.close();
            client.close();
            driver.close();
        });
    }

    /**
     * Aeron's: an embedded driver with its defaults (dedicated threads, back-off idling), a client, and a subscriber
     * that idles with Agrona's default back-off strategy.
     *
     * @return the stream.
     */
    static RateShape.Stream aeron()
    {
        final MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/aeron-rate-" + UUID.randomUUID())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final Subscription subscription = aeron.addSubscription("aeron:ipc", STREAM_ID);
        final Publication publication = aeron.addPublication("aeron:ipc", STREAM_ID);
        while (!publication.isConnected() || subscription.imageCount() == 0)
        {
            Thread.yield();
        }
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(LENGTH));
        final BackoffIdleStrategy idle = new BackoffIdleStrategy();
        final LongConsumer[] onMessage = new LongConsumer[1];
        final io.aeron.logbuffer.FragmentHandler handler = (buffer, offset, length,
            header) -> onMessage[0].accept(buffer.getLong(offset));
        return new Paced("aeron ipc publication", sentNanos ->
        {
            message.putLong(0, sentNanos);
            return publication.offer(message, 0, LENGTH);
        }, consumer ->
        {
            onMessage[0] = consumer;
            return subscription.poll(handler, 16);
        }, idle::idle, () ->
        {
            publication.close();
            subscription.close();
            aeron.close();
            driver.close();
        });
    }

    /** One library's stream, from its offer, poll, idle and close. */
    private record Paced(String name, LongUnaryOperator offerer, ToIntFunction<LongConsumer> poller, IntConsumer idler,
        Runnable closer) implements RateShape.Stream
    {
        @Override
        public long offer(final long sentNanos)
        {
            return offerer.applyAsLong(sentNanos);
        }

        @Override
        public int poll(final LongConsumer onMessage)
        {
            return poller.applyAsInt(onMessage);
        }

        @Override
        public void idle(final int workCount)
        {
            idler.accept(workCount);
        }

        @Override
        public void close()
        {
            closer.run();
        }
    }
}
