package io.nanostream.cli;

import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.driver.MediaDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees from the CLI: one-line errors, sizes as in channels, options checked at start, stat for scripts.
 */
class CliUsabilityTest
{
    private record Outcome(int status, String out, String err)
    {
    }

    private static Outcome run(final String... args)
    {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        final ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try
        {
            final int status = Main.execute(args);
            return new Outcome(status, capturedOut.toString(StandardCharsets.UTF_8),
                capturedErr.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void noDriverIsOneLineThatSaysWhatToDoAndVerboseAddsTheStackTrace(@TempDir final Path empty)
    {
        final Outcome plain = run("stat", "--dir", empty.toString(), "--once");
        assertThat(plain.status()).isEqualTo(1);
        assertThat(plain.err().lines().toList()).hasSize(1).first().asString()
            .startsWith("nano-stream stat: no media driver in " +
            empty).contains("./nano-stream driver --dir").contains("--verbose");

        final Outcome verbose = run("stat", "--dir", empty.toString(), "--once", "--verbose");
        assertThat(verbose.status()).isEqualTo(1);
        assertThat(verbose.err()).contains("IllegalStateException: no media driver").contains("\tat io.nanostream.cli.DriverFiles");
    }

    @Test
    void helpNamesTheBenchEvenWhereItIsNotBuilt()
    {
        final Outcome help = run("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("bench    Measures Nano-Stream against the Disruptor, JCTools and Aeron")
            .contains("./nano-stream bench [ring|ipc|udp|archive]");
    }

    @Test
    void aSecondDriverInTheSameDirectoryIsOneLine()
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded())
        {
            final Outcome second = run("driver", "--dir", driver.directory().toString());
            assertThat(second.status()).isEqualTo(1);
            assertThat(second.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("nano-stream driver: ").contains("already running");
        }
    }

    @Test
    void aBadTermLengthIsRefusedAtStartNamingTheSetting(@TempDir final Path dir)
    {
        final Outcome outcome = run("driver", "--dir", dir.resolve("driver").toString(), "--ipc-term-length=100000");
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).contains("100000").contains("power of two").doesNotContain("\tat ");
        assertThat(dir.resolve("driver")).as("nothing made").doesNotExist();
    }

    @Test
    void sizesTakeSuffixesAsChannelsDo()
    {
        final DriverCommand command = new DriverCommand();
        new CommandLine(command).parseArgs("--ipc-term-length=64k", "--udp-term-length", "16m");
        assertThat(command.context().ipcTermLength()).isEqualTo(64 * 1024);
        assertThat(command.context().udpTermLength()).isEqualTo(16 * 1024 * 1024);

        final Outcome outcome = run("driver", "--ipc-term-length=64q");
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).contains("'64q' is not a size").contains("64k, 16m, 1g");
    }

    @Test
    void statJsonIsOneObjectPerCounterAndGaugesHaveNoRate() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:ipc", 5);
             Publication publication = client.addPublication("nano:ipc?term-length=64k", 5))
        {
            final Outcome outcome = run("stat", "--dir", driver.directory().toString(), "--json", "--interval-ms",
                "50");
            assertThat(outcome.status()).isZero();
            final List<String> lines = outcome.out().lines().toList();
            assertThat(lines).isNotEmpty().allMatch(line -> line.matches("\\{\"id\":\\d+,\"type\":\"[a-z-]+\",\"type_id\":\\d+,\"value\":-?\\d+" +
                "(,\"rate_per_s\":-?\\d+)?(,\"keepalive_age_ms\":-?\\d+)?,\"registration_id\":-?\\d+,\"session_id\":-?\\d+,\"stream_id\":-?\\d+,\"client_id\":-?\\d+," +
                "\"label\":\"[^\"\\\\]*\"}"));
            assertThat(lines).anyMatch(line -> line.contains("\"type\":\"gauge\"") && line.contains("\"value\":1,") &&
                line.contains("\"label\":\"clients\"") && !line.contains("rate_per_s"));
            assertThat(lines).anyMatch(line -> line.contains("\"type\":\"pub-pos\"") &&
                line.contains("\"rate_per_s\":") && line.contains("\"stream_id\":5,") &&
                line.contains("\"registration_id\":" + publication.registrationId() + ","));
            assertThat(lines).anyMatch(line -> line.contains("\"type\":\"sub-pos\"") &&
                line.contains("\"registration_id\":" + subscription.registrationId() + ","));

            final Outcome table = run("stat", "--dir", driver.directory().toString(), "--once", "--interval-ms", "50");
            final String clients = table.out().lines().filter(line -> line.endsWith("  clients")).findFirst().orElseThrow();
            assertThat(Arrays.stream(clients.trim().split(" +")).toList()).as("id, type, client (none: the driver's), value, label: no rate")
                .containsExactly(clients.trim().split(" +")[0], "gauge", "-", "1", "clients");
        }
    }

    @Test
    void jsonStringsAreEscaped()
    {
        final StringBuilder out = new StringBuilder();
        StatCommand.appendJsonString(out, "a\"b\\c\nd\u0001");
        assertThat(out).hasToString("\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
