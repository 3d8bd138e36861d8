package io.nanostream.bench.ring;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.ThroughputShape;
import io.nanostream.ring.BatchEventProcessor;
import io.nanostream.ring.BlockingWaitStrategy;
import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.EventFactory;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.ProducerWaitStrategy;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.WaitStrategy;
import io.nanostream.ring.YieldingWaitStrategy;
import io.nanostream.concurrent.Sequence;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The ring shapes of BENCHMARKING.md, built on Nano-Stream's ring. */
public final class NanoRingShapes
{
    private NanoRingShapes()
    {
    }

    /**
     * Builds a throughput shape.
     *
     * @param scenario 1p1c, 3p1c, 1p3c, pipeline or diamond, or one of the last three with "-blocking" (the
     *                 Disruptor's default BlockingWaitStrategy on every consumer).
     * @return the shape, with its consumer threads running.
     */
    public static ThroughputShape throughput(final String scenario)
    {
        return switch (scenario)
        {
            case "1p1c" -> new Topology(1, ProducerType.SINGLE, new BusySpinWaitStrategy(), ProducerWaitStrategy.spin(),
                TopologyRun.UNICAST);
            case "3p1c" -> new Topology(3, ProducerType.MULTI, new YieldingWaitStrategy(),
                ProducerWaitStrategy.yielding(), TopologyRun.UNICAST);
            case "1p3c" -> new Topology(1, ProducerType.SINGLE, new YieldingWaitStrategy(),
                ProducerWaitStrategy.yielding(), TopologyRun.MULTICAST);
            case "pipeline" -> new Topology(1, ProducerType.SINGLE, new YieldingWaitStrategy(),
                ProducerWaitStrategy.yielding(), TopologyRun.PIPELINE);
            case "diamond" -> new Topology(1, ProducerType.SINGLE, new YieldingWaitStrategy(),
                ProducerWaitStrategy.yielding(), TopologyRun.DIAMOND);
            case "1p3c-blocking" -> new Topology(1, ProducerType.SINGLE, new BlockingWaitStrategy(),
                ProducerWaitStrategy.yielding(), TopologyRun.MULTICAST);
            case "pipeline-blocking" -> new Topology(1, ProducerType.SINGLE, new BlockingWaitStrategy(),
                ProducerWaitStrategy.yielding(), TopologyRun.PIPELINE);
            case "diamond-blocking" -> new Topology(1, ProducerType.SINGLE, new BlockingWaitStrategy(),
                ProducerWaitStrategy.yielding(), TopologyRun.DIAMOND);
            default -> throw new IllegalArgumentException("no nano shape " + scenario);
        };
    }

    /**
     * Builds the ping-pong shape: two single-producer rings, busy-spinning processors.
     *
     * @return the shape.
     */
    public static LatencyShape pingPong()
    {
        return new PingPong();
    }

    /** Sums the values it sees and releases a latch at the run's last sequence. */
    static final class SumValue extends TopologyRun.Terminal implements EventHandler<NanoValueEvent>
    {
        @Override
        public void onEvent(final NanoValueEvent event, final long sequence, final boolean endOfBatch)
        {
            sum += event.value;
            reached(sequence);
        }
    }

    /** Pipeline end: sums field b. */
    static final class SumB extends TopologyRun.Terminal implements EventHandler<NanoValueEvent>
    {
        @Override
        public void onEvent(final NanoValueEvent event, final long sequence, final boolean endOfBatch)
        {
            sum += ((NanoStageEvent)event).b;
            reached(sequence);
        }
    }

    /** Diamond end: sums fields a and b. */
    static final class SumAB extends TopologyRun.Terminal implements EventHandler<NanoValueEvent>
    {
        @Override
        public void onEvent(final NanoValueEvent event, final long sequence, final boolean endOfBatch)
        {
            final NanoStageEvent staged = (NanoStageEvent)event;
            sum += staged.a + staged.b;
            reached(sequence);
        }
    }

    private static final class Topology implements ThroughputShape, TopologyRun.Ring
    {
        private final int producers;
        private final int kind;
        private final RingBuffer<NanoValueEvent> ring;
        private final List<BatchEventProcessor<NanoValueEvent>> processors = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final List<TopologyRun.Terminal> terminals = new ArrayList<>();

