package io.nanostream.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a CLI command in this JVM and returns what it printed, for the tests that read {@code stat} and {@code errors}.
 */
final class CliOutput
{
    private CliOutput()
    {
    }

    /**
     * Runs a command, which must succeed.
     *
     * @param args the command line.
     * @return its standard output.
     */
    static String run(final String... args)
    {
        return run(0, args);
    }

    /**
     * Runs a command that must end with an exit code.
     *
     * @param exitCode the code it must return.
     * @param args     the command line.
     * @return its standard output.
     */
    static String run(final int exitCode, final String... args)
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            assertThat(Main.execute(args)).as(String.join(" ", args)).isEqualTo(exitCode);
        }
        finally
        {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
