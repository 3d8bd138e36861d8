package io.nanostream.cli;

import io.nanostream.buffer.MappedFile;
import io.nanostream.driver.loss.LossReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code nano-stream loss}: prints the driver's loss report, one line per image that lost data over UDP. */
@Command(name = "loss", mixinStandardHelpOptions = true,
    description = "Prints the UDP loss the media driver's receivers saw: per image, how often, how many bytes, when, from whom.")
public final class LossCommand implements Callable<Integer>
{
    @Option(names = "--dir",
        description = "Driver directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Override
    public Integer call()
    {
        final Path dir = DriverFiles.directoryOrDefault(directory);
        final Path file = dir.resolve(LossReport.FILE_NAME);
        if (!Files.exists(file))
        {
            System.err.println("no loss report in " + dir +
                ": is a media driver running there? start one with: nano-stream driver --dir " + dir);
            return 1;
        }
        try (MappedFile mapping = MappedFile.open(file))
        {
            System.out.printf("%-12s %-14s %-24s %-24s %-10s %-10s %-28s %s%n", "observations", "bytes lost", "first",
                "last", "session", "stream", "channel", "source");
            final int count = new LossReport(mapping.buffer()).forEach(
                (observations, bytes, first, last, sessionId, streamId, channel, source) ->
                    System.out.printf("%-12d %-14d %-24s %-24s %-10d %-10d %-28s %s%n", observations, bytes,
                    Instant.ofEpochMilli(first),
                        Instant.ofEpochMilli(last), sessionId, streamId, channel, source));
            System.out.println(count + " image(s) with loss in " + dir);
        }
        return 0;
    }
}
