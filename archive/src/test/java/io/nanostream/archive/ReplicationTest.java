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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An archive copies a recording from another archive over UDP, follows it while the source records, and finishes with
 * it: the copy is one recording of its own, a replica naming the source's id, whose replay gives every message, in
 * order, byte for byte. The copy goes on from its own stop position after the source archive restarts, and after the
 * link between two network namespaces is cut for 5 s.
 */
class ReplicationTest
{
    private static final String LIVE = "nano:ipc?term-length=256k";
    private static final int STREAM = 1001;
    private static final int SOURCE_CONTROL_STREAM = 100;

    @TempDir
    Path sourceDirectory;
    @TempDir
    Path copyDirectory;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Throwable> copyErrors = new CopyOnWriteArrayList<>();

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

    @Test
    void aRecordingIsCopiedFollowedWhileLiveAndFinishedWithItsSource() throws Exception
    {
        final String sourceControl = "nano:udp?endpoint=127.0.0.1:" + freePort();
        final MediaDriver sourceDriver = keep(driver("source"));
        keep(sourceArchive(sourceDriver, sourceControl));
        final NanoStream sourceClient = keep(sourceDriver.connect());
        final ArchiveClient source = keep(ArchiveClient.connect(sourceClient, sourceControl, SOURCE_CONTROL_STREAM,
            ArchiveClient.DEFAULT_RESPONSE_CHANNEL, Duration.ofSeconds(30)));
        final NanoStream copyClient = keep(copyArchive(keep(driver("copy"))));
        final ArchiveClient copy = keep(ArchiveClient.connect(copyClient));

        final ExclusivePublication publication = keep(sourceClient.addExclusivePublication(LIVE, STREAM));
        source.startRecording(LIVE, STREAM);
        RecordAndReplayTest.await("the source's recording subscriber", publication::isConnected);
        RecordAndReplayTest.publish(publication, 0, 5_000);
        RecordAndReplayTest.await("the source recording", () -> !source.listRecordings(0, 1).isEmpty());
        final RecordingDescriptor recorded = source.listRecordings(0, 1).getFirst();

        final long replicationId = copy.replicate(recorded.recordingId(), sourceControl, SOURCE_CONTROL_STREAM,
            "nano:udp?endpoint=127.0.0.1:" + freePort());
        RecordAndReplayTest.publish(publication, 5_000, 10_000);
        final RecordingDescriptor replica = awaitReplica(copy, recorded.recordingId());
        awaitCaughtUp(copy, replica.recordingId(), () -> source.recordingPosition(recorded.recordingId()));
        assertThat(copy.describe(replica.recordingId()).isActive()).as("following the source while it records").isTrue();

        final long[] last = RecordAndReplayTest.publish(publication, 10_000, 12_000);
        RecordAndReplayTest.await("the source to record the last message",
            () -> source.recordingPosition(recorded.recordingId()) == last[last.length - 1]);
        publication.close();
        source.stopRecording(LIVE,
            STREAM); // it stops where it got to: the wait above makes that the end of message 11,999
        final long stopPosition = source.recordingPosition(recorded.recordingId());
        RecordAndReplayTest.await("the copy to stop with its source",
            () -> copy.describe(replica.recordingId()).stopPosition() == stopPosition);

        final RecordingDescriptor finished = copy.describe(replica.recordingId());
        assertThat(finished.startPosition()).isEqualTo(recorded.startPosition());
        assertThat(finished.initialTermId()).isEqualTo(recorded.initialTermId());
        assertThat(finished.sessionId()).isEqualTo(recorded.sessionId());
        assertThat(finished.streamId()).isEqualTo(STREAM);
        assertThat(finished.source()).contains(sourceControl);
        assertThat(copy.listRecordings(0, 10)).as("one copy").hasSize(1);
        replayAndCheck(copyClient, copy, replica.recordingId(), 12_000);
        RecordAndReplayTest.await("the replication to end", () -> endedOrRunning(copy, replicationId));
        // attempts that failed on a busy machine (a replay slow to connect) are retried: how many is not the outcome
    }

