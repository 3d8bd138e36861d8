package io.nanostream.archive;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.nanostream.archive.RecordAndReplayTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keeping the disk bounded, and finding damage: a recording truncated at a frame, deleted whole, or purged of its early
 * segments, with the catalog and the files agreeing afterwards; segment files no recording claims found and removed
 * (and no other file touched); frame checksums stamped, checked on replay and by verify.
 */
class RetentionTest
{
    private static final String CHANNEL = "nano:ipc?term-length=64k";
    private static final int STREAM = 10;
    private static final int REPLAY_STREAM = 20;

    @TempDir
    Path archiveDirectory;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private MediaDriver driver;
    private NanoStream client;
    private Archive archiveService;
    private ArchiveClient archive;

    private void launch(final ArchiveContext context)
    {
        final Path base = new DriverContext().directory();
        driver = keep(MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() +
            "-retention-" + UUID.randomUUID())).threadingMode(ThreadingMode.SHARED).idleStrategy("backoff")));
        archiveService = keep(Archive.launch(context.archiveDirectory(archiveDirectory).segmentLength(64 * 1024)
            .clientContext(new ClientContext().directory(driver.directory()))));
        client = keep(driver.connect());
        archive = keep(ArchiveClient.connect(client));
    }

    @AfterEach
    void tearDown() throws Exception
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(final T resource)
    {
        resources.add(resource);
        return resource;
    }

    /**
     * Records messages {@code 0} to {@code count - 1} and stops; returns the position before each and after the last.
     */
    private long[] record(final int count) throws InterruptedException
    {
        archive.startRecording(CHANNEL, STREAM);
        final long[] positions;
        try (ExclusivePublication publication = client.addExclusivePublication(CHANNEL, STREAM))
        {
            await("the recording's subscriber", publication::isConnected);
            positions = RecordAndReplayTest.publish(publication, 0, count);
            await("the recording", () -> archive.listRecordings(0, 1).size() == 1);
            final long recordingId = archive.listRecordings(0, 1).getFirst().recordingId();
            await("recorded", () -> archive.recordingPosition(recordingId) == positions[count]);
            archive.stopRecording(CHANNEL, STREAM);
        }
        return positions;
    }

    private List<Path> segmentFiles(final long recordingId) throws IOException
    {
        try (Stream<Path> files = Files.list(archiveDirectory))
        {
            return files.filter(file -> file.getFileName().toString().startsWith(recordingId + "-")).sorted().toList();
        }
    }

    private long bytesOnDisk(final long recordingId) throws IOException
    {
        long bytes = 0;
        for (final Path file : segmentFiles(recordingId))
        {
            bytes += Files.size(file);
        }
        return bytes;
    }

    @Test
    void aTruncatedRecordingStopsAtTheFrameAndItsFilesHoldNothingAfter() throws Exception
    {
        launch(new ArchiveContext());
        final long[] positions = record(3_000);
        final RecordingDescriptor recording = archive.describe(0);
        final int segmentsBefore = segmentFiles(0).size();
        assertThat(segmentsBefore).as("several segments of 64 KiB").isGreaterThan(10);

        assertThatThrownBy(() -> archive.truncateRecording(0, positions[1_234] + 32))
            .hasMessageContaining("is not the start of a frame");
        assertThatThrownBy(() -> archive.truncateRecording(0, positions[3_000] + 4096))
            .hasMessageContaining("truncate at a frame start from " + recording.startPosition() + " to " +
            positions[3_000]);
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM))
        {
            final long replaySession = archive.startReplay(0, -1, -1, "nano:ipc", REPLAY_STREAM);
            await("the replay", replay::isConnected);
            assertThatThrownBy(() -> archive.truncateRecording(0,
                positions[1_234])).hasMessageContaining("is being replayed (replay " + replaySession);
            archive.stopReplay(replaySession);
        }

        archive.truncateRecording(0, positions[1_234]);
        assertThat(archive.describe(0).stopPosition()).isEqualTo(positions[1_234]);
        assertThat(bytesOnDisk(0)).as("nothing after the stop on disk").isLessThanOrEqualTo(positions[1_234] - recording.startPosition() +
            (recording.startPosition() & (64 * 1024 - 1)));
        assertThat(segmentFiles(0).size()).isLessThan(segmentsBefore);
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM + 1))
        {
            archive.startReplay(0, -1, -1, "nano:ipc", REPLAY_STREAM + 1);
            RecordAndReplayTest.receive(replay, 0, 1_234);
        }

        // continued from the new stop, the recording holds the old first part and the new
        // messages, nothing of the cut part
        final RecordingDescriptor truncated = archive.describe(0);
        archive.extendRecording(0, CHANNEL, STREAM);
        try (ExclusivePublication publication = client.addExclusivePublication(truncated.extensionChannel(CHANNEL),
            STREAM))
        {
            await("the recording's subscriber", publication::isConnected);
            final long end = RecordAndReplayTest.publish(publication, 1_234, 2_000)[766];
            await("recorded", () -> archive.recordingPosition(0) == end);
            archive.stopRecording(CHANNEL, STREAM);
        }
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM + 2))
        {
            archive.startReplay(0, -1, -1, "nano:ipc", REPLAY_STREAM + 2);
            RecordAndReplayTest.receive(replay, 0, 2_000);
        }
        assertThat(new ArchiveDirectory(archiveDirectory).verify(0)).isEmpty();
    }

    @Test
    void aDeletedRecordingLeavesTheCatalogAndTheDiskAndOnlyWhenStoppedAndNotReplayed() throws Exception
    {
        launch(new ArchiveContext());
        archive.startRecording(CHANNEL, STREAM);
        final ExclusivePublication publication = keep(client.addExclusivePublication(CHANNEL, STREAM));
        await("the recording's subscriber", publication::isConnected);
        final long end = RecordAndReplayTest.publish(publication, 0, 500)[500];
        await("the recording", () -> archive.listRecordings(0, 1).size() == 1);
        await("recorded", () -> archive.recordingPosition(0) == end);
        assertThatThrownBy(() -> archive.deleteRecording(0)).hasMessageContaining("is still being made; stop recording it");
        archive.stopRecording(CHANNEL, STREAM);
        final int files = segmentFiles(0).size();
        assertThat(files).isPositive();

        assertThat(archive.deleteRecording(0)).as("files deleted").isEqualTo(files);
        assertThat(segmentFiles(0)).isEmpty();
        assertThat(archive.describe(0)).isNull();
        assertThat(archive.listRecordings(0, 10)).isEmpty();
        assertThatThrownBy(() -> archive.deleteRecording(0)).hasMessageContaining("there is no recording 0");
        assertThatThrownBy(() -> archive.startReplay(0, -1, -1, "nano:ipc",
            REPLAY_STREAM)).hasMessageContaining("there is no recording 0");
        assertThat(new ArchiveDirectory(archiveDirectory).orphans()).isEmpty();

        // a new recording gets a new id, never the deleted one's
        archive.startRecording(CHANNEL, STREAM + 1);
        final ExclusivePublication second = keep(client.addExclusivePublication(CHANNEL, STREAM + 1));
        await("the second recording", () -> archive.listRecordings(0, 10).size() == 1);
        assertThat(archive.listRecordings(0, 10).getFirst().recordingId()).isEqualTo(1);
        second.close();
    }

    @Test
    void purgingSegmentsBeforeAPositionKeepsTheRestReplayableWhileRecording() throws Exception
    {
        launch(new ArchiveContext());
        archive.startRecording(CHANNEL, STREAM);
        final ExclusivePublication publication = keep(client.addExclusivePublication(CHANNEL, STREAM));
        await("the recording's subscriber", publication::isConnected);
        final long[] positions = RecordAndReplayTest.publish(publication, 0, 2_000);
        await("the recording", () -> archive.listRecordings(0, 1).size() == 1);
        await("recorded", () -> archive.recordingPosition(0) == positions[2_000]);
        final int segmentsBefore = segmentFiles(0).size();

        final long newStart = archive.purgeSegments(0, positions[1_000]);
        assertThat(newStart).as("the base of the segment holding the position").isLessThanOrEqualTo(positions[1_000])
            .isGreaterThan(positions[1_000] - 64 * 1024).isEqualTo(newStart & -(64 * 1024));
        assertThat(archive.describe(0).startPosition()).isEqualTo(newStart);
        assertThat(archive.describe(0).isActive()).isTrue();
        assertThat(segmentFiles(0)).hasSize(segmentsBefore - (int)(newStart / (64 * 1024)));
        assertThat(new ArchiveDirectory(archiveDirectory).orphans()).isEmpty();
        assertThatThrownBy(() -> archive.startReplay(0, positions[10], -1, "nano:ipc", REPLAY_STREAM))
            .hasMessageContaining("replay from " + newStart);

        // the recording goes on; a replay from the first message kept gets everything from it, old and new
        final long end = RecordAndReplayTest.publish(publication, 2_000, 3_000)[1_000];
        await("recorded", () -> archive.recordingPosition(0) == end);
        int firstKept = 0;
        while (positions[firstKept + 1] <= newStart)
        {
            firstKept++; // the first message not wholly before the new start (one padded onto the next term starts at it)
        }
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM))
        {
            archive.startReplay(0, -1, end - newStart, "nano:ipc", REPLAY_STREAM);
            RecordAndReplayTest.receive(replay, firstKept, 3_000);
        }
        assertThat(archive.purgeSegments(0, newStart)).as("nothing more before it").isEqualTo(newStart);
        archive.stopRecording(CHANNEL, STREAM);
        assertThat(new ArchiveDirectory(archiveDirectory).verify(0)).isEmpty();
    }

    @Test
    void segmentFilesNoRecordingClaimsAreReportedAndRemovedWhenNoArchiveRuns() throws Exception
    {
        launch(new ArchiveContext());
        record(300);
        final Path deletedRecording = Files.write(archiveDirectory.resolve("7-0.rec"), new byte[64]);
        final Path offGrid = Files.write(archiveDirectory.resolve("0-4096.rec"), new byte[64]);
        final Path notOurs = Files.write(archiveDirectory.resolve("notes.rec"), new byte[64]);
        final Path alsoNotOurs = Files.write(archiveDirectory.resolve("0-01.rec"), new byte[64]);
        final ArchiveDirectory directory = new ArchiveDirectory(archiveDirectory);
        assertThat(directory.orphans()).containsExactly(offGrid, deletedRecording);
        assertThatThrownBy(directory::deleteOrphans).hasMessageContaining("an archive runs in");
        assertThat(deletedRecording).exists();

        archive.close();
        archiveService.close();
        assertThat(directory.deleteOrphans()).containsExactly(offGrid, deletedRecording);
        assertThat(deletedRecording).doesNotExist();
        assertThat(offGrid).doesNotExist();
        assertThat(notOurs).as("a file the archive did not name is never touched").exists();
        assertThat(alsoNotOurs).exists();
        assertThat(segmentFiles(0)).isNotEmpty();
        assertThat(directory.verify(0)).isEmpty();
    }

    @Test
    void frameChecksumsFindAPayloadDamagedOnDiskInReplayAndVerify() throws Exception
    {
        launch(new ArchiveContext().frameChecksums(true));
        final long[] positions = record(1_000);
        final RecordingDescriptor recording = archive.describe(0);
        assertThat(recording.frameChecksums()).isTrue();
        final ArchiveDirectory directory = new ArchiveDirectory(archiveDirectory);
        assertThat(directory.verify(0)).isEmpty();
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM))
        {
            archive.startReplay(0, -1, -1, "nano:ipc", REPLAY_STREAM);
            RecordAndReplayTest.receive(replay, 0, 1_000);
        }

        // one byte of message 700's payload flips on disk
        final long damaged = positions[700];
        final long base = damaged - (damaged & (64 * 1024 - 1));
        try (FileChannel file = FileChannel.open(archiveDirectory.resolve("0-" + base + ".rec"),
            StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer oneByte = ByteBuffer.allocate(1);
            file.read(oneByte, damaged - base + 32 + 20);
            oneByte.put(0, (byte)~oneByte.get(0)).rewind();
            file.write(oneByte, damaged - base + 32 + 20);
        }
        assertThat(directory.verify(0)).singleElement().asString()
            .contains("recording 0 at position " + damaged + ":").contains("does not match its CRC32C");
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM + 1))
        {
            archive.startReplay(0, -1, -1, "nano:ipc", REPLAY_STREAM + 1);
            RecordAndReplayTest.receive(replay, 0, 700); // and nothing of the damaged frame or after it
        }
    }

    @Test
    void segmentFilesCutShortOutsideTheArchiveDuringAReplayEndItWithTheReasonAndNothingElse() throws Exception
    {
        launch(new ArchiveContext());
        record(2_000);
        final MessageChecker checker = new MessageChecker(0);
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM))
        {
            archive.startReplay(0, -1, -1, "nano:ipc", REPLAY_STREAM);
            await("the replay", () -> replay.imageCount() > 0);
            Thread.sleep(100); // the replay runs up to its window and waits there, its segment mapped
            for (final Path file : segmentFiles(0))
            {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
                {
                    channel.truncate(0); // behind the archive's back
                }
            }
            await("the replay to end", () ->
            {
                replay.poll(checker.handler(), 64);
                return replay.imageCount() == 0 || replay.images().getFirst().isEndOfStream();
            });
        }
        assertThat(checker.problems()).as("what came before the cut came whole, in order").isEmpty();
        assertThat(checker.next()).as("the replay ended early").isLessThan(2_000);
        final List<String> problems = new ArrayList<>();
        assertThat(archive.describe(0).stopPosition()).as("the archive answers on").isPositive();
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM + 1))
        {
            archive.startReplay(0, -1, -1, "nano:ipc", REPLAY_STREAM + 1);
            await("the second replay to end at once", () -> replay.imageCount() > 0);
            await("the second replay to end at once", () ->
            {
                replay.poll((buffer, offset, length, header) -> problems.add("a message from an empty file"), 64);
                return replay.imageCount() == 0 || replay.images().getFirst().isEndOfStream();
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void verifyFindsABrokenFrameInARecordingWithoutChecksums() throws Exception
    {
        launch(new ArchiveContext());
        final long[] positions = record(500);
        final ArchiveDirectory directory = new ArchiveDirectory(archiveDirectory);
        assertThat(directory.verify(0)).isEmpty();
        final long broken = positions[321];
        final long base = broken - (broken & (64 * 1024 - 1));
        try (FileChannel file = FileChannel.open(archiveDirectory.resolve("0-" + base + ".rec"),
            StandardOpenOption.WRITE))
        {
            file.write(ByteBuffer.allocate(4).putInt(0, Integer.reverseBytes(7)), broken - base); // a frame length of 7
        }
        assertThat(directory.verify(0)).singleElement().asString()
            .isEqualTo("recording 0 at position " + broken +
            ": a frame length of 7; the rest of the term is not checked");
        assertThatThrownBy(() -> directory.verify(3)).hasMessageContaining("there is no recording 3");
    }

    @Test
    void atFsyncLevelOneEverySegmentIsForcedWhenItFillsAndAtLevelZeroNone() throws Exception
    {
        for (final int level : new int[] {0, 1})
        {
            launch(new ArchiveContext().fsyncLevel(level));
            archive.startRecording(CHANNEL, STREAM);
            try (ExclusivePublication publication = client.addExclusivePublication(CHANNEL, STREAM);
                 RecordingPositions counters = RecordingPositions.open(archiveDirectory))
            {
                await("the recording's subscriber", publication::isConnected);
                final long end = RecordAndReplayTest.publish(publication, 0, 1_000)[1_000];
                await("the recording", () -> archive.listRecordings(0, 10).size() == 1);
                final long recordingId = archive.listRecordings(0, 10).getFirst().recordingId();
                await("recorded", () -> counters.position(recordingId) == end);
                final long filled = end / (64 * 1024);
                assertThat(filled).as("segments filled").isGreaterThan(5);
                final long fsyncs = counters.activity().getFirst().fsyncs();
                if (level == 0)
                {
                    assertThat(fsyncs).isZero();
                }
                else
                {
                    assertThat(fsyncs).as("one per segment filled, and one a second").isGreaterThanOrEqualTo(filled);
                }
                archive.stopRecording(CHANNEL, STREAM);
                archive.deleteRecording(recordingId);
            }
            tearDown();
            resources.clear();
        }
    }
}
