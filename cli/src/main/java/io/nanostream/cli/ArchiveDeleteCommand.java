package io.nanostream.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code nano-stream archive delete ID}: a running archive deletes a stopped recording, or
 * its segments before a position.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Asks the running archive to delete a stopped recording " +
    "and its files; with --before, only the segments wholly before a position, of any recording (the recording then starts at " +
    "the first segment kept).")
public final class ArchiveDeleteCommand implements Callable<Integer>
{
    @Option(names = "--dir",
        description = "The driver's directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Option(names = "--before", description = "Delete only the segments wholly before this position.")
    private Long before;

    @Parameters(index = "0", description = "The recording id.")
    private long recordingId;

    @Override
    public Integer call()
    {
        try (ArchiveSession session = ArchiveSession.connect(directory))
        {
            if (before != null)
            {
                System.out.println("recording " + recordingId + " now starts at " +
                    session.archive().purgeSegments(recordingId, before));
            }
            else
            {
                System.out.println("recording " + recordingId + " deleted, with " +
                    session.archive().deleteRecording(recordingId) + " segment file(s)");
            }
        }
        return 0;
    }
}
