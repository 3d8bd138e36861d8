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

/** {@code archive list} and {@code archive describe} read an archive's catalog while the archive runs. */
class ArchiveCommandsTest
{
    @TempDir
    Path archiveDirectory;

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
            final String list = CliOutput.run("archive", "list", "--archive-dir", archiveDirectory.toString());
            assertThat(list).contains("1 recording(s) in " + archiveDirectory).containsPattern("(?m)^0 +42 .* recording +.*nano:ipc");
            archiveClient.stopRecording("nano:ipc?term-length=64k", 42);
            final String describe = CliOutput.run("archive", "describe", "0", "--archive-dir", archiveDirectory.toString());
            assertThat(describe).contains("recording      0").contains("stream         42").contains("term length    65536")
                .containsPattern("stop position  [0-9]+");
        }
    }
}
