package io.nanostream.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code nano-stream archive replicate ID --source-channel C --local-channel L}: the running archive copies a recording
 * from another archive and follows it.
 */
@Command(name = "replicate", mixinStandardHelpOptions = true,
    description = "Asks the running archive to copy a recording from " +
    "another archive (typically on another machine, whose archive runs with --control-channel nano:udp?endpoint=...) and to " +
    "follow it while it is recorded there; after a broken link the copy goes on from where it stopped. Prints the replication id.")
public final class ArchiveReplicateCommand implements Callable<Integer>
{
    @Option(names = "--dir",
        description = "The driver's directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Parameters(index = "0", description = "The recording id at the source archive.")
    private long sourceRecordingId;

    @Option(names = "--source-channel", required = true, description = "The source archive's control channel, e.g. " +
        "nano:udp?endpoint=source-host:8010.")
    private String sourceChannel;

    @Option(names = "--source-stream", description = "The source archive's control stream (default 100).")
    private int sourceStream = io.nanostream.archive.ArchiveContext.DEFAULT_CONTROL_STREAM_ID;

    @Option(names = "--local-channel", required = true,
        description = "A UDP channel of this machine that the source reaches: " +
        "its answers and the replay come there, e.g. nano:udp?endpoint=this-host:8020.")
    private String localChannel;

    @Override
    public Integer call()
    {
        try (ArchiveSession session = ArchiveSession.connect(directory))
        {
            final long replicationId = session.archive().replicate(sourceRecordingId, sourceChannel, sourceStream,
                localChannel);
            System.out.println("replication " + replicationId + " of recording " + sourceRecordingId + " from " +
                sourceChannel + " started; 'archive list' shows the copy");
        }
        return 0;
    }
}
