package io.nanostream.bench.jmh;

import io.nanostream.bench.ring.ValueEvent;
import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The instruction cost of each side of a ring, without a second thread: one invocation publishes a
 * whole ring's worth of events, then consumes them. Ours and the Disruptor's side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RingSingleThreadBenchmark
{
    private static final int SIZE = 4096;

    @Param({"nano", "disruptor"})
    public String impl;

    private RingBuffer<ValueEvent> ring;
    private Sequence consumer;
    private SequenceBarrier barrier;
    private com.lmax.disruptor.RingBuffer<ValueEvent> disruptor;
    private com.lmax.disruptor.Sequence disruptorConsumer;
    private com.lmax.disruptor.SequenceBarrier disruptorBarrier;

    /** Creates both rings. */
    @Setup(Level.Trial)
    public void setUp()
    {
        ring = RingBuffer.createSingleProducer(ValueEvent::new, SIZE, new BusySpinWaitStrategy());
        consumer = new Sequence();
        ring.addGatingSequences(consumer);
        barrier = ring.newBarrier();
        disruptor = com.lmax.disruptor.RingBuffer.createSingleProducer(ValueEvent::new, SIZE,
            new com.lmax.disruptor.BusySpinWaitStrategy());
        disruptorConsumer = new com.lmax.disruptor.Sequence();
        disruptor.addGatingSequences(disruptorConsumer);
        disruptorBarrier = disruptor.newBarrier();
    }

    /**
     * Publishes one ring's worth of events, claiming and publishing each.
     *
     * @return the last sequence.
     */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public long produce()
    {
        long last = 0;
        if ("nano".equals(impl))
        {
            final RingBuffer<ValueEvent> ring = this.ring;
            for (int i = 0; i < SIZE; i++)
            {
                final long s = ring.next();
                ring.get(s).value = i;
                ring.publish(s);
            }
            last = ring.getCursor();
            consumer.set(last);
        }
        else
        {
            final com.lmax.disruptor.RingBuffer<ValueEvent> ring = this.disruptor;
            for (int i = 0; i < SIZE; i++)
            {
                final long s = ring.next();
                ring.get(s).value = i;
                ring.publish(s);
            }
            last = ring.getCursor();
            disruptorConsumer.set(last);
        }
        return last;
    }

    /**
     * Publishes a ring's worth in one claim, then consumes it with one barrier wait.
     *
     * @return the sum of the values consumed.
     * @throws Exception never.
     */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public long consume() throws Exception
    {
        long sum = 0;
        if ("nano".equals(impl))
        {
            final long hi = ring.next(SIZE);
            ring.publish(hi - SIZE + 1, hi);
            final long next = consumer.get() + 1;
            final long available = barrier.waitFor(next);
            for (long s = next; s <= available; s++)
            {
                sum += ring.get(s).value;
            }
            consumer.set(available);
        }
        else
        {
            final long hi = disruptor.next(SIZE);
            disruptor.publish(hi - SIZE + 1, hi);
            final long next = disruptorConsumer.get() + 1;
            final long available = disruptorBarrier.waitFor(next);
            for (long s = next; s <= available; s++)
            {
                sum += disruptor.get(s).value;
            }
            disruptorConsumer.set(available);
        }
        return sum;
    }
}
