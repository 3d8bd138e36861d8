package io.nanostream.driver;

import io.nanostream.client.NanoStream;
import io.nanostream.natives.memory.MappingUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With native access (the native-access execution): on a tmpfs mounted with {@code huge=advise}, huge pages come
 * only where {@code madvise(MADV_HUGEPAGE)} asks, so the kernel's account in /proc/self/smaps shows the advice
 * worked, for the driver's mapping of a log and the client's.
 */
class HugePagesNativeTest
{
    private final Path mountPoint = Path.of(System.getProperty("java.io.tmpdir"), "nano-stream-advise-" +
        UUID.randomUUID());
    private final HugePageMounts mounts = new HugePageMounts(mountPoint);

    @AfterEach
    void restore() throws Exception
    {
        mounts.close();
    }

    @Test
    void adviceGivesLogsHugePagesOnATmpfsThatWaitsToBeAsked() throws Exception
    {
        assumeTrue(Boolean.getBoolean("nanostream.test.native"), "runs in the native-access execution");
        final Path dir = mounts.tmpfs("advise", "256m");
        final DriverContext context = HugePagesTest.embedded().ipcTermLength(HugePagesTest.TWO_MB).udpTermLength(HugePagesTest.TWO_MB);
        context.logStorage().directory(dir);
        try (MediaDriver driver = MediaDriver.launch(context); NanoStream client = driver.connect())
        {
            final Path ownLogs = HugePagePlan.ownDirectory(dir, driver.directory());
            assertThat(FeatureCounters.read(driver.directory())).filteredOn(line -> line.contains(HugePagePlan.FEATURE)).containsExactly(
                "1 hugepages: on: tmpfs huge=advise: 2m pages for terms of 2m or more, pre-touched, madvise on; logs in " + ownLogs);
            HugePagesTest.exchange(client, "nano:ipc", 3 * HugePagesTest.TWO_MB);
            final List<MappingUsage> mappings = MappingUsage.ofProcess(Path.of("/proc"), ProcessHandle.current().pid(),
                path -> path.startsWith(ownLogs.toString()));
            assertThat(mappings).as("the driver's mapping of the log, the publication's and the image's").hasSize(3);
            assertThat(mappings).allSatisfy(mapping -> assertThat(mapping.hugeBytes()).as("ShmemPmdMapped of " +
                mapping).isPositive());
        }
    }
}
