package io.nanostream.archive;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.nanostream.archive.RecordAndReplayTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording that fills its disk (a 3 MiB tmpfs, mounted for the test as root, else skipped with the command) stops at
 * its last complete frame, says so through the error handler, keeps every message before it replayable, and does not
 * hold the publisher back.
 */
class FullDiskTest
{
    @TempDir
    Path mountPoint;
    private boolean mounted;

    @BeforeEach
    void mountSmallTmpfs() throws Exception
    {
        if ("0".equals(run("id", "-u").trim()))
        {
            mounted = run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mountPoint.toString()).isBlank();
        }
        Assumptions.assumeTrue(mounted, "needs root to mount a small tmpfs: mount -t tmpfs -o size=3m tmpfs DIR");
    }

    @AfterEach
    void unmount() throws Exception
    {
        if (mounted)
        {
            run("umount", mountPoint.toString());
        }
    }

    private static String run(final String... command) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    @Test
    void aRecordingThatFillsTheDiskStopsAtItsLastWholeFrameAndSaysSo() throws Exception
    {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final Path base = new DriverContext().directory();
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() + "-full-" +
                 UUID.randomUUID())).threadingMode(ThreadingMode.SHARED).idleStrategy("backoff"));
             Archive archive = Archive.launch(new ArchiveContext().archiveDirectory(mountPoint).catalogCapacity(16).errorHandler(errors::add)
                 .clientContext(new ClientContext().directory(driver.directory())));
             NanoStream client = driver.connect();
             ArchiveClient archiveClient = ArchiveClient.connect(client))
        {
            archiveClient.startRecording("nano:ipc?term-length=64k", 10);
            final ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", 10);
            await("the recording's subscriber", publication::isConnected);
            // about 6 MiB of messages into 3 MiB: the publisher is never held back by the recording that stopped
            final long[] positions = RecordAndReplayTest.publish(publication, 0, 4_000);
            await("the recording to stop", () -> !archiveClient.listRecordings(0, 1).isEmpty() &&
                !archiveClient.listRecordings(0, 1).getFirst().isActive());
            final RecordingDescriptor recording = archiveClient.listRecordings(0, 1).getFirst();
            final long stop = recording.stopPosition();
            assertThat(stop).as("stopped short of what was published").isLessThan(positions[4_000]).isPositive();
            assertThat(errors).anySatisfy(error -> assertThat(error.getMessage())
                .contains("recording " + recording.recordingId() + " stopped at position " +
                stop).containsIgnoringCase("space"));
            int whole = 0;
            while (positions[whole + 1] <= stop)
            {
                whole++; // the messages wholly before the stop
            }
            assertThat(positions[whole]).as("the stop is a message's end").isEqualTo(stop);
            try (Subscription replay = client.addSubscription("nano:ipc", 20))
            {
                archiveClient.startReplay(recording.recordingId(), -1, -1, "nano:ipc", 20);
                RecordAndReplayTest.receive(replay, 0, whole);
            }
            assertThat(new ArchiveDirectory(mountPoint).verify(recording.recordingId())).isEmpty();
            publication.close();
        }
    }
}
