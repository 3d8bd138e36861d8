package io.nanostream.cli;

import io.nanostream.archive.RecordingActivity;
import io.nanostream.archive.RecordingPositions;

import java.nio.file.Path;
import java.util.Locale;

/** The {@code stat} section for an archive: each recording being made, with its position, bytes, fsyncs and replays. */
final class ArchiveCounters
{
    private ArchiveCounters()
    {
    }

    static void render(final StringBuilder out, final Path archiveDirectory)
    {
        try (RecordingPositions positions = RecordingPositions.open(archiveDirectory))
        {
            out.append(String.format(Locale.ROOT,
                "%narchive %s  pid %d  replay sessions %d  conductor cycles over %,d ns: %,d " + "(longest %,d ns)%n",
                archiveDirectory, positions.archivePid(), positions.replaySessions(),
                positions.dutyCycleThresholdNanos(), positions.slowCycles(), positions.longestCycleNanos()));
            out.append(String.format(Locale.ROOT, "%-10s %18s %18s %10s %8s%n", "recording", "position",
                "bytes written", "fsyncs", "replays"));
            for (final RecordingActivity recording : positions.activity())
            {
                out.append(String.format(Locale.ROOT, "%-10d %,18d %,18d %,10d %8d%n", recording.recordingId(),
                    recording.position(), recording.bytesWritten(), recording.fsyncs(), recording.replaySessions()));
            }
        }
        catch (final IllegalStateException ex)
        {
            out.append(String.format(Locale.ROOT, "%narchive %s: %s%n", archiveDirectory, ex.getMessage()));
        }
    }
}