    @Test
    void theCopyGoesOnFromItsOwnStopPositionAfterTheSourceArchiveRestarts() throws Exception
    {
        final String sourceControl = "nano:udp?endpoint=127.0.0.1:" + freePort();
        final MediaDriver sourceDriver = keep(driver("source"));
        final Archive firstSource = sourceArchive(sourceDriver, sourceControl);
        final NanoStream sourceClient = keep(sourceDriver.connect());
        final NanoStream copyClient = keep(copyArchive(keep(driver("copy"))));
        final ArchiveClient copy = keep(ArchiveClient.connect(copyClient));
        final RecordingDescriptor recorded;
        final long[] endPositions = new long[6_000];
        final ExclusivePublication publication = keep(sourceClient.addExclusivePublication(LIVE, STREAM));
        try (ArchiveClient source = ArchiveClient.connect(sourceClient, sourceControl, SOURCE_CONTROL_STREAM,
            ArchiveClient.DEFAULT_RESPONSE_CHANNEL, Duration.ofSeconds(30)))
        {
            source.startRecording(LIVE, STREAM);
            RecordAndReplayTest.await("the source's recording subscriber", publication::isConnected);
            final long[] first = RecordAndReplayTest.publish(publication, 0, 3_000);
            System.arraycopy(first, 1, endPositions, 0, 3_000);
            RecordAndReplayTest.await("the source recording", () -> !source.listRecordings(0, 1).isEmpty());
            recorded = source.listRecordings(0, 1).getFirst();
            copy.replicate(recorded.recordingId(), sourceControl, SOURCE_CONTROL_STREAM,
                "nano:udp?endpoint=127.0.0.1:" + freePort());
            final RecordingDescriptor replica = awaitReplica(copy, recorded.recordingId());
            awaitCaughtUp(copy, replica.recordingId(), () -> source.recordingPosition(recorded.recordingId()));
            final long[] second = RecordAndReplayTest.publish(publication, 3_000,
                6_000); // the copy follows; the source goes while it does
            System.arraycopy(second, 1, endPositions, 3_000, 3_000);
        }
        firstSource.close();
        final long stopPosition = Archive.recordings(sourceDirectory).getFirst().stopPosition();
        Thread.sleep(1_000); // attempts fail while the source is away
        keep(sourceArchive(sourceDriver, sourceControl));

        RecordAndReplayTest.await("the copy to stop where its source did", () ->
        {
            final List<RecordingDescriptor> copies = copy.listRecordings(0, 10);
            return copies.size() == 1 && copies.getFirst().stopPosition() == stopPosition;
        });
        final RecordingDescriptor finished = copy.listRecordings(0, 10).getFirst();
        assertThat(finished.sourceRecordingId()).isEqualTo(recorded.recordingId());
        assertThat(finished.startPosition()).isEqualTo(recorded.startPosition());
        replayAndCheck(copyClient, copy, finished.recordingId(), messagesUpTo(stopPosition, endPositions));
    }

    @Test
    void aReplicationRequestThatCannotWorkIsRefusedOrEndsWithTheReason() throws Exception
    {
        final String sourceControl = "nano:udp?endpoint=127.0.0.1:" + freePort();
        final MediaDriver sourceDriver = keep(driver("source"));
        keep(sourceArchive(sourceDriver, sourceControl));
        final NanoStream copyClient = keep(copyArchive(keep(driver("copy"))));
        final ArchiveClient copy = keep(ArchiveClient.connect(copyClient));

        assertThatThrownBy(() -> copy.replicate(0, sourceControl, SOURCE_CONTROL_STREAM, "nano:ipc"))
            .isInstanceOf(ArchiveException.class).hasMessageContaining("a UDP channel of this archive's machine");
        assertThatThrownBy(() -> copy.replicate(0, "nano:udp?endpoint=", SOURCE_CONTROL_STREAM,
            "nano:udp?endpoint=127.0.0.1:9"))
            .isInstanceOf(ArchiveException.class);
        assertThatThrownBy(() -> copy.stopReplication(42)).isInstanceOf(ArchiveException.class)
            .hasMessageContaining("no replication 42");

        final long replicationId = copy.replicate(7, sourceControl, SOURCE_CONTROL_STREAM,
            "nano:udp?endpoint=127.0.0.1:" + freePort());
        RecordAndReplayTest.await("the refusal", () -> copyErrors.stream().anyMatch(error ->
            error.getMessage().contains("there is no recording 7 at the source archive")));
        RecordAndReplayTest.await("the replication to end", () -> endedOrRunning(copy, replicationId));
        assertThat(copy.listRecordings(0, 10)).as("no copy made").isEmpty();
    }

