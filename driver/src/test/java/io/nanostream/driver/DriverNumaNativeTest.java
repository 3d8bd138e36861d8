package io.nanostream.driver;

import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.natives.memory.MappingPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With native access (the native-access execution): a driver told {@code nanostream.numa.bind=0} binds the log of a new
 * publication to node 0, the kernel's /proc/self/numa_maps shows it for the driver's mapping, and the counter says so.
 */
class DriverNumaNativeTest
{
    @BeforeEach
    void requireNativeAccess()
    {
        assumeTrue(Boolean.getBoolean("nanostream.test.native"), "runs in the native-access execution");
    }

    @Test
    void aPublicationsLogIsBoundToTheNodeTheSettingNames() throws Exception
    {
        final DriverContext context = HugePagesTest.embedded();
        context.logStorage().numaBind("0");
        try (MediaDriver driver = MediaDriver.launch(context); NanoStream client = driver.connect();
             Publication publication = client.addPublication("nano:ipc", 7))
        {
            assertThat(FeatureCounters.read(driver.directory())).filteredOn(line -> line.contains(" numa: "))
                .containsExactly("1 numa: on: logs bound to node 0 (nanostream.numa.bind=0)");
            final List<MappingPolicy> logs = MappingPolicy.ofProcess(Path.of("/proc"), ProcessHandle.current().pid(),
                path -> path.startsWith(driver.directory().toString()) && path.endsWith(".logbuffer"));
            assertThat(logs).as("the driver's mapping of the log and the publication's").hasSize(2);
            // the driver binds its mapping; on tmpfs (/dev/shm, the default) the policy belongs to the
            // file, so the client's shows it too
            assertThat(logs).extracting(MappingPolicy::policy).as("policies of " + logs).contains("bind:0");
            assertThat(logs).allSatisfy(log -> assertThat(log.pagesPerNode()).as("pages of " +
                log).containsOnlyKeys(0));
        }
    }
}
