package io.nanostream.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench as a user runs it, in a process of its own, over {@link FailingScenarios}: a scenario that fails, however
 * it fails, is reported as failed with its reason, the others still print, and the command ends with exit code 1, in
 * about the time of the scenarios plus the one timeout, never hanging. The timeout is long enough for a scenario JVM to
 * start and run on a loaded machine: only the one that hangs may reach it.
 */
class BenchCommandTest
{
    @Test
    void failedScenariosAreReportedWithTheirReasonAndTheOthersStillPrint() throws Exception
    {
        final Run json = bench("--json");
        assertThat(json.exitCode).as(json.output).isEqualTo(1);
        assertThat(json.lines("\"scenario\":\"runs\"")).as(json.output).hasSize(2).allSatisfy(line -> assertThat(line).contains("ops_per_s"));
        assertThat(json.lines("\"scenario\":\"throws\"")).singleElement().satisfies(line ->
            assertThat(line).contains("\"failed\"", "boom"));
        assertThat(json.lines("\"scenario\":\"hangs\"")).singleElement().satisfies(line ->
            assertThat(line).contains("\"failed\"", "exceeded its timeout of 20 s"));
        assertThat(json.lines("\"scenario\":\"closed\"")).singleElement().satisfies(line ->
            assertThat(line).contains("\"failed\"", "selftest publication's offer returned CLOSED"));
    }

    @Test
    void theTableSaysWhichWayEachRatioIsBetterAndMarksFailures() throws Exception
    {
        final Run table = bench("--scenario", "runs,closed");
        assertThat(table.exitCode).as(table.output).isEqualTo(1);
        assertThat(table.output).contains("selftest runs", "ours", "anchor",
            "which way is better: above 1x for throughput")
            .containsPattern("selftest +closed +FAILED: .*CLOSED");
    }

    private record Run(int exitCode, String output)
    {
        List<String> lines(final String containing)
        {
            return output.lines().filter(line -> line.startsWith("{") && line.contains(containing)).toList();
        }
    }

    private static Run bench(final String... extra) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
            "-cp", System.getProperty("java.class.path"), "io.nanostream.cli.Main", "bench", "selftest", "--catalog",
            FailingScenarios.class.getName(), "--rounds", "1", "--run-ms", "50", "--warmup-ms", "50", "--timeout-s",
            "20", "--jvm", "same"));
        command.addAll(List.of(extra));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the bench ended").isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
