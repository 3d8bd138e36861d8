package io.nanostream.cli;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.concurrent.IdleStrategies;
import io.nanostream.concurrent.IdleStrategy;
import io.nanostream.log.FragmentHandler;

import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code nano-stream ping}: sends timestamped messages on one channel, waits for each to come back from
 * {@code nano-stream pong} on another, and prints round-trip percentiles. Both talk to a running media
 * driver (one per machine: {@code nano-stream driver}).
 */
@Command(name = "ping", mixinStandardHelpOptions = true,
    description = "Measures round trips to a 'nano-stream pong' through running media drivers; prints RTT percentiles.")
public final class PingCommand implements Callable<Integer>
{
    @Option(names = "--idle", defaultValue = "yield",
        description = "How to wait: spin (many cores), yield (default: leaves the driver a core on small machines), sleep, backoff.")
    private String idle;

    @Option(names = "--dir",
        description = "Driver directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Option(names = "--ping-channel", defaultValue = "nano:udp?endpoint=localhost:20123",
        description = "Where pings go (default ${DEFAULT-VALUE}).")
    private String pingChannel;

    @Option(names = "--pong-channel", defaultValue = "nano:udp?endpoint=localhost:20124",
        description = "Where pongs come back (default ${DEFAULT-VALUE}).")
    private String pongChannel;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
        description = "How long to wait for a pong to connect, and for each answer, before giving up (default ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--messages", defaultValue = "100000",
        description = "Measured round trips (default ${DEFAULT-VALUE}).")
    private long messages;

    @Option(names = "--warmup", defaultValue = "20000",
        description = "Unmeasured round trips first (default ${DEFAULT-VALUE}).")
    private long warmup;

    @Option(names = "--length", defaultValue = "32",
        description = "Message length in bytes, at least 8 (default ${DEFAULT-VALUE}).")
    private int length;

    private IdleStrategy idler;

    private void check(final NanoStream client, final long deadline, final long roundTrip)
    {
        if (client.isClosed())
        {
            throw new IllegalStateException("the media driver went away after " + roundTrip +
                " round trips; start it again with: nano-stream driver");
        }
        if (System.nanoTime() > deadline)
        {
            throw new IllegalStateException("round trip " + roundTrip + " got no answer within " + timeout.toMillis() +
                " ms (--timeout): is 'nano-stream pong' still running?");
        }
    }

    @Override
    public Integer call() throws Exception
    {
        if (length < 8)
        {
            throw new IllegalArgumentException("--length must be at least 8 bytes (the timestamp), was " + length);
        }
        final ClientContext context = new ClientContext().connectTimeout(timeout);
        if (directory != null)
        {
            context.directory(directory);
        }
        try (NanoStream client = NanoStream.connect(context);
             Subscription pongs = client.addSubscription(pongChannel, PongCommand.PONG_STREAM);
             ExclusivePublication pings = client.addExclusivePublication(pingChannel, PongCommand.PING_STREAM))
        {
            System.err.println("waiting for a pong on " + pingChannel + " -> " + pongChannel + " ...");
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (!pings.isConnected() || pongs.imageCount() == 0)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("no pong connected within " + timeout.toMillis() +
                        " ms (--timeout): start " + "'nano-stream pong' with the same channels (" + pingChannel +
                        " -> " + pongChannel + ")");
                }
                Thread.sleep(10);
            }
            idler = IdleStrategies.byName(idle);
            final AtomicBuffer message = AtomicBuffer.wrap(Arena.ofAuto().allocate(Math.max(64, length), 64));
            final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            run(client, pings, pongs, message, warmup, new Histogram(TimeUnit.SECONDS.toNanos(10), 3));
            run(client, pings, pongs, message, messages, histogram);
            System.out.printf(Locale.ROOT,
                "%d round trips of %d bytes: p50 %,d ns  p90 %,d ns  p99 %,d ns  p99.9 %,d ns  max %,d ns%n",
                histogram.getTotalCount(), length, histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
        }
        return 0;
    }

    /** Round trips; gives up with a clear error if the driver goes away or the pong stops answering for 10 s. */
    private void run(
        final NanoStream client, final ExclusivePublication pings, final Subscription pongs, final AtomicBuffer message,
        final long count, final Histogram histogram)
    {
        final FragmentHandler record = (buffer, offset, messageLength, header) ->
            histogram.recordValue(Math.max(0, System.nanoTime() - buffer.getLong(offset)));
        for (long i = 0; i < count; i++)
        {
            message.putLong(0, System.nanoTime());
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (pings.offer(message, 0, length) < 0)
            {
                check(client, deadline, i);
                idler.idle();
            }
            while (pongs.poll(record, 1) == 0)
            {
                check(client, deadline, i);
                idler.idle();
            }
            idler.reset();
        }
    }
}
