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
            case "1p1c" -> new Topology(1, ProducerType.SINGLE, new BusySpinWaitStrategy(), ProducerWaitStrategy.spin(), Topology.UNICAST);
            case "3p1c" -> new Topology(3, ProducerType.MULTI, new YieldingWaitStrategy(), ProducerWaitStrategy.yielding(), Topology.UNICAST);
            case "1p3c" -> new Topology(1, ProducerType.SINGLE, new YieldingWaitStrategy(), ProducerWaitStrategy.yielding(), Topology.MULTICAST);
            case "pipeline" -> new Topology(1, ProducerType.SINGLE, new YieldingWaitStrategy(), ProducerWaitStrategy.yielding(), Topology.PIPELINE);
            case "diamond" -> new Topology(1, ProducerType.SINGLE, new YieldingWaitStrategy(), ProducerWaitStrategy.yielding(), Topology.DIAMOND);
            case "1p3c-blocking" -> new Topology(1, ProducerType.SINGLE, new BlockingWaitStrategy(), ProducerWaitStrategy.yielding(), Topology.MULTICAST);
            case "pipeline-blocking" -> new Topology(1, ProducerType.SINGLE, new BlockingWaitStrategy(), ProducerWaitStrategy.yielding(), Topology.PIPELINE);
            case "diamond-blocking" -> new Topology(1, ProducerType.SINGLE, new BlockingWaitStrategy(), ProducerWaitStrategy.yielding(), Topology.DIAMOND);
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
    static final class SumValue implements EventHandler<NanoValueEvent>
    {
        long sum;
        long target = -2;
        CountDownLatch latch;

        @Override
        public void onEvent(final NanoValueEvent event, final long sequence, final boolean endOfBatch)
        {
            sum += event.value;
            if (sequence == target)
            {
                latch.countDown();
            }
        }
    }

    /** Pipeline end: sums field b. */
    static final class SumB implements EventHandler<NanoValueEvent>
    {
        long sum;
        long target = -2;
        CountDownLatch latch;

        @Override
        public void onEvent(final NanoValueEvent event, final long sequence, final boolean endOfBatch)
        {
            sum += ((NanoStageEvent)event).b;
            if (sequence == target)
            {
                latch.countDown();
            }
        }
    }

    /** Diamond end: sums fields a and b. */
    static final class SumAB implements EventHandler<NanoValueEvent>
    {
        long sum;
        long target = -2;
        CountDownLatch latch;

        @Override
        public void onEvent(final NanoValueEvent event, final long sequence, final boolean endOfBatch)
        {
            final NanoStageEvent staged = (NanoStageEvent)event;
            sum += staged.a + staged.b;
            if (sequence == target)
            {
                latch.countDown();
            }
        }
    }

    private static final class Topology implements ThroughputShape
    {
        static final int UNICAST = 0;
        static final int MULTICAST = 1;
        static final int PIPELINE = 2;
        static final int DIAMOND = 3;

        private final int producers;
        private final int kind;
        private final RingBuffer<NanoValueEvent> ring;
        private final List<BatchEventProcessor<NanoValueEvent>> processors = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final List<SumValue> sumValues = new ArrayList<>();
        private SumB sumB;
        private SumAB sumAB;

        Topology(final int producers, final ProducerType type, final WaitStrategy wait, final ProducerWaitStrategy producerWait, final int kind)
        {
            this.producers = producers;
            this.kind = kind;
            final EventFactory<NanoValueEvent> factory = kind == PIPELINE || kind == DIAMOND ? NanoStageEvent::new : NanoValueEvent::new;
            this.ring = RingBuffer.create(type, factory, Checks.RING_SIZE, wait, producerWait);
            switch (kind)
            {
                case UNICAST, MULTICAST ->
                {
                    for (int i = 0; i < (kind == UNICAST ? 1 : 3); i++)
                    {
                        final SumValue handler = new SumValue();
                        sumValues.add(handler);
                        add(ring.newBarrier(), handler);
                    }
                }
                case PIPELINE ->
                {
                    final Sequence first = add(ring.newBarrier(), (event, sequence, end) -> ((NanoStageEvent)event).a = event.value * 3);
                    final Sequence second = add(ring.newBarrier(first), (event, sequence, end) -> ((NanoStageEvent)event).b = ((NanoStageEvent)event).a + 7);
                    sumB = new SumB();
                    add(ring.newBarrier(second), sumB);
                }
                case DIAMOND ->
                {
                    final Sequence left = add(ring.newBarrier(), (event, sequence, end) -> ((NanoStageEvent)event).a = event.value * 3);
                    final Sequence right = add(ring.newBarrier(), (event, sequence, end) -> ((NanoStageEvent)event).b = event.value + 7);
                    sumAB = new SumAB();
                    add(ring.newBarrier(left, right), sumAB);
                }
                default -> throw new IllegalArgumentException("kind " + kind);
            }
            final List<Sequence> gating = new ArrayList<>();
            gating.add(processors.get(processors.size() - 1).getSequence());
            if (kind == MULTICAST)
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
            final long perProducer = events / producers;
            final long total = perProducer * producers;
            final long last = ring.getCursor() + total;
            final int terminals = kind == MULTICAST ? 3 : 1;
            final CountDownLatch done = new CountDownLatch(terminals);
            final long[] before = new long[terminals];
            for (int i = 0; i < terminals; i++)
            {
                before[i] = arm(i, last, done);
            }
            final long start;
            if (producers == 1)
            {
                start = System.nanoTime();
                produce(perProducer);
            }
            else
            {
                final CountDownLatch go = new CountDownLatch(1);
                for (int p = 0; p < producers; p++)
                {
                    Checks.start("nano-producer", () ->
                    {
                        try
                        {
                            go.await();
                        }
                        catch (final InterruptedException ex)
                        {
                            return;
                        }
                        produce(perProducer);
                    });
                }
                start = System.nanoTime();
                go.countDown();
            }
            Checks.await(done, "nano consumers");
            final long elapsed = System.nanoTime() - start;
            final long perProducerSum = Checks.sumBelow(perProducer);
            for (int i = 0; i < terminals; i++)
            {
                final long expected = switch (kind)
                {
                    case PIPELINE -> 3 * perProducerSum * producers + 7 * total;
                    case DIAMOND -> 4 * perProducerSum * producers + 7 * total;
                    default -> perProducerSum * producers;
                };
                Checks.expect("nano sum of consumer " + i, expected, sumOf(i) - before[i]);
            }
            return elapsed;
        }

        private long arm(final int terminal, final long last, final CountDownLatch done)
        {
            switch (kind)
            {
                case PIPELINE ->
                {
                    sumB.target = last;
                    sumB.latch = done;
                    return sumB.sum;
                }
                case DIAMOND ->
                {
                    sumAB.target = last;
                    sumAB.latch = done;
                    return sumAB.sum;
                }
                default ->
                {
                    final SumValue handler = sumValues.get(terminal);
                    handler.target = last;
                    handler.latch = done;
                    return handler.sum;
                }
            }
        }

        private long sumOf(final int terminal)
        {
            return switch (kind)
            {
                case PIPELINE -> sumB.sum;
                case DIAMOND -> sumAB.sum;
                default -> sumValues.get(terminal).sum;
            };
        }

        private void produce(final long count)
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
        private final RingBuffer<NanoValueEvent> pings = RingBuffer.createSingleProducer(NanoValueEvent::new, 1024, new BusySpinWaitStrategy());
        private final RingBuffer<NanoValueEvent> pongs = RingBuffer.createSingleProducer(NanoValueEvent::new, 1024, new BusySpinWaitStrategy());
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