        Topology(final int producers, final ProducerType type, final WaitStrategy wait,
            final ProducerWaitStrategy producerWait, final int kind)
        {
            this.producers = producers;
            this.kind = kind;
            final EventFactory<NanoValueEvent> factory = kind == TopologyRun.PIPELINE || kind == TopologyRun.DIAMOND ?
                NanoStageEvent::new : NanoValueEvent::new;
            this.ring = RingBuffer.create(type, factory, Checks.RING_SIZE, wait, producerWait);
            switch (kind)
            {
                case TopologyRun.UNICAST, TopologyRun.MULTICAST ->
                {
                    for (int i = 0; i < (kind == TopologyRun.UNICAST ? 1 : 3); i++)
                    {
                        final SumValue handler = new SumValue();
                        terminals.add(handler);
                        add(ring.newBarrier(), handler);
                    }
                }
                case TopologyRun.PIPELINE ->
                {
                    final Sequence first = add(ring.newBarrier(),
                        (event, sequence, end) -> ((NanoStageEvent)event).a = event.value * 3);
                    final Sequence second = add(ring.newBarrier(first),
                        (event, sequence, end) -> ((NanoStageEvent)event).b = ((NanoStageEvent)event).a + 7);
                    final SumB sumB = new SumB();
                    terminals.add(sumB);
                    add(ring.newBarrier(second), sumB);
                }
                case TopologyRun.DIAMOND ->
                {
                    final Sequence left = add(ring.newBarrier(),
                        (event, sequence, end) -> ((NanoStageEvent)event).a = event.value * 3);
                    final Sequence right = add(ring.newBarrier(),
                        (event, sequence, end) -> ((NanoStageEvent)event).b = event.value + 7);
                    final SumAB sumAB = new SumAB();
                    terminals.add(sumAB);
                    add(ring.newBarrier(left, right), sumAB);
                }
                default -> throw new IllegalArgumentException("kind " + kind);
            }
            final List<Sequence> gating = new ArrayList<>();
            gating.add(processors.get(processors.size() - 1).getSequence());
            if (kind == TopologyRun.MULTICAST)
            {
                gating.clear();
                processors.forEach(p -> gating.add(p.getSequence()));
            }
            ring.addGatingSequences(gating.toArray(new Sequence[0]));
            for (final BatchEventProcessor<NanoValueEvent> processor : processors)
            {
                threads.add(Checks.start("nano-consumer", processor));
            }
        }

        private Sequence add(final SequenceBarrier barrier, final EventHandler<NanoValueEvent> handler)
        {
            final BatchEventProcessor<NanoValueEvent> processor = new BatchEventProcessor<>(ring, barrier, handler);
            processors.add(processor);
            return processor.getSequence();
        }

        @Override
        public long run(final long events) throws Exception
        {
            return TopologyRun.run("nano", this, producers, kind, terminals, events);
        }

        @Override
        public long cursor()
        {
            return ring.getCursor();
        }

        @Override
        public void produce(final long count)
        {
            final RingBuffer<NanoValueEvent> ring = this.ring;
            for (long i = 0; i < count; i++)
            {
                final long sequence = ring.next();
                ring.get(sequence).value = i;
                ring.publish(sequence);
            }
        }

        @Override
        public void close() throws Exception
        {
            processors.forEach(BatchEventProcessor::halt);
            for (final Thread thread : threads)
            {
                thread.join();
            }
        }
    }

    private static final class PingPong implements LatencyShape
    {
        private final RingBuffer<NanoValueEvent> pings = RingBuffer.createSingleProducer(NanoValueEvent::new, 1024,
            new BusySpinWaitStrategy());
        private final RingBuffer<NanoValueEvent> pongs = RingBuffer.createSingleProducer(NanoValueEvent::new, 1024,
            new BusySpinWaitStrategy());
        private final Pinger pinger = new Pinger(pings);
        private final BatchEventProcessor<NanoValueEvent> ponger;
        private final BatchEventProcessor<NanoValueEvent> pingerProcessor;
        private final Thread pongerThread;
        private final Thread pingerThread;

        PingPong()
        {
            ponger = new BatchEventProcessor<>(pings, pings.newBarrier(), (event, sequence, end) ->
            {
                final long s = pongs.next();
                pongs.get(s).value = event.value;
                pongs.publish(s);
            });
            pings.addGatingSequences(ponger.getSequence());
            pingerProcessor = new BatchEventProcessor<>(pongs, pongs.newBarrier(), pinger);
            pongs.addGatingSequences(pingerProcessor.getSequence());
            pongerThread = Checks.start("nano-ponger", ponger);
            pingerThread = Checks.start("nano-pinger", pingerProcessor);
        }

        @Override
        public void run(final long iterations, final Histogram histogram) throws Exception
        {
            final CountDownLatch done = new CountDownLatch(1);
            pinger.arm(iterations, histogram, done);
            pinger.ping(0);
            Checks.await(done, "nano ping-pong");
        }

        @Override
        public void close() throws Exception
        {
            ponger.halt();
            pingerProcessor.halt();
            pongerThread.join();
            pingerThread.join();
        }
    }

    private static final class Pinger implements EventHandler<NanoValueEvent>
    {
        private final RingBuffer<NanoValueEvent> pings;
        private long remaining;
        private long sentAt;
        private Histogram histogram;
        private CountDownLatch done;

        Pinger(final RingBuffer<NanoValueEvent> pings)
        {
            this.pings = pings;
        }

        void arm(final long iterations, final Histogram histogram, final CountDownLatch done)
        {
            this.remaining = iterations;
            this.histogram = histogram;
            this.done = done;
        }

        void ping(final long value)
        {
            sentAt = System.nanoTime();
            final long s = pings.next();
            pings.get(s).value = value;
            pings.publish(s);
        }

        @Override
        public void onEvent(final NanoValueEvent event, final long sequence, final boolean endOfBatch)
        {
            histogram.recordValue(System.nanoTime() - sentAt);
            if (--remaining > 0)
            {
                ping(event.value + 1);
            }
            else
            {
                done.countDown();
            }
        }
    }
}
