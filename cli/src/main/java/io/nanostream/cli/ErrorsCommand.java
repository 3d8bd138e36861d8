package io.nanostream.cli;

import io.nanostream.buffer.ErrorLogReader;
import io.nanostream.buffer.MappedFile;
import io.nanostream.client.protocol.ControlFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code nano-stream errors}: prints the driver's distinct-error log. */
@Command(name = "errors", mixinStandardHelpOptions = true,
    description = "Prints each distinct error the media driver recorded, with how often and when.")
public final class ErrorsCommand implements Callable<Integer>
{
    @Option(names = "--dir",
        description = "Driver directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Option(names = "--json",
        description = "One JSON object per distinct error and line: observations, first and last " +
        "(epoch ms), and the error with its stack trace.")
    private boolean json;

    @Override
    public Integer call()
    {
        final Path dir = DriverFiles.directoryOrDefault(directory);
        try (MappedFile mapping = DriverFiles.mapControlFile(dir))
        {
            final StringBuilder out = new StringBuilder();
            final int count = ErrorLogReader.read(new ControlFile(mapping.buffer()).errorLog(),
                (observations, first, last, text) ->
            {
                if (json)
                {
                    out.append("{\"observations\":").append(observations).append(",\"first_ms\":").append(first)
                        .append(",\"last_ms\":").append(last).append(",\"error\":");
                    StatCommand.appendJsonString(out, text);
                    out.append("}\n");
                }
                else
                {
                    out.append(String.format("%d observation(s) from %s to %s%n%s%n", observations,
                        Instant.ofEpochMilli(first), Instant.ofEpochMilli(last), text));
                }
            });
            if (!json)
            {
                out.append(count).append(" distinct error(s) in ").append(dir).append('\n');
            }
            System.out.print(out);
        }
        return 0;
    }
}
