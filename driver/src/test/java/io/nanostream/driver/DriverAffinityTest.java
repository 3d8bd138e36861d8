package io.nanostream.driver;

import io.nanostream.natives.affinity.CpuSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without native access: bad affinity settings are named before launch, and the feature is
 * off, silently, with its reason.
 */
class DriverAffinityTest
{
    @Test
    void conclusionNamesCpusThisProcessCannotUse()
    {
        final CpuSet usable = PlacementSpec.usableCpus();
        final int beyond = usable.highest() + 1;
        final DriverContext context = new DriverContext().affinity("conductor=0,sender=" + beyond + ",receiver=" +
            beyond + "," + (beyond + 2));

        assertThatThrownBy(context::conclude).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("2 problems")
            .hasMessageContaining(DriverProperties.AFFINITY.name() + ": sender is given CPU " + beyond +
            ", which is not online or not allowed to " +
                "this process; the CPUs it may use are " + usable)
            .hasMessageContaining("receiver is given CPUs " + beyond + "," + (beyond + 2) + ", which are not online");
    }

    @Test
    void conclusionNamesSettingsThatDoNotParse()
    {
        assertThatThrownBy(new DriverContext().affinity("conductor=0,fast=1")::conclude)
            .hasMessageContaining(DriverProperties.AFFINITY.name() +
            "=conductor=0,fast=1: 'fast' is not an agent; use conductor, sender or receiver");
        assertThatThrownBy(new DriverContext().affinity("0,1")::conclude).hasMessageContaining("'0' names no agent");
        assertThatThrownBy(new DriverContext().affinity("sender=a")::conclude).hasMessageContaining("'a' is not a CPU number or range");
        assertThatThrownBy(new DriverContext().affinity("sender=0").threadingMode(ThreadingMode.INVOKER)::conclude)
            .hasMessageContaining("in INVOKER mode the application's thread runs the driver");
    }

    @Test
    void moreCpusFollowTheirAgent()
    {
        assertThat(PlacementSpec.parse("conductor=0,2-3, sender = 1").toString()).isEqualTo("conductor=0,2-3,sender=1");
        assertThat(PlacementSpec.parse(" ").isEmpty()).isTrue();
    }

    @Test
    void withoutNativeAccessTheDriverStartsSilentlyAndSaysWhyAffinityIsOff() throws Exception
    {
        final Run requested = run("-Dnanostream.affinity=conductor=0,sender=0,receiver=0");
        assertThat(requested.stderr).isEmpty();
        assertThat(requested.exitCode).isZero();
        assertThat(requested.stdout).filteredOn(line -> line.contains(" affinity: ")).containsExactly(
            "feature 0 affinity: off: native access is not enabled for the class path; add --enable-native-access=ALL-UNNAMED");

        final Run unset = run();
        assertThat(unset.stderr).isEmpty();
        assertThat(unset.stdout).filteredOn(line -> line.contains(" affinity: "))
            .containsExactly("feature 0 affinity: off: not requested (nanostream.affinity unset)");
        assertThat(unset.stdout).filteredOn(line -> line.contains(" hugepages: ")).singleElement().asString()
            .startsWith("feature 0 hugepages: off: tmpfs huge=never has no huge pages; set nanostream.log.dir to a hugetlbfs mount");
    }

    record Run(int exitCode, List<String> stdout, String stderr)
    {
    }

    static Run run(final String... properties) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
            "-Xmx128m", "-XX:+UseSerialGC"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FeatureStatusMain.class.getName()));
        final Process process = new ProcessBuilder(command).start();
        final CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> text(process.getInputStream()));
        final CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
        return new Run(process.exitValue(), stdout.get().lines().toList(), stderr.get());
    }

    private static String text(final InputStream in)
    {
        try (in)
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
