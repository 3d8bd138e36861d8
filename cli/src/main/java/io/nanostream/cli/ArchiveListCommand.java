package io.nanostream.cli;

import io.nanostream.archive.Archive;
import io.nanostream.archive.RecordingDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nano-stream archive list}: one line per recording in an archive's catalog. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists the recordings of an archive directory, one per line, whether or not the archive runs.")
public final class ArchiveListCommand implements Callable<Integer>
{
    @Option(names = "--archive-dir", required = true, description = "The archive directory.")
    private Path archiveDirectory;

    @Override
    public Integer call()
    {
        final List<RecordingDescriptor> recordings = Archive.recordings(archiveDirectory);
        System.out.printf("%-6s %-8s %-11s %16s %16s  %-24s %s%n", "id", "stream", "session", "start", "stop",
            "started", "channel");
        for (final RecordingDescriptor recording : recordings)
        {
            System.out.printf("%-6d %-8d %-11d %,16d %16s  %-24s %s%n", recording.recordingId(), recording.streamId(),
                recording.sessionId(), recording.startPosition(), recording.isActive() ?
                "recording" : String.format("%,d", recording.stopPosition()),
                Instant.ofEpochMilli(recording.startTimestamp()), recording.channel());
        }
        System.out.println(recordings.size() + " recording(s) in " + archiveDirectory);
        return 0;
    }
}
