package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ConcurrentPublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.natives.memory.MappingUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Logs on huge page file systems, set up as root (skipped with the commands otherwise): a tmpfs mounted with
 * {@code huge=always} and hugetlbfs. The kernel's own account in /proc/self/smaps is what is checked.
 */
class HugePagesTest
{
    static final int TWO_MB = 2 * 1024 * 1024;
    private final Path mountPoint = Path.of(System.getProperty("java.io.tmpdir"), "nano-stream-huge-" +
        UUID.randomUUID());
    private final HugePageMounts mounts = new HugePageMounts(mountPoint);

    @AfterEach
    void restore() throws Exception
    {
        mounts.close();
    }

    @Test
    void conclusionNamesALogDirectoryThatIsNotThere()
    {
        final DriverContext context = new DriverContext();
        context.logStorage().directory(mountPoint);
        assertThatThrownBy(context::conclude).hasMessageContaining(DriverProperties.LOG_DIR.name() + "=" + mountPoint +
            " is not a directory; " + "create or mount it first");
    }

    @Test
    void logsOnATmpfsWithHugeAlwaysSitInHugePages() throws Exception
    {
        final Path dir = mounts.tmpfs("always", "256m");
        final DriverContext refused = new DriverContext().ipcTermLength(64 * 1024);
        refused.logStorage().directory(dir);
        assertThatThrownBy(refused::conclude).hasMessageContaining(DriverProperties.IPC_TERM_LENGTH.name() +
            "=65536 does not fill whole huge pages: " + DriverProperties.LOG_DIR.name() + "=" + dir +
            " is tmpfs huge=always with 2m pages").hasMessageContaining("at least 2m")
            .hasMessageNotContaining(DriverProperties.UDP_TERM_LENGTH.name());
        final Path foreign = Files.writeString(dir.resolve("foreign.logbuffer"), "not the driver's");

        final DriverContext context = embedded().ipcTermLength(TWO_MB).udpTermLength(TWO_MB);
        context.logStorage().directory(dir);
        final Path ownLogs;
        try (MediaDriver driver = MediaDriver.launch(context); NanoStream client = driver.connect())
        {
            ownLogs = HugePagePlan.ownDirectory(dir, driver.directory());
            assertThat(FeatureCounters.read(driver.directory())).filteredOn(line -> line.contains(HugePagePlan.FEATURE)).containsExactly(
                "1 hugepages: on: tmpfs huge=always: 2m pages for terms of 2m or more, pre-touched, madvise " +
                (io.nanostream.natives.memory.HugePageAdvice.unavailableReason() == null ? "on" : "off") + "; logs in " + ownLogs);
            exchange(client, "nano:ipc", 3 * TWO_MB);
            final String udp = "nano:udp?endpoint=localhost:" + UdpTransfer.freePort();
            exchange(client, udp, TWO_MB);
            try (Subscription subscription = client.addSubscription(udp,
                12); ConcurrentPublication publication = client.addPublication(udp, 12))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (subscription.imageCount() == 0 && System.nanoTime() < deadline)
                {
                    Thread.onSpinWait();
                }
                assertThat(subscription.images()).singleElement().satisfies(image -> assertThat(logs(ownLogs)).anyMatch(log ->
                    log.getFileName().toString().equals("image-" + image.correlationId() + ".logbuffer")));
            }
            try (ConcurrentPublication small = client.addPublication("nano:ipc?term-length=64k", 11))
            {
                // a term under a huge page still fits a tmpfs (in 4 KiB pages); the UDP
                // publication's and image's logs are here too
                assertThat(logs(ownLogs)).hasSizeGreaterThanOrEqualTo(3);
            }
            final List<MappingUsage> mappings = MappingUsage.ofProcess(Path.of("/proc"), ProcessHandle.current().pid(),
                path -> path.startsWith(ownLogs.toString())).stream().filter(mapping -> mapping.sizeBytes() == 4L * TWO_MB).toList();
            assertThat(mappings).as("3 terms and a metadata huge page: the IPC log's and UDP logs' mappings").hasSizeGreaterThanOrEqualTo(2);
            assertThat(mappings).allSatisfy(log -> assertThat(log.hugeBytes()).as("ShmemPmdMapped of " +
                log).isPositive());
            assertThat(Files.readString(Path.of("/proc/meminfo"))).containsPattern("ShmemHugePages: +[1-9]");
        }
        assertThat(ownLogs).doesNotExist();
        assertThat(foreign).exists();
        assertThat(dir).isDirectory();
    }

    @Test
    void logsOnHugetlbfsAreMadeWithoutWriteAndMappedInHugePages() throws Exception
    {
        final Path dir = mounts.hugetlbfs(32);
        final DriverContext context = embedded().ipcTermLength(TWO_MB).udpTermLength(TWO_MB);
        context.logStorage().directory(dir);
        try (MediaDriver driver = MediaDriver.launch(context); NanoStream client = driver.connect())
        {
            final Path ownLogs = HugePagePlan.ownDirectory(dir, driver.directory());
            assertThat(FeatureCounters.read(driver.directory())).filteredOn(line -> line.contains(HugePagePlan.FEATURE)).containsExactly(
                "1 hugepages: on: hugetlbfs: 2m pages for terms of 2m or more, pre-touched; logs in " + ownLogs);
            exchange(client, "nano:ipc",
                3 * TWO_MB); // its log's 3 terms and metadata page, all touched: see its mapping below
            try (ConcurrentPublication small = client.addPublication("nano:ipc?term-length=64k", 11))
            {
                // hugetlbfs cannot hold a term under a huge page: that log stays in the driver directory
                assertThat(logs(ownLogs)).hasSize(1);
                assertThat(logs(driver.directory().resolve("publications"))).hasSize(1);
            }
            final MappingUsage log = MappingUsage.ofProcess(Path.of("/proc"), ProcessHandle.current().pid(),
                path -> path.startsWith(ownLogs.toString())).getFirst();
            assertThat(log.kernelPageSize()).isEqualTo(TWO_MB);
            assertThat(log.sizeBytes()).isEqualTo(4L * TWO_MB);
            assertThat(log.hugeBytes()).isEqualTo(4L * TWO_MB);
        }
        // the pool's free count is the machine's, shared with anyone: what this driver held is gone
        // from its mount and its mappings
        assertThat(logs(dir)).isEmpty();
        assertThat(MappingUsage.ofProcess(Path.of("/proc"), ProcessHandle.current().pid(),
            path -> path.startsWith(dir.toString()))).isEmpty();
    }

    @Test
    void withoutNativeAccessATmpfsThatWaitsForAdviceGetsNoHugePagesAndTheCounterSaysWhy() throws Exception
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.nanostream.natives.memory.HugePageAdvice.unavailableReason() != null,
            "native access is enabled here");
        final Path dir = mounts.tmpfs("advise", "64m");
        final DriverContext context = embedded();
        context.logStorage().directory(dir);
        try (MediaDriver driver = MediaDriver.launch(context.ipcTermLength(TWO_MB)); NanoStream client = driver.connect())
        {
            exchange(client, "nano:ipc", TWO_MB);
            final Path ownLogs = HugePagePlan.ownDirectory(dir, driver.directory());
            assertThat(MappingUsage.ofProcess(Path.of("/proc"), ProcessHandle.current().pid(),
                path -> path.startsWith(ownLogs.toString())))
                .isNotEmpty().allSatisfy(mapping -> assertThat(mapping.hugeBytes()).isZero()); // the kernel agrees: no advice, no huge pages
            assertThat(FeatureCounters.read(driver.directory())).filteredOn(line -> line.contains(HugePagePlan.FEATURE)).containsExactly(
                "0 hugepages: off: tmpfs huge=advise needs madvise: native access is not enabled for the class path; add " +
                "--enable-native-access=ALL-UNNAMED; logs in " + HugePagePlan.ownDirectory(dir, driver.directory()));
        }
    }

    static DriverContext embedded()
    {
        final Path base = new DriverContext().directory();
        return new DriverContext().directory(base.resolveSibling(base.getFileName() + "-" + UUID.randomUUID()));
    }

    static List<Path> logs(final Path directory) throws Exception
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> file.toString().endsWith(".logbuffer")).toList();
        }
    }

    /**
     * Sends messages of 1000 bytes, numbered, through a channel until a number of bytes has
     * gone, and checks each arrives.
     */
    static void exchange(final NanoStream client, final String channel, final long bytes)
    {
        try (Subscription subscription = client.addSubscription(channel, 10);
             ConcurrentPublication publication = client.addPublication(channel, 10))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(1000);
            final long count = bytes / 1024;
            final long[] next = {0};
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (long sent = 0; sent < count; )
            {
                message.putLong(0, sent);
                if (publication.offer(message, 0, 1000) > 0)
                {
                    sent++;
                }
                subscription.poll((buffer, offset, length,
                    header) -> assertThat(buffer.getLong(offset)).isEqualTo(next[0]++), 100);
                assertThat(System.nanoTime()).as("exchange timed out").isLessThan(deadline);
            }
            while (next[0] < count)
            {
                subscription.poll((buffer, offset, length,
                    header) -> assertThat(buffer.getLong(offset)).isEqualTo(next[0]++), 100);
                assertThat(System.nanoTime()).as("exchange timed out").isLessThan(deadline);
            }
        }
    }
}
