package io.nanostream.archive;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive's thread allocates nothing while it records, message after message, with frame checksums or without. Each
 * new segment file opens a channel (under a kilobyte, once per segment: 128 MiB by default), so the windows here lie in
 * one segment.
 */
class RecorderAllocationTest
{
    private static final int MESSAGES = 100_000;

    @TempDir
    Path archiveDirectory;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void recordingAllocatesNothingPerMessage(final boolean frameChecksums) throws Exception
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Path base = new DriverContext().directory();
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() + "-alloc-" +
                 UUID.randomUUID())).threadingMode(ThreadingMode.SHARED).idleStrategy("backoff"));
             Archive archive = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory).frameChecksums(frameChecksums)
                 .segmentLength(512 * 1024 * 1024).clientContext(new ClientContext().directory(driver.directory())));
             NanoStream client = driver.connect();
             ArchiveClient archiveClient = ArchiveClient.connect(client);
             RecordingPositions positions = RecordingPositions.open(archiveDirectory))
        {
            archiveClient.startRecording("nano:ipc?term-length=64k", 10);
            final ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", 10);
            RecordAndReplayTest.await("the recording's subscriber", publication::isConnected);
            RecordAndReplayTest.await("the recording", () -> !positions.activity().isEmpty());
            final long recordingId = positions.activity().getFirst().recordingId();
            final long archiveThread = archiveThreadId();
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            publish(publication, message, positions, recordingId); // warm up: the recorder's paths compiled
            publish(publication, message, positions, recordingId);
            // what the JVM spends once (a late compilation on a loaded machine) shows in one window, allocation per
            // message in every window: windows are run until one is clean
            final List<Long> windows = new ArrayList<>();
            long bytes = Long.MAX_VALUE;
            for (int window = 0; window < 10 && bytes != 0; window++)
            {
                final long before = threads.getThreadAllocatedBytes(archiveThread);
                publish(publication, message, positions, recordingId);
                bytes = threads.getThreadAllocatedBytes(archiveThread) - before;
                windows.add(bytes);
            }
            assertThat(bytes).as("a window of %d messages recorded allocating nothing (bytes in each window: %s)",
                MESSAGES, windows)
                .isZero();
            publication.close();
        }
    }

    private static long archiveThreadId()
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().contains("nano-stream-archive"))
            {
                return thread.threadId();
            }
        }
        throw new AssertionError("no archive thread among " + Thread.getAllStackTraces().keySet());
    }

    /** Publishes a window of messages and waits until the recording has them all. */
    private static void publish(final ExclusivePublication publication, final AtomicBuffer message,
        final RecordingPositions positions, final long recordingId) throws InterruptedException
    {
        for (int i = 0; i < MESSAGES; i++)
        {
            message.putLong(0, i);
            while (publication.offer(message, 0, 40) < 0)
            {
                Thread.yield();
            }
        }
        final long end = publication.position();
        RecordAndReplayTest.await("recorded", () -> positions.position(recordingId) == end);
    }
}
