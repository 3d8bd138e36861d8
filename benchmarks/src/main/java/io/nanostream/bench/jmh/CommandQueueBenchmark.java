package io.nanostream.bench.jmh;

import io.nanostream.driver.udp.CommandQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What each driver agent pays per duty cycle to look for a command: a poll of an empty queue, the driver's lock-free
 * {@link CommandQueue} against the {@link ArrayBlockingQueue} it replaced (which takes and releases its lock on every
 * poll), and one command handed over and taken, on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommandQueueBenchmark
{
    private static final Object COMMAND = new Object();
    private final CommandQueue<Object> lockFree = new CommandQueue<>("bench", 1024);
    private final ArrayBlockingQueue<Object> locked = new ArrayBlockingQueue<>(1024);

    /** {@return an empty poll of the lock-free queue} */
    @Benchmark
    public Object emptyPollLockFree()
    {
        return lockFree.poll();
    }

    /** {@return an empty poll of the locked queue} */
    @Benchmark
    public Object emptyPollLocked()
    {
        return locked.poll();
    }

    /** {@return one command through the lock-free queue} */
    @Benchmark
    public Object offerPollLockFree()
    {
        lockFree.tryOffer(COMMAND);
        return lockFree.poll();
    }

    /** {@return one command through the locked queue} */
    @Benchmark
    public Object offerPollLocked()
    {
        locked.offer(COMMAND);
        return locked.poll();
    }
}
