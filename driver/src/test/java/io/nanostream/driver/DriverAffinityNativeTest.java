package io.nanostream.driver;

import io.nanostream.natives.affinity.CpuSet;
import io.nanostream.natives.affinity.ThreadPlacement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With native access (the native-access execution): the agents pin themselves, the kernel
 * shows it, and the counter says so.
 */
class DriverAffinityNativeTest
{
    private final int last = PlacementSpec.usableCpus().highest();

    @BeforeEach
    void requireNativeAccess()
    {
        assumeTrue(Boolean.getBoolean("nanostream.test.native"), "runs in the native-access execution");
        assertThat(DriverAffinityNativeTest.class.getModule().isNativeAccessEnabled()).isTrue();
    }

    @Test
    void dedicatedAgentsRunWhereTheSettingSays() throws Exception
    {
        final DriverContext context = new DriverContext().directory(directory()).affinity("conductor=0,sender=" + last +
            ",receiver=0," + last);
        try (MediaDriver driver = MediaDriver.launch(context))
        {
            assertThat(ThreadPlacement.ofThisProcess("nano-stream-conductor").allowed()).isEqualTo(CpuSet.of(0));
            assertThat(ThreadPlacement.ofThisProcess("nano-stream-sender").allowed()).isEqualTo(CpuSet.of(last));
            assertThat(ThreadPlacement.ofThisProcess("nano-stream-receiver").allowed()).isEqualTo(CpuSet.of(0, last));
            assertThat(FeatureCounters.read(driver.directory())).filteredOn(line -> line.contains(" affinity: ")).containsExactly(
                "1 affinity: on: conductor->cpu0, sender->cpu" + last + ", receiver->cpu" + CpuSet.of(0, last));
        }
    }

    @Test
    void anAgentWithoutCpusRunsUnpinnedAndSharedModePinsItsOneThread() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(directory()).affinity("sender=" +
            last)))
        {
            assertThat(FeatureCounters.read(driver.directory())).filteredOn(line -> line.contains(" affinity: ")).containsExactly(
                "1 affinity: on: conductor unpinned, sender->cpu" + last + ", receiver unpinned");
        }
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(directory()).threadingMode(ThreadingMode.SHARED)
            .affinity("conductor=" + last)))
        {
            assertThat(ThreadPlacement.ofThisProcess("[nano-stream-conductor").allowed()).isEqualTo(CpuSet.of(last));
            assertThat(FeatureCounters.read(driver.directory())).filteredOn(line -> line.contains(" affinity: "))
                .containsExactly("1 affinity: on: shared thread->cpu" + last);
        }
    }

    private static Path directory()
    {
        final Path base = new DriverContext().directory();
        return base.resolveSibling(base.getFileName() + "-affinity-" + UUID.randomUUID());
    }
}
