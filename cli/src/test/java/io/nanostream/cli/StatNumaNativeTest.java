package io.nanostream.cli;

import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With native access (the native-access execution): {@code stat} shows a log bound to node 0, read back from numa_maps.
 */
class StatNumaNativeTest
{
    @Test
    void statShowsEachLogsNumaPolicy()
    {
        assumeTrue(Boolean.getBoolean("nanostream.test.native"), "runs in the native-access execution");
        final Path base = new DriverContext().directory();
        final DriverContext context = new DriverContext().directory(base.resolveSibling(base.getFileName() + "-" +
            UUID.randomUUID()));
        context.logStorage().numaBind("0");
        try (MediaDriver driver = MediaDriver.launch(context); NanoStream client = driver.connect();
             Publication publication = client.addPublication("nano:ipc", 5))
        {
            final String stat = CliOutput.run("stat", "--dir", driver.directory().toString(), "--once", "--interval-ms",
                "10");
            assertThat(stat).containsPattern("feature +- +1 +numa: on: logs bound to node 0 \\(nanostream.numa.bind=0\\)")
                .containsPattern("%  bind:0 +" + driver.directory() + "/publications/\\d+\\.logbuffer");
        }
    }

}
