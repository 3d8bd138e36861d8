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
    @Option(names = "--dir", description = "Driver directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Override
    public Integer call()
    {
        final Path dir = DriverFiles.directoryOrDefault(directory);
        try (MappedFile mapping = DriverFiles.mapControlFile(dir))
        {
            final int count = ErrorLogReader.read(new ControlFile(mapping.buffer()).errorLog(), (observations, first, last, text) ->
                System.out.printf("%d observation(s) from %s to %s%n%s%n", observations, Instant.ofEpochMilli(first),
                    Instant.ofEpochMilli(last), text));
            System.out.println(count + " distinct error(s) in " + dir);
        }
        return 0;
    }
}
