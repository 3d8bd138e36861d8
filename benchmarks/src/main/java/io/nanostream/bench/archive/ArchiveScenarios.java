package io.nanostream.bench.archive;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.ScenarioCatalog;
import io.nanostream.bench.ThroughputShape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The archive scenarios: {@code archive-record-32} and {@code -1k} (messages per second from the publisher's first
 * offer until the recording's counter shows the last one on disk, fsync level 0), {@code archive-record-fsync} (1 KiB
 * messages at fsync level 1), {@code archive-replay-32} and {@code -1k} (messages per second of a finished recording
 * replayed over IPC), {@code archive-merge} (messages behind a UDP live stream caught up per second: a late reader
 * timed from its start until it reads the live stream, against Aeron's ReplayMerge), {@code archive-merge-10m} (the
 * same with the reader 10 M messages behind whatever the run's size), {@code persist-latency-32} (append to read of
 * persisted 32-byte messages in another thread, at 100,000 a second, against Chronicle Queue 5.25ea16). The archive
 * directories go under {@code nanostream.bench.archive.dir} (default /dev/shm); the {@code -disk} scenarios put them
 * under {@code nanostream.bench.archive.disk.dir} (default the temporary directory, on the disk). Aeron Archive runs in
 * a JVM of its own with the flag Agrona needs.
 */
public final class ArchiveScenarios implements ScenarioCatalog
{
    /** The stream recorded; replays go to the streams after it (Aeron Archive's control streams are 10 and 20). */
    static final int RECORDED_STREAM = 1001;
    /** How far behind the reader of archive-merge-10m starts, in messages, whatever the run's size. */
    static final long MERGE_BEHIND = 10_000_000;
    /** Messages per second in the append-to-read latency scenario. */
    static final int PERSIST_RATE = 100_000;

    private ArchiveScenarios()
    {
    }

    /**
     * The catalog.
     *
     * @return the archive scenarios.
     */
    public static ScenarioCatalog catalog()
    {
        return new ArchiveScenarios();
    }

    @Override
    public String transport()
    {
        return "archive";
    }

    @Override
    public List<String> scenarios()
    {
        return List.of("archive-record-32", "archive-record-1k", "archive-record-fsync", "archive-replay-32",
            "archive-replay-1k", "archive-record-1k-disk", "archive-record-fsync-disk", "archive-replay-1k-disk",
            "archive-merge", "archive-merge-10m", "persist-latency-32");
    }

    @Override
    public List<String> quickScenarios()
    {
        return List.of();
    }

    @Override
    public int shapeWarmupMillis(final String scenario)
    {
        return 300;
    }

    @Override
    public List<String> impls(final String scenario)
    {
        return scenario.startsWith("persist") ? List.of("nano", "chronicle") : List.of("nano", "aeron");
    }

    @Override
    public List<String> jvmArgs(final String impl)
    {
        // Aeron Archive 1.47.4 makes its mark file with a null version check that Agrona 2.4 and later refuse: its JVM
        // finds Agrona 2.3.0 first (the boot loader is asked before the class path); the IPC and UDP anchors keep 2.6.0
        return switch (impl)
        {
            case "aeron" -> List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xbootclasspath/a:" +
                anchorAgrona());
            // what Chronicle Queue asks for on a modern JDK (its issues #909, #1105), in its JVM only
            case "chronicle" -> List.of("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
                "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true");
            default -> List.of();
        };
    }

    private static Path anchorAgrona()
    {
        for (final String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        {
            final Path path = Path.of(entry).toAbsolutePath();
            if (path.getParent() != null && path.getFileName().toString().startsWith("nano-stream-benchmarks"))
            {
                return path.getParent().resolve("anchor-lib").resolve("agrona-2.3.0.jar");
            }
        }
        throw new IllegalStateException("the benchmarks jar is not on the class path: run through ./nano-stream bench");
    }

    @Override
    public boolean isLatency(final String scenario)
    {
        return scenario.startsWith("persist");
    }

    @Override
    public ThroughputShape throughput(final String scenario, final String impl)
    {
        final boolean aeron = impl.equals("aeron");
        return switch (scenario)
        {
            case "archive-record-32" -> aeron ? AeronArchiveShapes.record(32, 0, false) : NanoArchiveShapes.record(32,
                0, false);
            case "archive-record-1k" -> aeron ? AeronArchiveShapes.record(1024, 0,
                false) : NanoArchiveShapes.record(1024, 0, false);
            case "archive-record-fsync" -> aeron ? AeronArchiveShapes.record(1024, 1,
                false) : NanoArchiveShapes.record(1024, 1, false);
            case "archive-replay-32" -> aeron ? AeronArchiveShapes.replay(32, false) : NanoArchiveShapes.replay(32,
                false);
            case "archive-replay-1k" -> aeron ? AeronArchiveShapes.replay(1024, false) : NanoArchiveShapes.replay(1024,
                false);
            case "archive-record-1k-disk" -> aeron ? AeronArchiveShapes.record(1024, 0,
                true) : NanoArchiveShapes.record(1024, 0, true);
            case "archive-record-fsync-disk" -> aeron ? AeronArchiveShapes.record(1024, 1,
                true) : NanoArchiveShapes.record(1024, 1, true);
            case "archive-replay-1k-disk" -> aeron ? AeronArchiveShapes.replay(1024,
                true) : NanoArchiveShapes.replay(1024, true);
            case "archive-merge" -> aeron ? new AeronMergeShape(0) : new NanoMergeShape(0);
            case "archive-merge-10m" -> aeron ? new AeronMergeShape(MERGE_BEHIND) : new NanoMergeShape(MERGE_BEHIND);
            default -> throw new IllegalArgumentException("no archive scenario " + scenario);
        };
    }

    @Override
    public LatencyShape latency(final String scenario, final String impl)
    {
        if (!scenario.equals("persist-latency-32"))
        {
            throw new IllegalArgumentException("no archive latency scenario " + scenario);
        }
        try
        {
            return impl.equals("chronicle") ?
                new ChroniclePersistLatency(PERSIST_RATE) : new NanoPersistLatency(PERSIST_RATE);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A new directory for one implementation's archive, under {@code nanostream.bench.archive.dir}. */
    static Path archiveDirectory(final String impl)
    {
        return archiveDirectory(impl, false);
    }

    /**
     * A new directory for one implementation's archive: under {@code nanostream.bench.archive.dir} (default /dev/shm),
     * or, on the disk, under {@code nanostream.bench.archive.disk.dir} (default the JVM's temporary directory).
     */
    static Path archiveDirectory(final String impl, final boolean onDisk)
    {
        final Path parent = onDisk ? Path.of(System.getProperty("nanostream.bench.archive.disk.dir",
            System.getProperty("java.io.tmpdir"))) : Path.of(System.getProperty("nanostream.bench.archive.dir",
            "/dev/shm"));
        return parent.resolve("nano-stream-bench-archive-" + impl + "-" + UUID.randomUUID());
    }

    /** A UDP port free on the loopback now. */
    static int freePort()
    {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Deletes a benchmark's archive directory and what is in it. */
    static void deleteQuietly(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + directory + ": " + ex.getMessage(), ex);
        }
    }
}
