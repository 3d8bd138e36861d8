package io.nanostream.bench.ipc;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.OfferResult;
import io.nanostream.bench.ThroughputShape;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.CountersReader;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.CounterTypes;
import io.nanostream.driver.MediaDriver;
import io.nanostream.log.FragmentHandler;
import org.HdrHistogram.Histogram;

import java.lang.foreign.Arena;
import java.util.List;

/** The IPC shapes with the subscriber (or ponger) in another JVM: the publisher's side is measured. */
public final class NanoIpcTwoProcessShapes
{
    private NanoIpcTwoProcessShapes()
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
        private final MediaDriver driver = NanoIpcShapes.launchDriver();
        private final NanoStream client = NanoStream.connect(FailFastClients.context(driver.directory()));
        private final ExclusivePublication publication = client.addExclusivePublication(NanoIpcShapes.CHANNEL, 10);
        private final AtomicBuffer message = AtomicBuffer.wrap(Arena.ofAuto().allocate(1024, 64));
        private final ChildJvm child;
        private final int subscriberCounter;
        private long sent;

        Throughput(final int messageLength)
        {
            this.messageLength = messageLength;
            this.child = new ChildJvm(List.of(), NanoIpcChild.class, "subscriber", driver.directory().toString());
            while (!publication.isConnected())
            {
                Thread.onSpinWait();
            }
            this.subscriberCounter = subscriberCounter(client.counters(), 10);
        }

        @Override
        public long run(final long events)
        {
            final long begin = System.nanoTime();
            for (long i = 0; i < events; i++)
            {
                message.putLong(0, sent++);
                while (OfferResult.retry(publication.offer(message, 0, messageLength), "nano publication"))
                {
                    Thread.onSpinWait();
                }
            }
            final long end = publication.position();
            while (client.counters().value(subscriberCounter) < end)
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
            client.close();
            driver.close();
        }
    }

    static int subscriberCounter(final CountersReader counters, final int streamId)
    {
        final int[] found = {-1};
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (found[0] < 0 && System.nanoTime() < deadline)
        {
            counters.forEach((id, type, label, value) ->
            {
                if (type == CounterTypes.SUBSCRIBER_POSITION && counters.streamId(id) == streamId)
                {
                    found[0] = id;
                }
            });
        }
        if (found[0] < 0)
        {
            throw new IllegalStateException("no subscriber position counter for stream " + streamId);
        }
        return found[0];
    }

    private static final class PingPong implements LatencyShape
    {
        private final MediaDriver driver = NanoIpcShapes.launchDriver();
        private final NanoStream client = NanoStream.connect(FailFastClients.context(driver.directory()));
        private final ExclusivePublication pings = client.addExclusivePublication(NanoIpcShapes.CHANNEL, 20);
        private final Subscription pongSubscription = client.addSubscription("nano:ipc", 21);
        private final AtomicBuffer message = AtomicBuffer.wrap(Arena.ofAuto().allocate(64, 64));
        private final ChildJvm child;

        PingPong()
        {
            child = new ChildJvm(List.of(), NanoIpcChild.class, "ponger", driver.directory().toString());
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
                while (OfferResult.retry(pings.offer(message, 0, 32), "nano pings"))
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
            client.close();
            driver.close();
        }
    }
}
