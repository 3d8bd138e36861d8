package io.nanostream.archive;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.Image;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recording a stream as it flows and replaying it: every message, in order, byte for byte, from the start or from any
 * message's position, while the recording goes on or after it stopped; and the requests the archive refuses, each
 * with what to do instead.
 */
class RecordAndReplayTest
{
    private static final String CHANNEL = "nano:ipc?term-length=64k";
    private static final int STREAM = 10;
    private static final int REPLAY_STREAM = 20;

    @TempDir
    Path archiveDirectory;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private MediaDriver driver;
    private NanoStream client;
    private ArchiveClient archive;

    @BeforeEach
    void setUp()
    {
        final Path base = new DriverContext().directory();
        driver = keep(MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() +
            "-archive-" + UUID.randomUUID()))
            .threadingMode(ThreadingMode.SHARED).idleStrategy("backoff")));
        keep(Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory)
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

    static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime() - deadline).as("waiting for " + what).isNegative();
            Thread.sleep(1);
        }
    }

    /**
     * Message {@code i}: its number, then a pattern, {@code 8 + i * 37 % 3000} bytes long (some span several frames).
     */
    static int length(final long i)
    {
        return 8 + (int)(i * 37 % 3000);
    }

    /** Publishes messages {@code from} to {@code to - 1}; returns the position before each and after the last. */
    static long[] publish(final ExclusivePublication publication, final long from,
        final long to) throws InterruptedException
    {
        final AtomicBuffer message = AtomicBuffer.allocateHeap(4096);
        final long[] positions = new long[(int)(to - from) + 1];
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (long i = from; i < to; i++)
        {
            message.putLong(0, i);
            for (int b = 8; b < length(i); b++)
            {
                message.putByte(b, (byte)(i + b));
            }
            positions[(int)(i - from)] = publication.position();
            while (publication.offer(message, 0, length(i)) < 0)
            {
                assertThat(System.nanoTime() - deadline).as("offering message " + i).isNegative();
                Thread.yield();
            }
        }
        positions[positions.length - 1] = publication.position();
        return positions;
    }

    /** Receives messages {@code from} to {@code to - 1} from a subscription, each checked byte for byte, none more. */
    static void receive(final Subscription subscription, final long from, final long to) throws InterruptedException
    {
        final MessageChecker checker = new MessageChecker(from);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (checker.next() < to)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("waiting for messages " + from + " to " + to + ": received up to " +
                    checker.next() + ", problems " + checker.problems() + ", images " +
                    subscription.images().stream().map(image -> "session " + image.sessionId() + " at " +
                    image.position() + (image.isEndOfStream() ? " (end of stream)" : "")).toList());
            }
            if (subscription.poll(checker.handler(), 64) == 0)
            {
                Thread.sleep(1);
            }
        }
        assertThat(checker.problems()).isEmpty();
        Thread.sleep(50);
        subscription.poll(checker.handler(), 64);
        assertThat(checker.next()).as("nothing after the last").isEqualTo(to);
    }

    private RecordingDescriptor onlyRecording() throws InterruptedException
    {
        await("the recording to start", () -> !archive.listRecordings(0, 10).isEmpty());
        final List<RecordingDescriptor> recordings = archive.listRecordings(0, 10);
        assertThat(recordings).hasSize(1);
        return recordings.getFirst();
    }

    @Test
    void aRecordedStreamReplaysWholeFromItsStartAndFromAnyMessage() throws Exception
    {
        archive.startRecording(CHANNEL, STREAM);
        final ExclusivePublication publication = keep(client.addExclusivePublication(CHANNEL, STREAM));
        await("the recording's subscriber", publication::isConnected);
        final long[] positions = publish(publication, 0, 5_000);
        final long end = positions[positions.length - 1];
        final RecordingDescriptor recording = onlyRecording();
        await("the recording to catch up", () -> archive.recordingPosition(recording.recordingId()) == end);
        assertThat(recording.isActive()).isTrue();
        assertThat(recording.sessionId()).isEqualTo(publication.sessionId());
        assertThat(recording.streamId()).isEqualTo(STREAM);
        assertThat(recording.termLength()).isEqualTo(64 * 1024);
        assertThat(recording.startPosition()).isEqualTo(positions[0]);
        archive.stopRecording(CHANNEL, STREAM);
        final RecordingDescriptor stopped = archive.describe(recording.recordingId());
        assertThat(stopped.isActive()).isFalse();
        assertThat(stopped.stopPosition()).isEqualTo(end);
        assertThat(stopped.stopTimestamp()).isGreaterThanOrEqualTo(stopped.startTimestamp());

        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM))
        {
            archive.startReplay(recording.recordingId(), -1, -1, "nano:ipc", REPLAY_STREAM);
            receive(replay, 0, 5_000);
            final Image image = replay.images().getFirst();
            assertThat(image.joinPosition()).as("the replay has the recording's positions").isEqualTo(positions[0]);
            await("the end of the replay", image::isEndOfStream);
        }
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM + 1))
        {
            archive.startReplay(recording.recordingId(), positions[3_210], positions[4_000] - positions[3_210],
                "nano:ipc", REPLAY_STREAM + 1);
            receive(replay, 3_210, 4_000);
        }
    }

    @Test
    void aClientThatGoesWithoutClosingItsSessionHasItsSessionAndReplaysEnded() throws Exception
    {
        archive.startRecording(CHANNEL, STREAM);
        final ExclusivePublication publication = keep(client.addExclusivePublication(CHANNEL, STREAM));
        await("the recording's subscriber", publication::isConnected);
        publish(publication, 0, 100);
        final RecordingDescriptor recording = onlyRecording();
        try (RecordingPositions counters = RecordingPositions.open(archiveDirectory);
             Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM))
        {
            final NanoStream otherClient = driver.connect();
            final ArchiveClient goneSession = ArchiveClient.connect(otherClient);
            goneSession.startReplay(recording.recordingId(), -1, -1, "nano:ipc",
                REPLAY_STREAM); // follows: it never ends by itself
            receive(replay, 0, 100);
            assertThat(counters.replaySessions()).isEqualTo(1);
            otherClient.close(); // the session's response stream goes, and no CLOSE_SESSION is sent: as a client killed
            await("the gone client's replay to end", () -> counters.replaySessions() == 0);
            publish(publication, 100, 200);
            assertThat(replay.poll((buffer, offset, length, header) -> { },
                1_000)).as("nothing replayed after the session ended")
                .isLessThan(1_000);
        }
        assertThat(archive.recordingPosition(recording.recordingId())).as("this client's session lives on").isPositive();
    }

    @Test
    void aRecordingsPositionBytesAndReplaysShowInItsCountersToAnyReader() throws Exception
    {
        archive.startRecording(CHANNEL, STREAM);
        final ExclusivePublication publication = keep(client.addExclusivePublication(CHANNEL, STREAM));
        await("the recording's subscriber", publication::isConnected);
        final long[] positions = publish(publication, 0, 1_000);
        final RecordingDescriptor recording = onlyRecording();
        try (RecordingPositions counters = RecordingPositions.open(archiveDirectory))
        {
            assertThat(counters.archivePid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(counters.dutyCycleThresholdNanos()).as("the context's default threshold").isEqualTo(1_000_000);
            assertThat(counters.longestCycleNanos()).as("a longest cycle is one over the threshold, or none yet")
                .satisfiesAnyOf(longest -> assertThat(longest).isZero(),
                longest -> assertThat(longest).isGreaterThan(1_000_000));
            await("the counter to follow the recording",
                () -> counters.position(recording.recordingId()) == positions[1_000]);
            assertThat(counters.position(recording.recordingId() + 1)).isEqualTo(RecordingDescriptor.NULL_POSITION);
            try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM))
            {
                final long replaySession = archive.startReplay(recording.recordingId(), -1, -1, "nano:ipc",
                    REPLAY_STREAM);
                assertThat(counters.activity()).containsExactly(new RecordingActivity(recording.recordingId(),
                    positions[1_000], positions[1_000] - positions[0], 0, 1));
                assertThat(counters.replaySessions()).isEqualTo(1);
                receive(replay, 0, 1_000);
                archive.stopReplay(replaySession);
                assertThat(counters.replaySessions()).isZero();
                assertThat(counters.activity().getFirst().replaySessions()).isZero();
            }
            archive.stopRecording(CHANNEL, STREAM);
            assertThat(counters.position(recording.recordingId())).as("stopped: no longer counted").isEqualTo(RecordingDescriptor.NULL_POSITION);
            assertThat(counters.activity()).isEmpty();
        }
    }

    @Test
    void aSpyOnALocalUdpPublicationIsRecordedWithoutReceivingTheNetworkCopy() throws Exception
    {
        final String channel = "nano:udp?endpoint=127.0.0.1:" + freePort();
        archive.startRecording("nano-spy:" + channel, STREAM);
        final ExclusivePublication publication = keep(client.addExclusivePublication(channel + "|term-length=64k",
            STREAM));
        final Subscription remote = keep(client.addSubscription(channel,
            STREAM)); // a receiver, so the publication is connected
        await("the receiver and the spy", () -> publication.isConnected() && remote.imageCount() == 1 &&
            !archive.listRecordings(0, 1).isEmpty());
        final java.util.concurrent.CompletableFuture<Void> received = java.util.concurrent.CompletableFuture.runAsync(() ->
        {
            try
            {
                receive(remote, 0, 1_000); // the network copy, read as it comes: it holds the publisher to its window
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        final long end = publish(publication, 0, 1_000)[1_000];
        received.get(60, TimeUnit.SECONDS);
        final RecordingDescriptor recording = onlyRecording();
        assertThat(recording.channel()).startsWith("nano-spy:");
        assertThat(recording.sessionId()).isEqualTo(publication.sessionId());
        await("the recording to catch up", () -> archive.recordingPosition(recording.recordingId()) == end);
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM))
        {
            archive.startReplay(recording.recordingId(), -1, -1, "nano:ipc", REPLAY_STREAM);
            receive(replay, 0, 1_000);
        }
    }

    @Test
    void aUdpStreamIsRecordedAndReplayedOverUdp() throws Exception
    {
        final String channel = "nano:udp?endpoint=127.0.0.1:" + freePort();
        final String replayChannel = "nano:udp?endpoint=127.0.0.1:" + freePort();
        archive.startRecording(channel, STREAM);
        final ExclusivePublication publication = keep(client.addExclusivePublication(channel + "|term-length=64k",
            STREAM));
        await("the recording's subscriber", publication::isConnected);
        final long end = publish(publication, 0, 2_000)[2_000];
        final RecordingDescriptor recording = onlyRecording();
        await("the recording to catch up", () -> archive.recordingPosition(recording.recordingId()) == end);
        try (Subscription replay = client.addSubscription(replayChannel, REPLAY_STREAM))
        {
            archive.startReplay(recording.recordingId(), -1, -1, replayChannel, REPLAY_STREAM);
            receive(replay, 0, 2_000);
        }
    }

    private static int freePort() throws java.io.IOException
    {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    @Test
    void aReplayOfARecordingStillBeingMadeFollowsItUntilItStops() throws Exception
    {
        archive.startRecording(CHANNEL, STREAM);
        final ExclusivePublication publication = keep(client.addExclusivePublication(CHANNEL, STREAM));
        await("the recording's subscriber", publication::isConnected);
        publish(publication, 0, 1_000);
        final RecordingDescriptor recording = onlyRecording();
        try (Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM))
        {
            archive.startReplay(recording.recordingId(), -1, -1, "nano:ipc", REPLAY_STREAM);
            receive(replay, 0, 1_000);
            final long end = publish(publication, 1_000, 3_000)[2_000];
            receive(replay, 1_000, 3_000);
            await("the recording to catch up", () -> archive.recordingPosition(recording.recordingId()) == end);
            archive.stopRecording(CHANNEL, STREAM);
            await("the replay to end with the recording", () -> replay.imageCount() == 0 ||
                replay.images().getFirst().isEndOfStream());
        }
    }

    @Test
    void manyClientsAskAtOnceAndEachGetsEveryAnswer() throws Exception
    {
        archive.startRecording(CHANNEL, STREAM);
        final ExclusivePublication publication = keep(client.addExclusivePublication(CHANNEL, STREAM));
        await("the recording's subscriber", publication::isConnected);
        final long end = publish(publication, 0, 100)[100];
        final RecordingDescriptor recording = onlyRecording();
        await("the recording to catch up", () -> archive.recordingPosition(recording.recordingId()) == end);
        final List<java.util.concurrent.Future<Integer>> answered = new ArrayList<>();
        final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try
        {
            for (int c = 0; c < 4; c++)
            {
                answered.add(threads.submit(() ->
                {
                    int answers = 0;
                    try (ArchiveClient own = ArchiveClient.connect(client))
                    {
                        for (int i = 0; i < 250; i++)
                        {
                            assertThat(own.recordingPosition(recording.recordingId())).isEqualTo(end);
                            assertThat(own.listRecordings(0,
                                10)).singleElement().extracting(RecordingDescriptor::recordingId)
                                .isEqualTo(recording.recordingId());
                            assertThatThrownBy(() -> own.recordingPosition(99)).hasMessageContaining("no recording 99");
                            answers += 3;
                        }
                    }
                    return answers;
                }));
            }
            for (final java.util.concurrent.Future<Integer> clientAnswers : answered)
            {
                assertThat(clientAnswers.get(120, TimeUnit.SECONDS)).isEqualTo(750);
            }
        }
        finally
        {
            threads.shutdownNow();
        }
    }

    @Test
    void badRequestsAreRefusedWithWhatToDoAndLoseNothingRecorded() throws Exception
    {
        assertThatThrownBy(() -> archive.startRecording("nano:tcp", STREAM)).isInstanceOf(ArchiveException.class)
            .hasMessageContaining("media is 'tcp'");
        archive.startRecording(CHANNEL, STREAM);
        assertThatThrownBy(() -> archive.startRecording(CHANNEL,
            STREAM)).hasMessageContaining("already being recorded");
        assertThatThrownBy(() -> archive.stopRecording(CHANNEL, STREAM + 1)).hasMessageContaining("not being recorded");
        final ExclusivePublication publication = keep(client.addExclusivePublication(CHANNEL, STREAM));
        await("the recording's subscriber", publication::isConnected);
        final long[] positions = publish(publication, 0, 100);
        final RecordingDescriptor recording = onlyRecording();
        await("the recording to catch up", () -> archive.recordingPosition(recording.recordingId()) == positions[100]);
        archive.stopRecording(CHANNEL, STREAM);
        final long id = recording.recordingId();

        assertThatThrownBy(() -> archive.startReplay(id + 7, -1, -1, "nano:ipc", REPLAY_STREAM))
            .hasMessageContaining("no recording " + (id + 7));
        assertThatThrownBy(() -> archive.startReplay(id, positions[10] + 32, -1, "nano:ipc", REPLAY_STREAM))
            .hasMessageContaining("not the start of a frame").hasMessageContaining("from " + positions[0] + " to " +
            positions[100]);
        assertThatThrownBy(() -> archive.startReplay(id, positions[100] + 4096, -1, "nano:ipc", REPLAY_STREAM))
            .hasMessageContaining("outside recording").hasMessageContaining("from " + positions[0] + " to " +
            positions[100]);
        assertThatThrownBy(() -> archive.startReplay(id, positions[50], positions[100] - positions[50] + 32, "nano:ipc",
            REPLAY_STREAM))
            .hasMessageContaining("runs past the stop position " + positions[100]);
        assertThatThrownBy(() -> archive.startReplay(id, -1, -1, "nano:ipc?term-length=128k", REPLAY_STREAM))
            .hasMessageContaining("takes its term-length from the recording");
        assertThatThrownBy(() -> archive.stopReplay(99)).hasMessageContaining("no replay 99");
        try (ArchiveClient other = ArchiveClient.connect(client); Subscription replay = client.addSubscription("nano:ipc", REPLAY_STREAM))
        {
            final long replaySession = archive.startReplay(id, -1, -1, "nano:ipc", REPLAY_STREAM);
            assertThatThrownBy(() -> other.stopReplay(replaySession)).hasMessageContaining("belongs to another client's session");
            receive(replay, 0, 100);
        }
        assertThat(archive.describe(id).stopPosition()).as("nothing recorded was lost").isEqualTo(positions[100]);
    }
}
