package io.nanostream.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The multi-producer ring's availability scan, which finds how far a run of published slots goes: one byte flag
 * per slot read with an acquire each (what {@code MultiProducerSequencer.highestPublished} does), against SWAR,
 * eight flags per plain read of a long, then an acquire fence, compared with the lap repeated in every byte (a
 * byte array's long view supports no acquire read). {@code run} is how many
 * consecutive slots are published from an unaligned start; the scan stops at the first unpublished one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlagScanBenchmark
{
    private static final int SIZE = 4096;
    private static final int PADDING = 128;
    private static final VarHandle FLAG = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final VarHandle EIGHT_FLAGS = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;

    /** Consecutive published slots the scan walks before it stops. */
    @Param({"1", "8", "64", "512"})
    public int run;

    private final byte[] flags = new byte[SIZE + 2 * PADDING];
    private long from;

    /** Publishes {@code run} slots of lap 3 from an unaligned start, and leaves the next one at lap 2. */
    @Setup(Level.Trial)
    public void setUp()
    {
        Arrays.fill(flags, (byte)2);
        from = 3L * SIZE + 5;
        for (long s = from; s < from + run; s++)
        {
            flags[PADDING + ((int)s & (SIZE - 1))] = 3;
        }
    }

    /** {@return the last published slot, one acquire per flag} */
    @Benchmark
    public long bytePerFlag()
    {
        final long limit = from + SIZE - 1;
        long sequence = from;
        while (sequence <= limit && (byte)FLAG.getAcquire(flags, PADDING +
            ((int)sequence & (SIZE - 1))) == (byte)(sequence >>> 12))
        {
            sequence++;
        }
        return sequence - 1;
    }

    /** {@return the last published slot, eight flags per acquire where a whole aligned word is in range} */
    @Benchmark
    public long eightFlagsPerWord()
    {
        final long limit = from + SIZE - 1;
        long sequence = from;
        while (sequence <= limit)
        {
            final int index = PADDING + ((int)sequence & (SIZE - 1));
            final byte lap = (byte)(sequence >>> 12);
            if ((index & 7) == 0 && sequence + 7 <= limit)
            {
                final long word = (long)EIGHT_FLAGS.get(flags,
                    index); // each byte is one a producer stored; tearing between bytes is harmless
                VarHandle.acquireFence(); // events read after the scan are read after the flags that published them
                final long diff = word ^ ((lap & 0xFFL) * ONES);
                if (diff != 0)
                {
                    return sequence + (Long.numberOfTrailingZeros(diff) >>> 3) - 1;
                }
                sequence += 8;
            }
            else if ((byte)FLAG.getAcquire(flags, index) == lap)
            {
                sequence++;
            }
            else
            {
                break;
            }
        }
        return sequence - 1;
    }
}
