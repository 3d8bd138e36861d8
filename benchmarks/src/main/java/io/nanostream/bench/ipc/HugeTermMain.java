package io.nanostream.bench.ipc;

import io.aeron.Aeron;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.NanoStream;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import io.nanostream.natives.memory.MappingUsage;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongPredicate;

/**
 * 1 GiB terms with a subscriber that lags by most of the publication window, logs in huge pages against 4 KiB pages,
 * ours beside Aeron, in one JVM, alternating round by round. The publisher offers 1 KiB messages as fast as it can; the
 * subscriber polls only while it is more than {@value #LAG_MIB} MiB behind (three quarters of the 512 MiB window; the
 * drivers raise a publisher's limit in steps of an eighth of it), so every read lands on memory written hundreds of MiB
 * earlier: out of every cache, and, in 4 KiB pages, out of the TLB. Huge pages: a tmpfs mounted here
 * with {@code huge=always} (needs root; otherwise only the 4 KiB runs are made). 4 KiB pages: {@code /dev/shm}. Each
 * driver fills its logs at creation (ours always does; Aeron is asked to, with sparse files off). After each run the
 * logs' huge pages are read back from {@code /proc/self/smaps}. Run with Aeron's JVM flags:
 * {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED -cp
 * ... HugeTermMain [rounds] [seconds]}.
 */
public final class HugeTermMain
{
    private static final int MESSAGE_LENGTH = 1024;
    private static final long LAG_MIB = 384;
    private static final Path HUGE_MOUNT = Path.of("/tmp/nano-huge-term");

    private HugeTermMain()
    {
    }

    /** One implementation's publication and subscription, reduced to what the loop needs. */
    private interface Stream extends AutoCloseable
    {
        boolean offer(long sequence);

        /** Polls, checking sequence numbers; returns fragments read. */
        int poll();

        /** {@return messages out of order, 0 if none} */
        long problems();

        /** {@return the directory whose files are the logs} */
        Path logDirectory();
    }

