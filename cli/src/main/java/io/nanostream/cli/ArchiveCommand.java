package io.nanostream.cli;

import io.nanostream.archive.Archive;
import io.nanostream.archive.ArchiveContext;
import io.nanostream.client.ClientContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code nano-stream archive}: runs a standalone archive beside a driver until SIGINT or
 * SIGTERM; its tools are subcommands.
 */
@Command(name = "archive", mixinStandardHelpOptions = true, subcommands = {ArchiveListCommand.class,
    ArchiveDescribeCommand.class,
    ArchiveVerifyCommand.class, ArchiveReplayCommand.class, ArchiveTruncateCommand.class, ArchiveDeleteCommand.class,
    ArchiveOrphansCommand.class, ArchiveReplicateCommand.class},
    description = "Runs an archive (records streams, replays them) as a client of a running driver, until Ctrl-C (SIGINT) or " +
        "SIGTERM. 'list', 'describe', 'verify' and 'orphans' read its directory; 'replay', 'truncate', 'delete' and " +
        "'replicate' ask the running archive.")
public final class ArchiveCommand implements Callable<Integer>
{
    @Option(names = "--dir",
        description = "The driver's directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Option(names = "--archive-dir",
        description = "Where the catalog and segment files go, on the disk that must keep them " +
        "(default: nanostream.archive.dir).")
    private Path archiveDirectory;

    @Option(names = "--segment-length", converter = SizeConverter.class,
        description = "Segment file length, rounded up to whole terms of each recording (default 128m).")
    private Integer segmentLength;

    @Option(names = "--fsync-level",
        description = "0: the page cache (default); 1: segments forced to disk when full and every " +
        "second; 2: and the catalog.")
    private Integer fsyncLevel;

    @Option(names = "--frame-checksums",
        description = "Keep a CRC32C of each data frame's payload in its reserved value, checked " +
        "on replay and by 'archive verify' (default off).")
    private boolean frameChecksums;

    @Option(names = "--control-stream", description = "The control stream id clients send requests on (default " +
        ArchiveContext.DEFAULT_CONTROL_STREAM_ID + ", on " + ArchiveContext.DEFAULT_CONTROL_CHANNEL + ").")
    private Integer controlStream;

    @Option(names = "--control-channel", description = "The control channel clients send requests on (default " +
        ArchiveContext.DEFAULT_CONTROL_CHANNEL +
            "); a UDP channel, as nano:udp?endpoint=this-host:8010, lets archives and " +
        "clients on other machines reach it, to replicate its recordings.")
    private String controlChannel;

    @Option(names = "--idle-strategy",
        description = "How the archive's thread waits when idle: backoff (default), yield, spin, " +
        "sleep, or backoff:spins:yields:minParkNs:maxParkNs. yield or spin record with lower latency at low rates.")
    private String idleStrategy;

    @Override
    public Integer call() throws Exception
    {
        final ArchiveContext context = new ArchiveContext();
        final ClientContext client = new ClientContext();
        if (directory != null)
        {
            client.directory(directory);
        }
        context.clientContext(client);
        if (archiveDirectory != null)
        {
            context.archiveDirectory(archiveDirectory);
        }
        if (segmentLength != null)
        {
            context.segmentLength(segmentLength);
        }
        if (fsyncLevel != null)
        {
            context.fsyncLevel(fsyncLevel);
        }
        context.frameChecksums(frameChecksums);
        if (idleStrategy != null)
        {
            context.idleStrategy(idleStrategy);
        }
        if (controlStream != null || controlChannel != null)
        {
            context.controlChannel(controlChannel != null ? controlChannel : ArchiveContext.DEFAULT_CONTROL_CHANNEL,
                controlStream != null ? controlStream : ArchiveContext.DEFAULT_CONTROL_STREAM_ID);
        }
        final Archive archive = Archive.launch(context);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            archive.close();
            System.out.println("archive in " + context.archiveDirectory() + " stopped");
            System.out.flush();
            stopped.countDown();
        }, "nano-stream-archive-shutdown"));
        System.out.println("archive running in " + context.archiveDirectory() + " (pid " +
            ProcessHandle.current().pid() + ", control stream " + context.controlStreamId() + " on " +
            context.controlChannel() + "); Ctrl-C to stop");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
