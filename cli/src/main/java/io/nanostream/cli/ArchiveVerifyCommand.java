package io.nanostream.cli;

import io.nanostream.archive.ArchiveDirectory;
import io.nanostream.archive.RecordingDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nano-stream archive verify [ID...]}: reads every frame of recordings and prints one line per problem. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Reads every frame of the recordings given (all if none) " +
    "and prints one line per problem: a missing or short segment, a broken frame, a payload that fails its CRC32C. Exit code 1 " +
    "if any recording has one. Safe while the archive runs.")
public final class ArchiveVerifyCommand implements Callable<Integer>
{
    @Option(names = "--archive-dir", required = true, description = "The archive directory.")
    private Path archiveDirectory;

    @Parameters(description = "Recording ids (default: every recording).")
    private List<Long> recordingIds;

    @Override
    public Integer call()
    {
        final ArchiveDirectory directory = new ArchiveDirectory(archiveDirectory);
        final List<Long> ids = recordingIds != null ? recordingIds :
            directory.recordings().stream().map(RecordingDescriptor::recordingId).toList();
        int damaged = 0;
        for (final long id : ids)
        {
            final List<String> problems = directory.verify(id);
            problems.forEach(System.out::println);
            if (!problems.isEmpty())
            {
                damaged++;
            }
        }
        System.out.println(ids.size() + " recording(s) verified, " + damaged + " with problems" + (damaged == 0 ? "" :
            "; 'nano-stream archive truncate' cuts a recording before its first damaged frame"));
        return damaged == 0 ? 0 : 1;
    }
}
