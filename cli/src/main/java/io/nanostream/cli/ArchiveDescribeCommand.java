package io.nanostream.cli;

import io.nanostream.archive.Archive;
import io.nanostream.archive.RecordingDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code nano-stream archive describe ID}: everything the catalog holds of one recording. */
@Command(name = "describe", mixinStandardHelpOptions = true,
    description = "Describes one recording of an archive directory.")
public final class ArchiveDescribeCommand implements Callable<Integer>
{
    @Option(names = "--archive-dir", required = true, description = "The archive directory.")
    private Path archiveDirectory;

    @Parameters(index = "0", description = "The recording id.")
    private long recordingId;

    @Override
    public Integer call()
    {
        final RecordingDescriptor recording = Archive.recordings(archiveDirectory).stream()
            .filter(candidate -> candidate.recordingId() == recordingId).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("there is no recording " + recordingId + " in " +
            archiveDirectory +
                "; 'nano-stream archive list --archive-dir " + archiveDirectory + "' shows which there are"));
        System.out.println("recording      " + recording.recordingId());
        System.out.println("channel        " + recording.channel());
        System.out.println("stream         " + recording.streamId());
        System.out.println("session        " + recording.sessionId());
        System.out.println("source         " + recording.source());
        if (recording.isReplica())
        {
            System.out.println("replica of     recording " + recording.sourceRecordingId() + " there");
        }
        System.out.println("start position " + recording.startPosition());
        System.out.println("stop position  " +
            (recording.isActive() ? "(recording)" : Long.toString(recording.stopPosition())));
        System.out.println("started        " + Instant.ofEpochMilli(recording.startTimestamp()));
        System.out.println("stopped        " +
            (recording.isActive() ? "(recording)" : Instant.ofEpochMilli(recording.stopTimestamp()).toString()));
        System.out.println("initial term   " + recording.initialTermId());
        System.out.println("term length    " + recording.termLength());
        System.out.println("segment length " + recording.segmentLength());
        System.out.println("mtu            " + recording.mtu());
        return 0;
    }
}
