package io.nanostream.bench.ring;

import io.nanostream.bench.LatencyShape;
import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.EventPoller;
import io.nanostream.ring.RingBuffer;
import org.HdrHistogram.Histogram;

/**
 * The round trip with no processor threads, built the way the JCTools shape is: the measuring thread
 * publishes a ping and polls for the pong itself, and one ponger thread polls and echoes. Rings are
 * read through their event pollers (ours and the Disruptor's), so all three implementations do the
 * same work on the same two threads; {@code pingpong} keeps the processor-based shape for the
 * Disruptor comparison.
 */
public final class PollPingPongShapes
{
    private static final int RING_SIZE = 1024;

    private PollPingPongShapes()
    {
    }

    /**
     * The shape on Nano-Stream's ring.
     *
     * @return the shape.
     */
    public static LatencyShape nano()
    {
        final RingBuffer<NanoValueEvent> pings = RingBuffer.createSingleProducer(NanoValueEvent::new, RING_SIZE,
            new BusySpinWaitStrategy());
        final RingBuffer<NanoValueEvent> pongs = RingBuffer.createSingleProducer(NanoValueEvent::new, RING_SIZE,
            new BusySpinWaitStrategy());
        final EventPoller<NanoValueEvent> pingPoller = pings.newPoller();
        pings.addGatingSequences(pingPoller.getSequence());
        final EventPoller<NanoValueEvent> pongPoller = pongs.newPoller();
        pongs.addGatingSequences(pongPoller.getSequence());
        final long[] echoed = {-1};
        final EventPoller.Handler<NanoValueEvent> echo = (event, sequence, end) ->
        {
            final long s = pongs.next();
            pongs.get(s).value = event.value;
            pongs.publish(s);
            return true;
        };
        final EventPoller.Handler<NanoValueEvent> receive = (event, sequence, end) ->
        {
            echoed[0] = event.value;
            return true;
        };
        return new Shape("nano-poll-ponger", () ->
        {
            try
            {
                if (pingPoller.poll(echo) != EventPoller.PollState.PROCESSING)
                {
                    Thread.onSpinWait();
                }
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }, value ->
        {
            final long s = pings.next();
            pings.get(s).value = value;
            pings.publish(s);
        }, value ->
        {
            try
            {
                while (pongPoller.poll(receive) != EventPoller.PollState.PROCESSING)
                {
                    Thread.onSpinWait();
                }
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
            return echoed[0];
        });
    }

    /**
     * The shape on the LMAX Disruptor.
     *
     * @return the shape.
     */
    public static LatencyShape disruptor()
    {
        final com.lmax.disruptor.RingBuffer<ValueEvent> pings =
            com.lmax.disruptor.RingBuffer.createSingleProducer(ValueEvent::new, RING_SIZE,
            new com.lmax.disruptor.BusySpinWaitStrategy());
        final com.lmax.disruptor.RingBuffer<ValueEvent> pongs =
            com.lmax.disruptor.RingBuffer.createSingleProducer(ValueEvent::new, RING_SIZE,
            new com.lmax.disruptor.BusySpinWaitStrategy());
        final com.lmax.disruptor.EventPoller<ValueEvent> pingPoller = pings.newPoller();
        pings.addGatingSequences(pingPoller.getSequence());
        final com.lmax.disruptor.EventPoller<ValueEvent> pongPoller = pongs.newPoller();
        pongs.addGatingSequences(pongPoller.getSequence());
        final long[] echoed = {-1};
        final com.lmax.disruptor.EventPoller.Handler<ValueEvent> echo = (event, sequence, end) ->
        {
            final long s = pongs.next();
            pongs.get(s).value = event.value;
            pongs.publish(s);
            return true;
        };
        final com.lmax.disruptor.EventPoller.Handler<ValueEvent> receive = (event, sequence, end) ->
        {
            echoed[0] = event.value;
            return true;
        };
        return new Shape("disruptor-poll-ponger", () ->
        {
            try
            {
                if (pingPoller.poll(echo) != com.lmax.disruptor.EventPoller.PollState.PROCESSING)
                {
                    Thread.onSpinWait();
                }
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }, value ->
        {
            final long s = pings.next();
            pings.get(s).value = value;
            pings.publish(s);
        }, value ->
        {
            try
            {
                while (pongPoller.poll(receive) != com.lmax.disruptor.EventPoller.PollState.PROCESSING)
                {
                    Thread.onSpinWait();
                }
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
            return echoed[0];
        });
    }

    /** One ponger thread running a step until closed; the measuring thread sends and awaits the echo. */
    private static final class Shape implements LatencyShape
    {
        private final Thread ponger;
        private final java.util.function.LongConsumer send;
        private final java.util.function.LongUnaryOperator await;
        private volatile boolean running = true;

        Shape(final String name, final Runnable pongStep, final java.util.function.LongConsumer send,
            final java.util.function.LongUnaryOperator await)
        {
            this.send = send;
            this.await = await;
            this.ponger = Checks.start(name, () ->
            {
                while (running)
                {
                    pongStep.run();
                }
            });
        }

        @Override
        public void run(final long iterations, final Histogram histogram)
        {
            for (long i = 0; i < iterations; i++)
            {
                final long sentAt = System.nanoTime();
                send.accept(i);
                final long echoed = await.applyAsLong(i);
                histogram.recordValue(System.nanoTime() - sentAt);
                if (echoed != i)
                {
                    throw new IllegalStateException("ping " + i + " came back as " + echoed);
                }
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
