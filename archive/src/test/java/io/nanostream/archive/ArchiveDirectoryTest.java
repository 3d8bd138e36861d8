package io.nanostream.archive;

import io.nanostream.archive.service.Catalog;
import io.nanostream.archive.service.CatalogLayout;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The archive's hold on its directory: one archive at a time, and a catalog damaged on
 * disk refused, never half-trusted.
 */
class ArchiveDirectoryTest
{
    @TempDir
    Path archiveDirectory;

    private static MediaDriver driver()
    {
        final Path base = new DriverContext().directory();
        return MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() +
            "-archive-dir-" + UUID.randomUUID()))
            .threadingMode(ThreadingMode.SHARED).idleStrategy("backoff"));
    }

    private ArchiveContext context(final MediaDriver driver)
    {
        return new ArchiveContext().archiveDirectory(archiveDirectory).clientContext(new ClientContext().directory(driver.directory()));
    }

    @Test
    void anArchiveNeedsADirectoryAndHoldsItAlone()
    {
        assertThatThrownBy(() -> Archive.launch(new ArchiveContext())).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("archiveDirectory");
        try (MediaDriver driver = driver(); Archive archive = Archive.launch(context(driver)))
        {
            assertThatThrownBy(() -> Archive.launch(context(driver))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another archive runs in " + archiveDirectory);
            assertThat(archive.context().archiveDirectory()).isEqualTo(archiveDirectory);
        }
    }

    @Test
    void aCatalogDamagedOnDiskIsRefusedWithWhatToDoAndItsFilesAreKept() throws Exception
    {
        try (MediaDriver driver = driver(); NanoStream client = driver.connect())
        {
            try (Archive archive = Archive.launch(context(driver)); ArchiveClient archiveClient = ArchiveClient.connect(client))
            {
                archiveClient.startRecording("nano:ipc?term-length=64k", 5);
                try (ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", 5))
                {
                    RecordAndReplayTest.await("the recording's subscriber", publication::isConnected);
                    final long end = RecordAndReplayTest.publish(publication, 0, 10)[10];
                    RecordAndReplayTest.await("the recording", () -> archiveClient.listRecordings(0, 1).size() == 1);
                    RecordAndReplayTest.await("recorded", () -> archiveClient.recordingPosition(0) == end);
                }
            }
            final Path catalog = archiveDirectory.resolve(Catalog.FILE_NAME);
            final byte[] before = Files.readAllBytes(catalog);
            try (RandomAccessFile file = new RandomAccessFile(catalog.toFile(), "rw"))
            {
                final long streamId = CatalogLayout.descriptorOffset(0) + CatalogLayout.STREAM_ID_OFFSET;
                file.seek(streamId);
                file.write(6); // a bit flipped on disk: stream 5 reads as 6
            }
            assertThatThrownBy(() -> Archive.launch(context(driver))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recording 0 fails its checksum").hasMessageContaining("move it away");
            assertThat(Files.size(catalog)).isEqualTo(before.length);
            try (var segments = Files.list(archiveDirectory))
            {
                assertThat(segments.filter(file -> file.toString().endsWith(".rec"))).as("the recording's files are kept").isNotEmpty();
            }
        }
    }
}
