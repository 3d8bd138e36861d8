package io.nanostream.cli;

import io.nanostream.archive.Archive;
import io.nanostream.archive.ArchiveClient;
import io.nanostream.archive.ArchiveContext;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.driver.MediaDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code archive list}, {@code describe}, {@code verify} and {@code orphans} read an archive's directory while the
 * archive runs; {@code replay}, {@code truncate}, {@code delete} and {@code replicate} ask the running archive.
 */
class ArchiveCommandsTest
{
    @TempDir
    Path archiveDirectory;
    @TempDir
    Path sourceDirectory;

    @Test
    void replicateCopiesARecordingFromAnArchiveThatAnswersOverUdp() throws Exception
    {
        final int port;
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        final String sourceControl = "nano:udp?endpoint=127.0.0.1:" + port;
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             Archive source = Archive.launch(new ArchiveContext().archiveDirectory(sourceDirectory).controlChannel(sourceControl, 77)
                 .clientContext(new ClientContext().directory(driver.directory())));
             Archive copy = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory)
                 .clientContext(new ClientContext().directory(driver.directory())));
             NanoStream client = driver.connect();
             ArchiveClient sourceClient = ArchiveClient.connect(client, sourceControl, 77,
                 ArchiveClient.DEFAULT_RESPONSE_CHANNEL, java.time.Duration.ofSeconds(30)))
        {
            sourceClient.startRecording("nano:ipc?term-length=64k", 42);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try (ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", 42))
            {
                final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
                for (int i = 0; i < 100; i++)
                {
                    while (publication.offer(message, 0, 64) < 0)
                    {
                        assertThat(System.nanoTime() - deadline).as("message " + i).isNegative();
                        Thread.yield();
                    }
                }
                while (sourceClient.listRecordings(0, 1).isEmpty() ||
                    sourceClient.recordingPosition(0) < publication.position())
                {
                    assertThat(System.nanoTime() - deadline).as("recorded").isNegative();
                    Thread.sleep(1);
                }
            }
            sourceClient.stopRecording("nano:ipc?term-length=64k", 42);
            final long stopPosition = sourceClient.recordingPosition(0);
            final String started = CliOutput.run("archive", "replicate", "0", "--source-channel", sourceControl,
                "--source-stream", "77", "--local-channel", "nano:udp?endpoint=127.0.0.1:" +
                (port == 65535 ? port - 1 : port + 1), "--dir", driver.directory().toString());
            assertThat(started).contains("replication 1 of recording 0 from " + sourceControl + " started");
            while (Archive.recordings(archiveDirectory).isEmpty() ||
                Archive.recordings(archiveDirectory).getFirst().stopPosition() != stopPosition)
            {
                assertThat(System.nanoTime() - deadline).as("the copy").isNegative();
                Thread.sleep(10);
            }
            assertThat(CliOutput.run("archive", "describe", "0", "--archive-dir", archiveDirectory.toString()))
                .contains("replica of     recording 0 there").contains("source         replica of " + sourceControl +
                " stream 77");
        }
    }

    @Test
    void listAndDescribeShowWhatTheCatalogHolds() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             Archive archive = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory)
                 .clientContext(new ClientContext().directory(driver.directory())));
             NanoStream client = driver.connect();
             ArchiveClient archiveClient = ArchiveClient.connect(client))
        {
            archiveClient.startRecording("nano:ipc?term-length=64k", 42);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try (ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", 42))
            {
                final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
                while (publication.offer(message, 0, 64) < 0 || archiveClient.listRecordings(0, 1).isEmpty() ||
                    archiveClient.recordingPosition(0) < publication.position())
                {
                    assertThat(System.nanoTime() - deadline).as("a message recorded").isNegative();
                    Thread.sleep(1);
                }
            }
            final String stat = CliOutput.run("stat", "--once", "--interval-ms", "1", "--dir",
                driver.directory().toString(), "--archive-dir", archiveDirectory.toString());
            assertThat(stat).contains("archive " + archiveDirectory + "  pid " + ProcessHandle.current().pid() +
                "  replay sessions 0")
                .containsPattern("conductor cycles over 1,000,000 ns: [0-9,]+ \\(longest [0-9,]+ ns\\)")
                .containsPattern("(?m)^0 +[0-9,]+ +[0-9,]+ +0 +0$");
            final String list = CliOutput.run("archive", "list", "--archive-dir", archiveDirectory.toString());
            assertThat(list).contains("1 recording(s) in " +
                archiveDirectory).containsPattern("(?m)^0 +42 .* recording +.*nano:ipc");
            archiveClient.stopRecording("nano:ipc?term-length=64k", 42);
            final String describe = CliOutput.run("archive", "describe", "0", "--archive-dir",
                archiveDirectory.toString());
            assertThat(describe).contains("recording      0").contains("stream         42").contains("term length    65536")
                .containsPattern("stop position  [0-9]+");
        }
    }

    @Test
    void verifyReplayTruncateDeleteAndOrphans() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             Archive archive = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory).frameChecksums(true)
                 .clientContext(new ClientContext().directory(driver.directory())));
             NanoStream client = driver.connect();
             ArchiveClient archiveClient = ArchiveClient.connect(client))
        {
            final String dir = driver.directory().toString();
            final String archiveDir = archiveDirectory.toString();
            archiveClient.startRecording("nano:ipc?term-length=64k", 42);
            final long[] positions = new long[101];
            try (ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", 42))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!publication.isConnected())
                {
                    assertThat(System.nanoTime() - deadline).as("the recording's subscriber").isNegative();
                    Thread.sleep(1);
                }
                final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
                for (int i = 0; i < 100; i++)
                {
                    message.putInt(0, 0xC0FFEE00 + i);
                    positions[i] = publication.position();
                    while (publication.offer(message, 0, 64) < 0)
                    {
                        assertThat(System.nanoTime() - deadline).as("offering").isNegative();
                        Thread.yield();
                    }
                }
                positions[100] = publication.position();
                while (archiveClient.listRecordings(0, 1).isEmpty() ||
                    archiveClient.recordingPosition(0) < positions[100])
                {
                    assertThat(System.nanoTime() - deadline).as("recorded").isNegative();
                    Thread.sleep(1);
                }
            }
            archiveClient.stopRecording("nano:ipc?term-length=64k", 42);

            assertThat(CliOutput.run("archive", "verify", "--archive-dir", archiveDir)).isEqualTo(
                "1 recording(s) verified, 0 with problems" + System.lineSeparator());
            final String replay = CliOutput.run("archive", "replay", "0", "--dir", dir, "--position",
                Long.toString(positions[98]));
            assertThat(replay.lines().toList()).hasSize(3);
            assertThat(replay).contains("64  " + "62eeffc0").contains("64  " +
                "63eeffc0").contains("2 message(s) replayed from recording 0");

            assertThat(CliOutput.run("archive", "truncate", "0", Long.toString(positions[50]), "--dir", dir))
                .contains("recording 0 now stops at " + positions[50]);
            assertThat(CliOutput.run(1, "archive", "truncate", "0", Long.toString(positions[60]), "--dir",
                dir)).isEmpty();
            assertThat(CliOutput.run("archive", "replay", "0", "--dir",
                dir)).contains("50 message(s) replayed from recording 0");

            final java.nio.file.Path stray = java.nio.file.Files.write(archiveDirectory.resolve("9-0.rec"),
                new byte[8]);
            assertThat(CliOutput.run("archive", "orphans", "--archive-dir", archiveDir)).contains("orphan " + stray)
                .contains("1 orphaned segment file(s) in " + archiveDir + "; stop the archive and add --delete");
            assertThat(CliOutput.run("archive", "delete", "0", "--dir",
                dir)).contains("recording 0 deleted, with 1 segment file(s)");
            assertThat(CliOutput.run("archive", "list", "--archive-dir", archiveDir)).contains("0 recording(s)");
            archive.close();
            assertThat(CliOutput.run("archive", "orphans", "--archive-dir", archiveDir,
                "--delete")).contains("deleted " + stray);
            assertThat(stray).doesNotExist();
        }
    }
}
