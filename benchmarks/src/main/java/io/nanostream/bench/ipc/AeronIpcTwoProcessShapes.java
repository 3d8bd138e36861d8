package io.nanostream.bench.ipc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.FragmentHandler;
import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.OfferResult;
import io.nanostream.bench.ThroughputShape;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteBuffer;
import java.util.List;

/** Aeron's side of the two-process IPC shapes, mirroring {@link NanoIpcTwoProcessShapes}. */
public final class AeronIpcTwoProcessShapes
{
    /** Aeron's type id of a subscriber position counter. */
    private static final int SUBSCRIBER_POSITION_TYPE_ID = 4;
    private static final List<String> FLAGS = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED");

    private AeronIpcTwoProcessShapes()
    {
    }

    /**
     * Throughput to a subscriber in another process.
     *
     * @param messageLength bytes per message.
     * @return the shape.
     */
    public static ThroughputShape throughput(final int messageLength)
    {
        return new Throughput(messageLength);
    }

    /**
     * Round trip to a ponger in another process.
     *
     * @return the shape.
     */
    public static LatencyShape pingPong()
    {
        return new PingPong();
    }

    private static final class Throughput implements ThroughputShape
    {
        private final int messageLength;
        private final MediaDriver driver = AeronIpcShapes.launchDriver();
        private final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        private final ExclusivePublication publication = aeron.addExclusivePublication(AeronIpcShapes.CHANNEL, 10);
        private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        private final ChildJvm child;
        private final int subscriberCounter;
        private long sent;

        Throughput(final int messageLength)
        {
            this.messageLength = messageLength;
            this.child = new ChildJvm(FLAGS, AeronIpcChild.class, "subscriber", driver.aeronDirectoryName());
            while (!publication.isConnected())
            {
                Thread.onSpinWait();
            }
            this.subscriberCounter = subscriberCounter(aeron.countersReader(), 10);
        }

        @Override
        public long run(final long events)
        {
            final long begin = System.nanoTime();
            for (long i = 0; i < events; i++)
            {
                message.putLong(0, sent++);
                while (OfferResult.retry(publication.offer(message, 0, messageLength), "aeron publication"))
                {
                    Thread.onSpinWait();
                }
            }
            final long end = publication.position();
            while (aeron.countersReader().getCounterValue(subscriberCounter) < end)
            {
                if (!child.isAlive())
                {
                    throw new IllegalStateException("the subscriber process died");
                }
                Thread.onSpinWait();
            }
            return System.nanoTime() - begin;
        }

        @Override
        public void close() throws Exception
        {
            child.close();
            aeron.close();
            driver.close();
        }
    }

    static int subscriberCounter(final CountersReader counters, final int streamId)
    {
        final int[] found = {-1};
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (found[0] < 0 && System.nanoTime() < deadline)
        {
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                if (typeId == SUBSCRIBER_POSITION_TYPE_ID && keyBuffer.getInt(12) == streamId)
                {
                    found[0] = counterId;
                }
            });
        }
        if (found[0] < 0)
        {
            throw new IllegalStateException("no Aeron subscriber position counter for stream " + streamId);
        }
        return found[0];
    }

    private static final class PingPong implements LatencyShape
    {
        private final MediaDriver driver = AeronIpcShapes.launchDriver();
        private final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        private final ExclusivePublication pings = aeron.addExclusivePublication(AeronIpcShapes.CHANNEL, 20);
        private final Subscription pongSubscription = aeron.addSubscription("aeron:ipc", 21);
        private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        private final ChildJvm child;

        PingPong()
        {
            child = new ChildJvm(FLAGS, AeronIpcChild.class, "ponger", driver.aeronDirectoryName());
            while (!pings.isConnected() || pongSubscription.imageCount() == 0)
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
                while (OfferResult.retry(pings.offer(message, 0, 32), "aeron pings"))
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
            child.close();
            aeron.close();
            driver.close();
        }
    }
}
