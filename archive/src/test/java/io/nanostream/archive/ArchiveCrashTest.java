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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An archive killed with {@code kill -9} while it records, at a random moment, again and again: after each restart
 * every recording is stopped at its last whole frame on disk, and a replay gives every message before that position
 * exactly once, in order, byte for byte. {@code nanostream.test.archive.kills} sets how many kills (3 in the suite).
 */
class ArchiveCrashTest
{
    private static final int KILLS = Integer.getInteger("nanostream.test.archive.kills", 3);
    private static final String CHANNEL = "nano:ipc?term-length=64k";

    @TempDir
    Path archiveDirectory;

    @Test
    void anArchiveKilledWhileRecordingRestartsWithEachRecordingWholeToItsLastCompleteFrame() throws Exception
    {
        final Path base = new DriverContext().directory();
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() + "-crash-" +
                 UUID.randomUUID())).threadingMode(ThreadingMode.SHARED).idleStrategy("backoff"));
             NanoStream client = driver.connect())
        {
            for (int kill = 0; kill < KILLS; kill++)
            {
                final int stream = 1_000 + kill;
                final int controlStream = 2_000 +
                    kill; // a killed archive's control subscription lives on until its client times out
                final Process archiveProcess = startArchive(driver.directory(), controlStream);
                try (ArchiveClient archive = ArchiveClient.connect(client, ArchiveContext.DEFAULT_CONTROL_CHANNEL,
                    controlStream, ArchiveClient.DEFAULT_RESPONSE_CHANNEL, Duration.ofSeconds(30)))
                {
                    archive.startRecording(CHANNEL, stream);
                }
                final long[] positions = new long[1_000_000];
                final int[] published = {0};
                try (ExclusivePublication publication = client.addExclusivePublication(CHANNEL, stream))
                {
                    RecordAndReplayTest.await("the archive's recording subscriber", publication::isConnected);
                    final AtomicBoolean running = new AtomicBoolean(true);
                    final CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> publish(publication,
                        running, positions, published));
                    Thread.sleep(ThreadLocalRandom.current().nextInt(50, 400));
                    archiveProcess.destroyForcibly(); // SIGKILL: no shutdown hook, no close
                    assertThat(archiveProcess.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    running.set(false);
                    publisher.get(60, TimeUnit.SECONDS);
                }
                try (Archive restarted = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory)
                         .clientContext(new ClientContext().directory(driver.directory())).controlChannel(ArchiveContext.DEFAULT_CONTROL_CHANNEL,
                         controlStream + 100));
                     ArchiveClient archive = ArchiveClient.connect(client, ArchiveContext.DEFAULT_CONTROL_CHANNEL,
                         controlStream + 100, ArchiveClient.DEFAULT_RESPONSE_CHANNEL, Duration.ofSeconds(30)))
                {
                    final List<RecordingDescriptor> recordings = archive.listRecordingsForStream(0, 10, "", stream);
                    assertThat(recordings).as("kill %d", kill).hasSize(1);
                    final RecordingDescriptor recording = recordings.getFirst();
                    assertThat(recording.isActive()).as("stopped on restart").isFalse();
                    assertThat(recording.startPosition()).isEqualTo(positions[0]);
                    int whole = 0;
                    while (whole < published[0] && positions[whole + 1] <= recording.stopPosition())
                    {
                        whole++;
                    }
                    System.out.printf("kill %d: %d messages published, %d whole in the recording, stopped at %d%n",
                        kill, published[0], whole, recording.stopPosition());
                    if (whole > 0)
                    {
                        try (Subscription replay = client.addSubscription("nano:ipc", 3_000 + kill))
                        {
                            archive.startReplay(recording.recordingId(), -1, -1, "nano:ipc", 3_000 + kill);
                            RecordAndReplayTest.receive(replay, 0, whole);
                        }
                    }
                }
            }
        }
    }

    private static void publish(final ExclusivePublication publication, final AtomicBoolean running,
        final long[] positions, final int[] published)
    {
        final io.nanostream.buffer.AtomicBuffer message = io.nanostream.buffer.AtomicBuffer.allocateHeap(4096);
        positions[0] = publication.position();
        for (int i = 0; i < positions.length - 1 && running.get(); )
        {
            message.putLong(0, i);
            for (int b = 8; b < RecordAndReplayTest.length(i); b++)
            {
                message.putByte(b, (byte)(i + b));
            }
            final long result = publication.offer(message, 0, RecordAndReplayTest.length(i));
            if (result > 0)
            {
                positions[i + 1] = result;
                published[0] = ++i;
            }
            else
            {
                Thread.yield();
            }
        }
    }

    private Process startArchive(final Path driverDirectory, final int controlStream) throws Exception
    {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            ArchiveMain.class.getName(), archiveDirectory.toString(), driverDirectory.toString(),
            Integer.toString(controlStream)).redirectErrorStream(true).start();
        final BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        final StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null && !line.startsWith("READY"))
        {
            seen.append(line).append('\n');
        }
        assertThat(line).as("the archive process started:\n" + seen).isNotNull();
        Thread.ofPlatform().daemon().start(() -> output.lines().forEach(l -> { })); // drained, so it never blocks on a full pipe
        return process;
    }
}
