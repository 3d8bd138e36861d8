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
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.LongConsumer;

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
        final Path base = new DriverContext().directory();
        final io.nanostream.driver.MediaDriver driver = io.nanostream.driver.MediaDriver.launch(new DriverContext()
            .directory(base.resolveSibling(base.getFileName() + "-rate-" + UUID.randomUUID())));
        final NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
        final io.nanostream.client.Subscription subscription = client.addSubscription("nano:ipc", STREAM_ID);
        final io.nanostream.client.Publication publication = client.addPublication("nano:ipc", STREAM_ID);
        while (!publication.isConnected() || subscription.imageCount() == 0)
        {
            Thread.yield();
        }
        final AtomicBuffer message = AtomicBuffer.allocateDirect(LENGTH);
        final IdleStrategy idle = IdleStrategies.byName("backoff");
        return new RateShape.Stream()
        {
            private LongConsumer onMessage;
            private final io.nanostream.log.FragmentHandler handler = (buffer, offset, length, header) ->
                onMessage.accept(buffer.getLong(offset));

            @Override
            public long offer(final long sentNanos)
            {
                message.putLong(0, sentNanos);
                return publication.offer(message, 0, LENGTH);
            }

            @Override
            public int poll(final LongConsumer onMessage)
            {
                this.onMessage = onMessage;
                return subscription.poll(handler, 16);
            }

            @Override
            public void idle(final int workCount)
            {
                idle.idle(workCount);
            }

            @Override
            public String name()
            {
                return "nano ipc publication";
            }

            @Override
            public void close()
            {
                publication.close();
                subscription.close();
                client.close();
                driver.close();
            }
        };
    }

    /**
     * Aeron's: an embedded driver with its defaults (dedicated threads, back-off idling), a client, and a subscriber that
     * idles with Agrona's default back-off strategy.
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
        return new RateShape.Stream()
        {
            private LongConsumer onMessage;
            private final io.aeron.logbuffer.FragmentHandler handler = (buffer, offset, length, header) ->
                onMessage.accept(buffer.getLong(offset));

            @Override
            public long offer(final long sentNanos)
            {
                message.putLong(0, sentNanos);
                return publication.offer(message, 0, LENGTH);
            }

            @Override
            public int poll(final LongConsumer onMessage)
            {
                this.onMessage = onMessage;
                return subscription.poll(handler, 16);
            }

            @Override
            public void idle(final int workCount)
            {
                idle.idle(workCount);
            }

            @Override
            public String name()
            {
                return "aeron ipc publication";
            }

            @Override
            public void close()
            {
                publication.close();
                subscription.close();
                aeron.close();
                driver.close();
            }
        };
    }
}
