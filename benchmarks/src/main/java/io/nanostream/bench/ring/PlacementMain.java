package io.nanostream.bench.ring;

import io.nanostream.concurrent.Sequence;
import io.nanostream.natives.affinity.Affinity;
import io.nanostream.natives.affinity.CpuSet;
import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;

import java.util.Arrays;

/**
 * Where threads run, measured: ring 1P1C throughput and a two-ring ping-pong, unpinned, pinned to CPUs 0 and 1,
 * and both pinned to CPU 0, alternating in one JVM (so the ratios share a launch). Needs native access:
 * {@code java --enable-native-access=ALL-UNNAMED -cp
 * "benchmarks/target/nano-stream-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
 * io.nanostream.bench.ring.PlacementMain}. Figures in BENCHMARKS.md.
 */
public final class PlacementMain
{
    private PlacementMain()
    {
    }

    /** One event: a long. */
    static final class E
    {
        long v;
    }

    /**
     * Runs three rounds of the three placements.
     *
     * @param args none.
     * @throws Exception if a thread fails.
     */
    public static void main(final String[] args) throws Exception
    {
        System.out.println("affinity: " + (Affinity.isAvailable() ? "available" : Affinity.unavailableReason()));
        final String[] modes = {"unpinned", "cross 0/1", "same 0/0"};
        for (int round = 0; round < 3; round++)
        {
            for (final String mode : modes)
            {
                final CpuSet a = mode.startsWith("cross") || mode.startsWith("same") ? CpuSet.of(0) : null;
                final CpuSet b = mode.startsWith("cross") ? CpuSet.of(1) : mode.startsWith("same") ?
                    CpuSet.of(0) : null;
                final double tput = throughput(a, b);
                final long[] rtt = mode.startsWith("same") ? new long[] {-1, -1} : pingPong(a,
                    b); // spinning on one CPU: a slice per hop
                System.out.printf("round %d %-10s 1p1c %6.1f M/s  pingpong p50 %6d ns p99 %7d ns%n", round, mode,
                tput / 1e6, rtt[0], rtt[1]);
            }
        }
    }

    static Thread start(final CpuSet cpus, final Runnable body)
    {
        final Thread t = new Thread(() ->
        {
            if (cpus != null)
            {
                Affinity.pinCurrentThread(cpus);
            }
            body.run();
        });
        t.start();
        return t;
    }

    static double throughput(final CpuSet producerCpus, final CpuSet consumerCpus) throws Exception
    {
        final RingBuffer<E> ring = RingBuffer.createSingleProducer(E::new, 1 << 14, new BusySpinWaitStrategy());
        final Sequence consumed = new Sequence();
        ring.addGatingSequences(consumed);
        final SequenceBarrier barrier = ring.newBarrier();
        final long n = 50_000_000L;
        final Thread consumer = start(consumerCpus, () ->
        {
            long next = 0;
            long sum = 0;
            try
            {
                while (next < n)
                {
                    final long available = barrier.waitFor(next);
                    for (long s = next; s <= available; s++)
                    {
                        sum += ring.get(s).v;
                    }
                    consumed.set(available);
                    next = available + 1;
                }
            }
            catch (final Exception ex)
            {
                throw new RuntimeException(ex);
            }
            if (sum == 42)
            {
                System.out.println(); // keeps the reads
            }
        });
        final long[] t = new long[2];
        final Thread producer = start(producerCpus, () ->
        {
            t[0] = System.nanoTime();
            for (long i = 0; i < n; i++)
            {
                final long s = ring.next();
                ring.get(s).v = i;
                ring.publish(s);
            }
        });
        producer.join();
        consumer.join();
        t[1] = System.nanoTime();
        return n * 1e9 / (t[1] - t[0]);
    }

    static long[] pingPong(final CpuSet pingCpus, final CpuSet pongCpus) throws Exception
    {
        final RingBuffer<E> ping = RingBuffer.createSingleProducer(E::new, 1024, new BusySpinWaitStrategy());
        final RingBuffer<E> pong = RingBuffer.createSingleProducer(E::new, 1024, new BusySpinWaitStrategy());
        final Sequence pingRead = new Sequence();
        final Sequence pongRead = new Sequence();
        ping.addGatingSequences(pingRead);
        pong.addGatingSequences(pongRead);
        final SequenceBarrier pingBarrier = ping.newBarrier();
        final SequenceBarrier pongBarrier = pong.newBarrier();
        final int n = 200_000;
        final Thread ponger = start(pongCpus, () ->
        {
            try
            {
                for (long s = 0; s < n; s++)
                {
                    pingBarrier.waitFor(s);
                    pingRead.set(s);
                    final long p = pong.next();
                    pong.get(p).v = s;
                    pong.publish(p);
                }
            }
            catch (final Exception ex)
            {
                throw new RuntimeException(ex);
            }
        });
        final long[] rtts = new long[n];
        final Thread pinger = start(pingCpus, () ->
        {
            try
            {
                for (long s = 0; s < n; s++)
                {
                    final long t0 = System.nanoTime();
                    final long p = ping.next();
                    ping.get(p).v = s;
                    ping.publish(p);
                    pongBarrier.waitFor(s);
                    pongRead.set(s);
                    rtts[(int)s] = System.nanoTime() - t0;
                }
            }
            catch (final Exception ex)
            {
                throw new RuntimeException(ex);
            }
        });
        pinger.join();
        ponger.join();
        final long[] measured = Arrays.copyOfRange(rtts, n / 2, n);
        Arrays.sort(measured);
        return new long[] {measured[measured.length / 2], measured[(int)(measured.length * 0.99)]};
    }
}
