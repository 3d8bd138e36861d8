package io.nanostream.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs an example with a print stream of its own and returns the lines it printed. */
final class Printed
{
    /** An example's run method, given where to print. */
    @FunctionalInterface
    interface Example
    {
        void run(PrintStream out) throws Exception;
    }

    private Printed()
    {
    }

    static List<String> linesOf(final Example example) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            example.run(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
