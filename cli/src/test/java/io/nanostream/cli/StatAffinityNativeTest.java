package io.nanostream.cli;

import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.natives.affinity.CpuTopology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** With native access (the native-access execution), as under ./nano-stream: stat shows the pins the agents made. */
class StatAffinityNativeTest
{
    @BeforeEach
    void requireNativeAccess()
    {
        assumeTrue(Boolean.getBoolean("nanostream.test.native"), "runs in the native-access execution");
    }

    @Test
    void statShowsAffinityOnAndEachAgentsAllowedCpus() throws Exception
    {
        final int last = CpuTopology.read().online().highest();
        final Path base = new DriverContext().directory();
        final DriverContext context = new DriverContext().directory(base.resolveSibling(base.getFileName() + "-" +
            UUID.randomUUID()))
            .affinity("conductor=0,sender=" + last + ",receiver=" + last);
        try (MediaDriver driver = MediaDriver.launch(context))
        {
            final PrintStream original = System.out;
            final ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try
            {
                assertThat(Main.execute("stat", "--dir", driver.directory().toString(), "--once", "--interval-ms",
                    "10")).isZero();
            }
            finally
            {
                System.setOut(original);
            }
            assertThat(captured.toString(StandardCharsets.UTF_8))
                .containsPattern("feature +- +1 +affinity: on: conductor->cpu0, sender->cpu" + last +
                ", receiver->cpu" + last)
                .containsPattern("\\nconductor +\\d+  0 +0\\n")
                .containsPattern("\\nsender +\\d+  " + last + " +" + last + "\\n")
                .containsPattern("\\nreceiver +\\d+  " + last + " +" + last + "\\n");
        }
    }
}
