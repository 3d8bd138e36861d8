package io.nanostream.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nano-stream archive truncate ID POSITION}: a running archive cuts a stopped recording at a frame start. */
@Command(name = "truncate", mixinStandardHelpOptions = true,
    description = "Asks the running archive to cut a stopped recording " +
    "short at a frame start: it stops there, and its files hold nothing after it.")
public final class ArchiveTruncateCommand implements Callable<Integer>
{
    @Option(names = "--dir",
        description = "The driver's directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Parameters(index = "0", description = "The recording id.")
    private long recordingId;

    @Parameters(index = "1", description = "The new stop position: a frame start.")
    private long position;

    @Override
    public Integer call()
    {
        try (ArchiveSession session = ArchiveSession.connect(directory))
        {
            session.archive().truncateRecording(recordingId, position);
            System.out.println("recording " + recordingId + " now stops at " + position);
        }
        return 0;
    }
}
