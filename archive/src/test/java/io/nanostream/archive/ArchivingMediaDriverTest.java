package io.nanostream.archive;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A driver and its archive launched and closed as one: a client records and replays through it. */
class ArchivingMediaDriverTest
{
    @TempDir
    Path archiveDirectory;

    @Test
    void aClientRecordsAndReplaysThroughADriverLaunchedWithItsArchive() throws Exception
    {
        final Path base = new DriverContext().directory();
        final DriverContext driverContext = new DriverContext().directory(base.resolveSibling(base.getFileName() +
            "-archiving-" + UUID.randomUUID())).threadingMode(ThreadingMode.SHARED).idleStrategy("backoff");
        try (ArchivingMediaDriver driver = ArchivingMediaDriver.launch(driverContext,
            new ArchiveContext().archiveDirectory(archiveDirectory));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.mediaDriver().directory()));
             ArchiveClient archive = ArchiveClient.connect(client))
        {
            assertThat(driver.archive().context().clientContext().directory()).isEqualTo(driver.mediaDriver().directory());
            archive.startRecording("nano:ipc?term-length=64k", 10);
            try (ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", 10))
            {
                RecordAndReplayTest.await("the recording's subscriber", publication::isConnected);
                final long end = RecordAndReplayTest.publish(publication, 0, 200)[200];
                RecordAndReplayTest.await("recorded", () -> !archive.listRecordings(0, 1).isEmpty() &&
                    archive.recordingPosition(0) == end);
            }
            try (Subscription replay = client.addSubscription("nano:ipc", 20))
            {
                archive.startReplay(0, -1, -1, "nano:ipc", 20);
                RecordAndReplayTest.receive(replay, 0, 200);
            }
        }
        assertThatThrownBy(() -> ArchivingMediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() +
            "-archiving-" + UUID.randomUUID())), new ArchiveContext().archiveDirectory(null))).hasMessageContaining("no archive directory");
    }
}
