package io.nanostream.bench.ring;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.ThroughputShape;
import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The ring shapes of BENCHMARKING.md, built on the LMAX Disruptor 4.0.0 (the anchor), mirroring {@link NanoRingShapes}.
 */
public final class DisruptorShapes
{
    private DisruptorShapes()
    {
    }

    /**
     * Builds a throughput shape.
     *
     * @param scenario 1p1c, 3p1c, 1p3c, pipeline or diamond, or one of the last three with "-blocking".
     * @return the shape, with its consumer threads running.
     */
    public static ThroughputShape throughput(final String scenario)
    {
        return switch (scenario)
        {
            case "1p1c" -> new Topology(1, ProducerType.SINGLE, new BusySpinWaitStrategy(), TopologyRun.UNICAST);
            case "3p1c" -> new Topology(3, ProducerType.MULTI, new YieldingWaitStrategy(), TopologyRun.UNICAST);
            case "1p3c" -> new Topology(1, ProducerType.SINGLE, new YieldingWaitStrategy(), TopologyRun.MULTICAST);
            case "pipeline" -> new Topology(1, ProducerType.SINGLE, new YieldingWaitStrategy(), TopologyRun.PIPELINE);
            case "diamond" -> new Topology(1, ProducerType.SINGLE, new YieldingWaitStrategy(), TopologyRun.DIAMOND);
            case "1p3c-blocking" -> new Topology(1, ProducerType.SINGLE, new BlockingWaitStrategy(),
                TopologyRun.MULTICAST);
            case "pipeline-blocking" -> new Topology(1, ProducerType.SINGLE, new BlockingWaitStrategy(),
                TopologyRun.PIPELINE);
            case "diamond-blocking" -> new Topology(1, ProducerType.SINGLE, new BlockingWaitStrategy(),
                TopologyRun.DIAMOND);
            default -> throw new IllegalArgumentException("no disruptor shape " + scenario);
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
    static final class SumValue extends TopologyRun.Terminal implements EventHandler<ValueEvent>
    {
        @Override
        public void onEvent(final ValueEvent event, final long sequence, final boolean endOfBatch)
        {
            sum += event.value;
            reached(sequence);
        }
    }

    /** Pipeline end: sums field b. */
    static final class SumB extends TopologyRun.Terminal implements EventHandler<ValueEvent>
    {
        @Override
        public void onEvent(final ValueEvent event, final long sequence, final boolean endOfBatch)
        {
            sum += ((StageEvent)event).b;
            reached(sequence);
        }
    }

    /** Diamond end: sums fields a and b. */
    static final class SumAB extends TopologyRun.Terminal implements EventHandler<ValueEvent>
    {
        @Override
        public void onEvent(final ValueEvent event, final long sequence, final boolean endOfBatch)
        {
            final StageEvent staged = (StageEvent)event;
            sum += staged.a + staged.b;
            reached(sequence);
        }
    }

    private static final class Topology implements ThroughputShape, TopologyRun.Ring
    {
        private final int producers;
        private final int kind;
        private final RingBuffer<ValueEvent> ring;
        private final List<BatchEventProcessor<ValueEvent>> processors = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final List<TopologyRun.Terminal> terminals = new ArrayList<>();

        Topology(final int producers, final ProducerType type, final WaitStrategy wait, final int kind)
        {
            this.producers = producers;
            this.kind = kind;
            final EventFactory<ValueEvent> factory = kind == TopologyRun.PIPELINE || kind == TopologyRun.DIAMOND ?
                StageEvent::new : ValueEvent::new;
            this.ring = RingBuffer.create(type, factory, Checks.RING_SIZE, wait);
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
                    final Sequence first = add(ring.newBarrier(), (ValueEvent event, long sequence,
                        boolean end) -> ((StageEvent)event).a = event.value * 3);
                    final Sequence second = add(ring.newBarrier(first), (ValueEvent event, long sequence,
                        boolean end) -> ((StageEvent)event).b = ((StageEvent)event).a + 7);
                    final SumB sumB = new SumB();
                    terminals.add(sumB);
                    add(ring.newBarrier(second), sumB);
                }
                case TopologyRun.DIAMOND ->
                {
                    final Sequence left = add(ring.newBarrier(), (ValueEvent event, long sequence,
                        boolean end) -> ((StageEvent)event).a = event.value * 3);
                    final Sequence right = add(ring.newBarrier(), (ValueEvent event, long sequence,
                        boolean end) -> ((StageEvent)event).b = event.value + 7);
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
            for (final BatchEventProcessor<ValueEvent> processor : processors)
            {
                threads.add(Checks.start("disruptor-consumer", processor));
            }
        }

        private Sequence add(final SequenceBarrier barrier, final EventHandler<? super ValueEvent> handler)
        {
            final BatchEventProcessor<ValueEvent> processor = new BatchEventProcessorBuilder().build(ring, barrier,
                handler);
            processors.add(processor);
            return processor.getSequence();
        }

        @Override
        public long run(final long events) throws Exception
        {
            return TopologyRun.run("disruptor", this, producers, kind, terminals, events);
        }

        @Override
        public long cursor()
        {
            return ring.getCursor();
        }

        @Override
        public void produce(final long count)
        {
            final RingBuffer<ValueEvent> ring = this.ring;
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
        private final RingBuffer<ValueEvent> pings = RingBuffer.createSingleProducer(ValueEvent::new, 1024,
            new BusySpinWaitStrategy());
        private final RingBuffer<ValueEvent> pongs = RingBuffer.createSingleProducer(ValueEvent::new, 1024,
            new BusySpinWaitStrategy());
        private final Pinger pinger = new Pinger(pings);
        private final BatchEventProcessor<ValueEvent> ponger;
        private final BatchEventProcessor<ValueEvent> pingerProcessor;
        private final Thread pongerThread;
        private final Thread pingerThread;

        PingPong()
        {
            ponger = new BatchEventProcessorBuilder().build(pings, pings.newBarrier(), (ValueEvent event, long sequence,
                boolean end) ->
            {
                final long s = pongs.next();
                pongs.get(s).value = event.value;
                pongs.publish(s);
            });
            pings.addGatingSequences(ponger.getSequence());
            pingerProcessor = new BatchEventProcessorBuilder().build(pongs, pongs.newBarrier(), pinger);
            pongs.addGatingSequences(pingerProcessor.getSequence());
            pongerThread = Checks.start("disruptor-ponger", ponger);
            pingerThread = Checks.start("disruptor-pinger", pingerProcessor);
        }

        @Override
        public void run(final long iterations, final Histogram histogram) throws Exception
        {
            final CountDownLatch done = new CountDownLatch(1);
            pinger.arm(iterations, histogram, done);
            pinger.ping(0);
            Checks.await(done, "disruptor ping-pong");
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

    private static final class Pinger implements EventHandler<ValueEvent>
    {
        private final RingBuffer<ValueEvent> pings;
        private long remaining;
        private long sentAt;
        private Histogram histogram;
        private CountDownLatch done;

        Pinger(final RingBuffer<ValueEvent> pings)
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
        public void onEvent(final ValueEvent event, final long sequence, final boolean endOfBatch)
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
