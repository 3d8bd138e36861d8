package io.nanostream.cli;

import io.nanostream.archive.ArchiveDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nano-stream archive orphans}: the segment files no recording claims, and their removal. */
@Command(name = "orphans", mixinStandardHelpOptions = true,
    description = "Lists the segment files no recording claims (left by a " +
    "deletion or purge that a crash cut short), one per line; with --delete removes them, only while no archive runs there. " +
    "Files the archive did not name are never touched.")
public final class ArchiveOrphansCommand implements Callable<Integer>
{
    @Option(names = "--archive-dir", required = true, description = "The archive directory.")
    private Path archiveDirectory;

    @Option(names = "--delete", description = "Delete them (the archive must be stopped).")
    private boolean delete;

    @Override
    public Integer call()
    {
        final ArchiveDirectory directory = new ArchiveDirectory(archiveDirectory);
        final List<Path> files = delete ? directory.deleteOrphans() : directory.orphans();
        files.forEach(file -> System.out.println((delete ? "deleted " : "orphan ") + file));
        System.out.println(files.size() + " orphaned segment file(s) " + (delete ? "deleted from " : "in ") +
            archiveDirectory + (delete || files.isEmpty() ? "" : "; stop the archive and add --delete to remove them"));
        return 0;
    }
}
