package io.nanostream.bench.ipc;

import io.nanostream.bench.LatencyShape;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A publisher paced at a fixed rate over IPC, and a subscriber on a thread of its own: each message carries the time of
 * its offer, and the subscriber records the time from offer to poll. Both sides, and the driver, run with their
 * library's defaults (dedicated driver threads, back-off idling), as a user who changes nothing would run them. Beside
 * the latencies it measures the CPU time every thread of the process but the pacing one used during the run (the
 * driver's, the client's and the subscriber's: {@link ThreadMXBean}, the per-thread clocks {@code /proc} reports).
 */
public final class RateShape implements LatencyShape
{
    /**
     * Ours over a UDP channel on loopback at a fixed rate, with data frames dropped at random on receive if asked: the
     * latency a paced stream sees through loss (for {@code reliable=false}, what skipping gaps costs).
     *
     * @param publicationChannel  the publication's channel.
     * @param subscriptionChannel the subscription's channel.
     * @param lossRate            the share of data frames dropped, 0 for none.
     * @param messagesPerSecond   the rate.
     * @return the shape.
     */
    public static LatencyShape nanoUdp(
        final String publicationChannel, final String subscriptionChannel, final double lossRate,
        final int messagesPerSecond)
    {
        final RateShape shape = new RateShape(RateStreams.nano(publicationChannel, subscriptionChannel, lossRate),
            messagesPerSecond);
        shape.missingAllowed = lossRate > 0 ?
            Math.max(0.01, 3 * lossRate) : 0; // a lost message never arrives on an unreliable stream
        return shape;
    }

    /** One library's side of the shape. */
    interface Stream extends AutoCloseable
    {
        /**
         * Offers one message carrying a time.
         *
         * @param sentNanos the time of the offer.
         * @return the offer's result: positive on success.
         */
        long offer(long sentNanos);

        /**
         * Polls for messages (subscriber thread), handing each one's time to the consumer.
         *
         * @param onMessage takes each message's offer time.
         * @return messages read.
         */
        int poll(java.util.function.LongConsumer onMessage);

        /**
         * Idles the subscriber after a poll, as the library's default idle strategy does.
         *
         * @param workCount what the poll read.
         */
        void idle(int workCount);

        /** {@return the publication's description, for errors} */
        String name();
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Stream stream;
    private final long intervalNanos;
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Histogram recording;
    private volatile boolean running = true;
    private final Thread subscriber;
    private double cpuMillisPerSecond = Double.NaN;
    /** The share of a run's messages that may never arrive (lost on a {@code reliable=false} stream); 0 on others. */
    private double missingAllowed;
    private String cpuByThread = "";

    RateShape(final Stream stream, final int messagesPerSecond)
    {
        this.stream = stream;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / messagesPerSecond;
        this.subscriber = new Thread(this::subscribe, "rate-subscriber");
        subscriber.start();
    }

    private void subscribe()
    {
        try
        {
            while (running)
            {
                final int read = stream.poll(sentNanos ->
                {
                    final long latency = System.nanoTime() - sentNanos;
                    final Histogram histogram = recording;
                    if (histogram != null)
                    {
                        histogram.recordValue(Math.max(0, latency));
                    }
                    received.incrementAndGet();
                });
                stream.idle(read);
            }
        }
        catch (final Throwable ex)
        {
            failure.set(ex);
        }
    }

    @Override
    public void run(final long iterations, final Histogram histogram) throws Exception
    {
        final Histogram run = new Histogram(60_000_000_000L, 3);
        recording = run;
        final long before = received.get();
        final java.util.Map<String, Long> threadsBefore = cpuByThreadName();
        final long cpuBefore = cpuOfOtherThreads();
        final long start = System.nanoTime();
        for (long i = 0; i < iterations; i++)
        {
            final long due = start + i * intervalNanos;
            long now;
            while ((now = System.nanoTime()) < due)
            {
                if (due - now > 60_000)
                {
                    LockSupport.parkNanos(due - now - 50_000); // the pacing thread sleeps: its CPU is not counted anyway
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            long result;
            while ((result = stream.offer(System.nanoTime())) < 0)
            {
                io.nanostream.bench.OfferResult.retry(result, stream.name());
                Thread.onSpinWait();
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        final long expected = iterations - (long)(iterations * missingAllowed);
        while (received.get() < before + expected)
        {
            if (failure.get() != null)
            {
                throw new IllegalStateException("the subscriber failed", failure.get());
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("only " + (received.get() - before) + " of " + iterations +
                    " messages arrived within 30 s");
            }
            Thread.yield();
        }
        if (missingAllowed > 0)
        {
            Thread.sleep(100); // the stragglers of an unreliable stream, before the run's histogram closes
        }
        final long elapsed = System.nanoTime() - start;
        cpuMillisPerSecond = (cpuOfOtherThreads() - cpuBefore) / 1e6 / (elapsed / 1e9);
        final java.util.Map<String, Long> threadsAfter = cpuByThreadName();
        final StringBuilder text = new StringBuilder();
        threadsAfter.entrySet().stream()
            .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
            .filter(e -> e.getValue() > 0)
            .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
            .forEach(e -> text.append(text.isEmpty() ? "" : ";").append(e.getKey()).append('=')
                .append(String.format(java.util.Locale.ROOT, "%.0f", e.getValue() / 1e6 / (elapsed / 1e9))));
        cpuByThread = text.toString();
        recording = null;
        histogram.add(run);
    }

    @Override
    public double cpuMillisPerSecond()
    {
        return cpuMillisPerSecond;
    }

    @Override
    public String cpuByThread()
    {
        return cpuByThread;
    }

    /** CPU time of every live thread but this one, by thread name (threads of one name summed), in ns. */
    private static java.util.Map<String, Long> cpuByThreadName()
    {
        final long self = Thread.currentThread().threadId();
        final java.util.Map<String, Long> byName = new java.util.HashMap<>();
        for (final java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds()))
        {
            if (info != null && info.getThreadId() != self)
            {
                byName.merge(info.getThreadName(), Math.max(0, THREADS.getThreadCpuTime(info.getThreadId())),
                    Long::sum);
            }
        }
        return byName;
    }

    /** CPU time of every live thread but this one (the pacing publisher), in ns. */
    private static long cpuOfOtherThreads()
    {
        final long self = Thread.currentThread().threadId();
        long total = 0;
        for (final long id : THREADS.getAllThreadIds())
        {
            if (id != self)
            {
                total += Math.max(0, THREADS.getThreadCpuTime(id));
            }
        }
        return total;
    }

    @Override
    public void close() throws Exception
    {
        running = false;
        subscriber.join();
        stream.close();
    }
}
