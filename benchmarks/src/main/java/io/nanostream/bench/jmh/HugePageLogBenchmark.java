package io.nanostream.bench.jmh;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.MappedFile;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;
import io.nanostream.natives.memory.MappingUsage;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Random access across many large logs, in huge pages against 4 KiB pages: what a driver with many publications,
 * or a subscriber lagging by most of a term, does to the TLB. {@code huge}: the logs sit on a tmpfs mounted with
 * {@code huge=always} (mounted here; needs root), laid out in 2 MiB pages and touched as the driver does; otherwise
 * on {@code /dev/shm} (tmpfs, no huge pages), written through as today. Each operation reads one frame-aligned long
 * of a pseudo-random log and offset and writes it back incremented. The setup prints the kernel's count of the
 * mappings' huge pages (from /proc/self/smaps), so a run shows that it measured what it says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HugePageLogBenchmark
{
    private static final int HUGE_PAGE = 2 * 1024 * 1024;

    /** Whether the logs are in huge pages. */
    @Param({"true", "false"})
    public boolean huge;

    /** How many logs. */
    @Param({"8"})
    public int logs;

    /** Each log's term length in MiB (three terms per log). */
    @Param({"32"})
    public int termMiB;

    private Path directory;
    private boolean mounted;
    private LogBuffers[] logBuffers;
    private AtomicBuffer[] terms;
    private int termMask;
    private long seed = 0x9E37_79B9_7F4A_7C15L;

    /** Mounts (for huge pages) and creates the logs. */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        final int termLength = termMiB << 20;
        termMask = termLength - 1;
        directory = Files.createTempDirectory(Path.of("/dev/shm"), "nano-stream-hugebench-");
        if (huge)
        {
            final String command = "mount -t tmpfs -o size=" + (logs * (3L * termMiB + 2) + 16) +
                "m,huge=always none " + directory;
            final Process mount = new ProcessBuilder(command.split(" ")).inheritIO().start();
            if (mount.waitFor() != 0)
            {
                throw new IllegalStateException("cannot mount a huge tmpfs; run as root, or run: " + command);
            }
            mounted = true;
        }
        logBuffers = new LogBuffers[logs];
        terms = new AtomicBuffer[logs * LogLayout.PARTITION_COUNT];
        for (int i = 0; i < logs; i++)
        {
            final Path file = directory.resolve(i + ".logbuffer");
            logBuffers[i] = huge ?
                LogBuffers.create(MappedFile.createTouched(file, LogLayout.logLength(termLength, HUGE_PAGE), HUGE_PAGE,
                segment -> { }, () -> { }),
                    termLength, HUGE_PAGE, 1408, 0, i, 1, i) :
                LogBuffers.create(file, termLength, LogLayout.PAGE_SIZE, 1408, 0, i, 1, i, true);
            for (int t = 0; t < LogLayout.PARTITION_COUNT; t++)
            {
                terms[i * LogLayout.PARTITION_COUNT + t] = logBuffers[i].term(t);
            }
        }
        long size = 0;
        long inHuge = 0;
        for (final MappingUsage mapping : MappingUsage.ofProcess(Path.of("/proc"), ProcessHandle.current().pid(),
            path -> path.startsWith(directory.toString())))
        {
            size += mapping.sizeBytes();
            inHuge += mapping.hugeBytes();
        }
        System.out.printf("%n%d logs, %d MiB mapped, %d MiB in huge pages (smaps)%n", logs, size >> 20, inHuge >> 20);
    }

    /** Unmaps and deletes the logs, and unmounts. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        for (final LogBuffers log : logBuffers)
        {
            final Path path = log.path();
            log.close();
            Files.deleteIfExists(path);
        }
        if (mounted)
        {
            new ProcessBuilder("umount", directory.toString()).inheritIO().start().waitFor();
        }
        Files.deleteIfExists(directory);
    }

    /**
     * Reads and writes one long at a pseudo-random frame of a pseudo-random term.
     *
     * @return the value read.
     */
    @Benchmark
    public long randomFrameAcrossLogs()
    {
        long x = seed;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        seed = x;
        final AtomicBuffer term = terms[(int)((x >>> 40) % terms.length)];
        final int offset = (int)x & termMask & ~31;
        final long value = term.getLong(offset);
        term.putLong(offset, value + 1);
        return value;
    }
}
