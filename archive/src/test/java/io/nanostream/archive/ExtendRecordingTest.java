package io.nanostream.archive;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stopped recording continued after the archive restarted: the same id, its frames going on from its stop position.
 */
class ExtendRecordingTest
{
    private static final String CHANNEL = "nano:ipc?term-length=64k";
    private static final int STREAM = 10;

    @TempDir
    Path archiveDirectory;

    @Test
    void aRecordingIsContinuedAfterARestartUnderItsIdAndReplaysWhole() throws Exception
    {
        final Path base = new DriverContext().directory();
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() + "-extend-" +
                 UUID.randomUUID())).threadingMode(ThreadingMode.SHARED).idleStrategy("backoff"));
             NanoStream client = driver.connect())
        {
            final ArchiveContext context = new ArchiveContext().archiveDirectory(archiveDirectory)
                .clientContext(new ClientContext().directory(driver.directory())).segmentLength(128 * 1024);
            final RecordingDescriptor first;
            try (Archive archive = Archive.launch(context); ArchiveClient archiveClient = ArchiveClient.connect(client))
            {
                archiveClient.startRecording(CHANNEL, STREAM);
                try (ExclusivePublication publication = client.addExclusivePublication(CHANNEL, STREAM))
                {
                    RecordAndReplayTest.await("the recording's subscriber", publication::isConnected);
                    final long end = RecordAndReplayTest.publish(publication, 0, 1_000)[1_000];
                    RecordAndReplayTest.await("the recording", () -> archiveClient.listRecordings(0, 1).size() == 1);
                    RecordAndReplayTest.await("recorded", () -> archiveClient.recordingPosition(0) == end);
                    archiveClient.stopRecording(CHANNEL, STREAM);
                }
                first = archiveClient.describe(0);
                assertThatThrownBy(() -> archiveClient.extendRecording(0, CHANNEL, STREAM +
                    1)).hasMessageContaining("is of stream 10");
            }

            try (Archive archive = Archive.launch(context); ArchiveClient archiveClient = ArchiveClient.connect(client))
            {
                archiveClient.extendRecording(first.recordingId(), CHANNEL, STREAM);
                try (ExclusivePublication publication = client.addExclusivePublication(first.extensionChannel(CHANNEL),
                    STREAM))
                {
                    assertThat(publication.position()).as("the publisher starts where the recording stopped").isEqualTo(first.stopPosition());
                    RecordAndReplayTest.await("the recording's subscriber", publication::isConnected);
                    final long end = RecordAndReplayTest.publish(publication, 1_000, 2_500)[1_500];
                    RecordAndReplayTest.await("recorded",
                        () -> archiveClient.recordingPosition(first.recordingId()) == end);
                    assertThat(archiveClient.describe(first.recordingId()).isActive()).isTrue();
                    archiveClient.stopRecording(CHANNEL, STREAM);
                    final RecordingDescriptor continued = archiveClient.describe(first.recordingId());
                    assertThat(continued.stopPosition()).isEqualTo(end);
                    assertThat(continued.startPosition()).isEqualTo(first.startPosition());
                    assertThat(archiveClient.listRecordings(0, 10)).as("one recording, not two").hasSize(1);
                }
                try (Subscription replay = client.addSubscription("nano:ipc", 20))
                {
                    archiveClient.startReplay(first.recordingId(), -1, -1, "nano:ipc", 20);
                    RecordAndReplayTest.receive(replay, 0, 2_500);
                }
            }
        }
    }
}