    /**
     * Runs the comparison.
     *
     * @param args rounds (default 3) and seconds per measured run (default 4).
     * @throws Exception on a failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        final boolean huge = mountHugeTmpfs();
        try
        {
            System.out.printf(Locale.ROOT, "%-6s %-6s %-5s %12s %10s %12s%n", "round", "impl", "pages", "msgs/s",
                "problems", "huge MiB");
            for (int round = 1; round <= rounds; round++)
            {
                for (final String pages : huge ? new String[] {round % 2 == 1 ? "2m" : "4k", round % 2 == 1 ?
                    "4k" : "2m"} : new String[] {"4k"})
                {
                    for (final String impl : round % 2 == 1 ? new String[] {"nano", "aeron"} : new String[] {"aeron",
                        "nano"})
                    {
                        final Path where = pages.equals("2m") ? HUGE_MOUNT : Path.of("/dev/shm");
                        try (Stream stream = impl.equals("nano") ? nano(where) : aeron(where))
                        {
                            final double rate = measure(stream, seconds);
                            System.out.printf(Locale.ROOT, "%-6d %-6s %-5s %,12.0f %10d %,12d%n", round, impl, pages,
                                rate, stream.problems(), hugeMiB(stream.logDirectory()));
                        }
                    }
                }
            }
        }
        finally
        {
            if (huge)
            {
                new ProcessBuilder("umount", HUGE_MOUNT.toString()).inheritIO().start().waitFor();
            }
        }
    }

    private static double measure(final Stream stream, final int seconds) throws InterruptedException
    {
        final long lagBytes = LAG_MIB << 20;
        final AtomicLong offered = new AtomicLong();
        final AtomicLong consumed = new AtomicLong();
        final long[] window = new long[2];
        final Thread subscriber = new Thread(() ->
        {
            while (!Thread.currentThread().isInterrupted())
            {
                if ((offered.get() - consumed.get()) * MESSAGE_LENGTH > lagBytes)
                {
                    consumed.addAndGet(stream.poll());
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }, "huge-term-subscriber");
        subscriber.start();
        final long warmEnd = System.nanoTime() + 3_000_000_000L;
        final long end = warmEnd + seconds * 1_000_000_000L;
        long sequence = 0;
        boolean measuring = false;
        long now;
        while ((now = System.nanoTime()) < end)
        {
            if (!measuring && now >= warmEnd)
            {
                measuring = true;
                window[0] = consumed.get();
                window[1] = now;
            }
            if (stream.offer(sequence))
            {
                sequence++;
                offered.lazySet(sequence);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        final long read = consumed.get() - window[0];
        if (Boolean.getBoolean("huge.debug"))
        {
            System.out.println("offered " + offered.get() + " consumed " + consumed.get());
        }
        subscriber.interrupt();
        subscriber.join();
        return read * 1e9 / (now - window[1]);
    }

    private static Stream nano(final Path logs) throws IOException
    {
        final Path base = new DriverContext().directory();
        final DriverContext context = new DriverContext().directory(base.resolveSibling(base.getFileName() +
            "-huge-term-" + UUID.randomUUID()))
            .threadingMode(ThreadingMode.SHARED).idleStrategy("backoff");
        if (!logs.equals(Path.of("/dev/shm")))
        {
            context.logStorage().directory(logs);
        }
        final MediaDriver driver = MediaDriver.launch(context);
        final NanoStream client = NanoStream.connect(FailFastClients.context(driver.directory()));
        final io.nanostream.client.Subscription subscription = client.addSubscription("nano:ipc", 10);
        final io.nanostream.client.ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=1g", 10);
        final AtomicBuffer message = AtomicBuffer.wrap(Arena.ofAuto().allocate(MESSAGE_LENGTH, 64));
        final SequenceCheck check = new SequenceCheck();
        final io.nanostream.log.FragmentHandler handler = (buffer, offset, length,
            header) -> check.accept(buffer.getLong(offset));
        return stream(sequence ->
        {
            message.putLong(0, sequence);
            return publication.offer(message, 0, MESSAGE_LENGTH) > 0;
        }, () -> subscription.poll(handler, 64), check, logs, () ->
        {
            publication.close();
            subscription.close();
            client.close();
            driver.close();
        });
    }

    private static Stream aeron(final Path logs)
    {
        final io.aeron.driver.MediaDriver driver = io.aeron.driver.MediaDriver.launchEmbedded(new io.aeron.driver.MediaDriver.Context()
            .aeronDirectoryName(logs.resolve("aeron-huge-term-" + UUID.randomUUID()).toString())
            .threadingMode(io.aeron.driver.ThreadingMode.SHARED)
            .termBufferSparseFile(false)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final io.aeron.Subscription subscription = aeron.addSubscription("aeron:ipc", 10);
        final io.aeron.ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc?term-length=1g", 10);
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(MESSAGE_LENGTH));
        final SequenceCheck check = new SequenceCheck();
        final io.aeron.logbuffer.FragmentHandler handler = (buffer, offset, length,
            header) -> check.accept(buffer.getLong(offset));
        while (!publication.isConnected())
        {
            Thread.onSpinWait();
        }
        return stream(sequence ->
        {
            message.putLong(0, sequence);
            return publication.offer(message, 0, MESSAGE_LENGTH) > 0;
        }, () -> subscription.poll(handler, 64), check, Path.of(driver.aeronDirectoryName()), () ->
        {
            publication.close();
            subscription.close();
            aeron.close();
            driver.close();
        });
    }

    /** Counts messages that arrive out of sequence. */
    private static final class SequenceCheck
    {
        private long next;
        private long problems;

        void accept(final long sequence)
        {
            problems += sequence == next ? 0 : 1;
            next++;
        }
    }

    private static Stream stream(final LongPredicate offer, final IntSupplier poll, final SequenceCheck check,
        final Path logs, final Runnable close)
    {
        return new Stream()
        {
            @Override
            public boolean offer(final long sequence)
            {
                return offer.test(sequence);
            }

            @Override
            public int poll()
            {
                return poll.getAsInt();
            }

            @Override
            public long problems()
            {
                return check.problems;
            }

            @Override
            public Path logDirectory()
            {
                return logs;
            }

            @Override
            public void close()
            {
                close.run();
            }
        };
    }

    /** {@return MiB of this process's mappings under a directory that the kernel backs with huge pages} */
    private static long hugeMiB(final Path directory) throws IOException
    {
        final String prefix = directory.toString();
        long huge = 0;
        for (final MappingUsage mapping : MappingUsage.ofProcess(Path.of("/proc"), ProcessHandle.current().pid(),
            path -> path.startsWith(prefix) && path.endsWith(".logbuffer")))
        {
            huge += mapping.hugeBytes();
        }
        return huge >> 20;
    }

    private static boolean mountHugeTmpfs() throws IOException, InterruptedException
    {
        Files.createDirectories(HUGE_MOUNT);
        final Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8g,huge=always", "none",
            HUGE_MOUNT.toString())
            .inheritIO().start();
        if (mount.waitFor() != 0)
        {
            System.out.println("no huge pages: cannot mount a tmpfs with huge=always at " + HUGE_MOUNT +
                " (needs root); 4k runs only");
            return false;
        }
        return true;
    }
}