    @Test
    void aCopyInAnotherNetworkNamespaceGoesOnAfterTheLinkIsCutForFiveSeconds() throws Exception
    {
        final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000), 36);
        final int subnet = ThreadLocalRandom.current().nextInt(1, 250);
        final String namespace = "nsrep" + suffix;
        final String hostSide = "vrh" + suffix;
        final String namespaceSide = "vrn" + suffix;
        final String sourceAddress = "10.213." + subnet + ".1";
        final String copyAddress = "10.213." + subnet + ".2";
        final String made = sh("ip netns add " + namespace + " && ip link add " + hostSide + " type veth peer name " +
            namespaceSide + " && ip link set " + namespaceSide + " netns " + namespace + " && ip -n " + namespace +
            " addr add " + sourceAddress + "/24 dev " + namespaceSide + " && ip -n " + namespace + " link set " +
            namespaceSide + " up && ip -n " + namespace + " link set lo up" + " && ip addr add " + copyAddress +
            "/24 dev " + hostSide + " && ip link set " + hostSide + " up && echo MADE");
        resources.add(() -> sh("ip link del " + hostSide + "; ip netns del " + namespace));
        assertThat(made).as("two network namespaces joined by a veth pair (this test runs as root, as the suite does)").contains("MADE");

        final String sourceControl = "nano:udp?endpoint=" + sourceAddress + ":20110";
        final Path base = new DriverContext().directory();
        final String java = ProcessHandle.current().info().command().orElse("java");
        final Process sourceProcess = new ProcessBuilder("ip", "netns", "exec", namespace, java, "-Xmx512m", "-cp",
            System.getProperty("java.class.path"), ReplicationSourceMain.class.getName(),
            base.resolveSibling(base.getFileName() + "-repsrc-" + UUID.randomUUID()).toString(),
            sourceDirectory.toString(), sourceControl, Integer.toString(SOURCE_CONTROL_STREAM), LIVE,
            Integer.toString(STREAM)).redirectErrorStream(true).start();
        resources.add(() ->
        {
            sourceProcess.destroyForcibly();
            sourceProcess.waitFor(30, TimeUnit.SECONDS);
        });
        final BufferedReader sourceOutput = new BufferedReader(new InputStreamReader(sourceProcess.getInputStream(),
            StandardCharsets.UTF_8));
        final PrintWriter sourceInput = new PrintWriter(sourceProcess.getOutputStream(), true, StandardCharsets.UTF_8);
        final long sourceRecordingId = Long.parseLong(awaitLine(sourceOutput, "RECORDING "));

        final NanoStream copyClient = keep(copyArchive(keep(driver("copy"))));
        final ArchiveClient copy = keep(ArchiveClient.connect(copyClient));
        copy.replicate(sourceRecordingId, sourceControl, SOURCE_CONTROL_STREAM, "nano:udp?endpoint=" + copyAddress +
            ":20111");
        final RecordingDescriptor replica = awaitReplica(copy, sourceRecordingId);
        final long beforeCut = awaitPositionPast(copy, replica.recordingId(), 1L << 20);

        assertThat(sh("ip link set " + hostSide + " down && echo DOWN")).contains("DOWN");
        Thread.sleep(5_000);
        final long duringCut = copy.recordingPosition(replica.recordingId());
        assertThat(sh("ip link set " + hostSide + " up && echo UP")).contains("UP");
        System.out.printf("replication: copy at %d before the cut, %d after 5 s cut%n", beforeCut, duringCut);
        awaitPositionPast(copy, replica.recordingId(), duringCut + (1L << 20)); // following live again

        sourceInput.println("STOP");
        final long published = Long.parseLong(awaitLine(sourceOutput, "PUBLISHED "));
        final long stopPosition = Long.parseLong(awaitLine(sourceOutput, "STOPPED "));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (copy.describe(replica.recordingId()).stopPosition() != stopPosition)
        {
            assertThat(System.nanoTime() - deadline).as("the copy reaching " + stopPosition + ", at " +
                copy.recordingPosition(replica.recordingId()) + "; errors " + copyErrors).isNegative();
            Thread.sleep(10);
        }
        sourceInput.println("EXIT");
        assertThat(copy.listRecordings(0, 10)).as("one copy, continued, not a second").hasSize(1);
        System.out.printf("replication: %d messages, copy stopped at %d with its source; attempts that failed: %s%n",
            published, stopPosition, copyErrors.stream().map(Throwable::getMessage).toList());
        replayAndCheck(copyClient, copy, replica.recordingId(), published);
    }

    /** Replays a recording over IPC and checks messages 0 to {@code count - 1}, byte for byte, none more. */
    private static void replayAndCheck(final NanoStream client, final ArchiveClient archive, final long recordingId,
        final long count) throws InterruptedException
    {
        final int replayStream = ThreadLocalRandom.current().nextInt(3_000, 4_000);
        try (Subscription replay = client.addSubscription("nano:ipc", replayStream))
        {
            archive.startReplay(recordingId, -1, -1, "nano:ipc", replayStream);
            RecordAndReplayTest.receive(replay, 0, count);
        }
    }

    /** How many of the messages whose end positions are given lie wholly before a position. */
    private static long messagesUpTo(final long stopPosition, final long[] endPositions)
    {
        long whole = 0;
        while (whole < endPositions.length && endPositions[(int)whole] <= stopPosition)
        {
            whole++;
        }
        return whole;
    }

    private static boolean endedOrRunning(final ArchiveClient copy, final long replicationId)
    {
        try
        {
            copy.stopReplication(replicationId);
            return false; // it was still running: stopped now, and the check fails
        }
        catch (final ArchiveException ended)
        {
            return ended.getMessage().contains("no replication " + replicationId);
        }
    }

    private static RecordingDescriptor awaitReplica(final ArchiveClient copy,
        final long sourceRecordingId) throws InterruptedException
    {
        RecordAndReplayTest.await("the copy", () -> !copy.listRecordings(0, 1).isEmpty());
        final RecordingDescriptor replica = copy.listRecordings(0, 1).getFirst();
        assertThat(replica.isReplica()).isTrue();
        assertThat(replica.sourceRecordingId()).isEqualTo(sourceRecordingId);
        return replica;
    }

    private static void awaitCaughtUp(final ArchiveClient copy, final long copyId,
        final java.util.function.LongSupplier source) throws InterruptedException
    {
        RecordAndReplayTest.await("the copy to catch up", () -> copy.recordingPosition(copyId) == source.getAsLong());
    }

    private long awaitPositionPast(final ArchiveClient copy, final long copyId,
        final long position) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        long at;
        while ((at = copy.recordingPosition(copyId)) <= position)
        {
            assertThat(System.nanoTime() - deadline).as("the copy passing " + position + ", at " + at + "; errors " +
                copyErrors).isNegative();
            Thread.sleep(10);
        }
        return at;
    }

    private static String awaitLine(final BufferedReader output, final String prefix) throws Exception
    {
        final StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null && !line.startsWith(prefix))
        {
            seen.append(line).append('\n');
        }
        assertThat(line).as("the source process's line " + prefix + "; it printed:\n" + seen).isNotNull();
        return line.substring(prefix.length()).trim();
    }

    private MediaDriver driver(final String name)
    {
        final Path base = new DriverContext().directory();
        return MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() + "-" + name +
            "-" + UUID.randomUUID()))
            .threadingMode(ThreadingMode.SHARED).idleStrategy("backoff").imageLivenessTimeout(Duration.ofSeconds(2)));
    }

    private Archive sourceArchive(final MediaDriver driver, final String controlChannel)
    {
        return Archive.launch(new ArchiveContext().archiveDirectory(sourceDirectory).segmentLength(1024 * 1024)
            .clientContext(new ClientContext().directory(driver.directory())).controlChannel(controlChannel,
            SOURCE_CONTROL_STREAM)
            .replayConnectTimeout(Duration.ofSeconds(3)));
    }

    /** The archive that copies, on its own driver, with its errors kept; returns a client of its driver. */
    private NanoStream copyArchive(final MediaDriver driver)
    {
        keep(Archive.launch(new ArchiveContext().archiveDirectory(copyDirectory).segmentLength(1024 * 1024)
            .clientContext(new ClientContext().directory(driver.directory())).replayConnectTimeout(Duration.ofSeconds(3))
            .errorHandler(copyErrors::add)));
        return driver.connect();
    }

    private static String sh(final String command) throws Exception
    {
        final Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private static int freePort() throws java.io.IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
