package io.nanostream.bench.archive;

import io.nanostream.archive.Archive;
import io.nanostream.archive.ArchiveClient;
import io.nanostream.archive.ArchiveContext;
import io.nanostream.archive.RecordingPositions;
import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.OfferResult;
import io.nanostream.bench.ipc.FailFastClients;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.Image;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import io.nanostream.log.ControlledFragmentHandler;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Append to read of persisted messages on Nano-Stream: 32-byte messages offered at a fixed rate on an IPC stream that
 * the archive records; a reader thread hands a message over only once the recording's counter shows it written to its
 * segment file (what a Chronicle Queue tailer reads is in the queue's file too). Each message carries the time it was
 * due to be sent, so a stall delays every message behind it in the figures (no coordinated omission). The sender and
 * the reader yield while they wait, as the anchor's do: on two cores, with the archive's thread beside them, spinning
 * threads starve each other (p50 1.4 ms spinning, 10 us yielding, measured). The archive's thread yields too
 * ({@code ArchiveContext.idleStrategy("yield")}, the setting for low latency at low rates): with its default back-off
 * it parks up to a millisecond between messages, which set the p99 (1.3 ms against 59 us yielding, measured; spinning
 * starves the other threads on two cores: p50 745 us).
 */
final class NanoPersistLatency implements LatencyShape
{
    private final long intervalNanos;
    private final MediaDriver driver;
    private final Archive archive;
    private final NanoStream client;
    private final ArchiveClient archiveClient;
    private final RecordingPositions positions;
    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final long recordingId;
    private final Path archiveDirectory = ArchiveScenarios.archiveDirectory("nano-persist");

    NanoPersistLatency(final int messagesPerSecond) throws InterruptedException
    {
        this.intervalNanos = 1_000_000_000L / messagesPerSecond;
        final Path base = new DriverContext().directory();
        driver = MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() + "-bench-" +
            UUID.randomUUID()))
            .threadingMode(ThreadingMode.SHARED).idleStrategy("backoff"));
        archive = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory).idleStrategy("yield")
            .clientContext(FailFastClients.context(driver.directory())));
        client = NanoStream.connect(FailFastClients.context(driver.directory()));
        archiveClient = ArchiveClient.connect(client);
        positions = RecordingPositions.open(archiveDirectory);
        archiveClient.startRecording(NanoArchiveShapes.CHANNEL, ArchiveScenarios.RECORDED_STREAM);
        subscription = client.addSubscription("nano:ipc", ArchiveScenarios.RECORDED_STREAM);
        publication = client.addExclusivePublication(NanoArchiveShapes.CHANNEL, ArchiveScenarios.RECORDED_STREAM);
        while (!publication.isConnected() || subscription.imageCount() == 0 || positions.activity().isEmpty())
        {
            Thread.sleep(1);
        }
        recordingId = positions.activity().getFirst().recordingId();
    }

    @Override
    public void run(final long iterations, final Histogram histogram) throws Exception
    {
        final Image image = subscription.images().getFirst();
        final long[] received = {0};
        final long[] persisted = {0};
        final ControlledFragmentHandler handler = (buffer, offset, length, header) ->
        {
            if (header.position() > persisted[0])
            {
                return ControlledFragmentHandler.Action.ABORT; // not on file yet
            }
            histogram.recordValue(Math.max(0, System.nanoTime() - buffer.getLong(offset)));
            received[0]++;
            return ControlledFragmentHandler.Action.CONTINUE;
        };
        final Thread reader = Thread.ofPlatform().name("persist-reader").start(() ->
        {
            while (received[0] < iterations)
            {
                persisted[0] = positions.position(recordingId); // only what the archive has written to its file is read
                if (persisted[0] <= image.position() || image.controlledPoll(handler, 256) == 0)
                {
                    Thread.yield();
                }
            }
        });
        final AtomicBuffer message = AtomicBuffer.allocateDirect(64);
        long due = System.nanoTime();
        for (long i = 0; i < iterations; i++)
        {
            while (System.nanoTime() < due)
            {
                Thread.yield();
            }
            message.putLong(0, due);
            while (OfferResult.retry(publication.offer(message, 0, 32), "nano publication"))
            {
                Thread.yield();
            }
            due += intervalNanos;
        }
        reader.join();
    }

    @Override
    public void close()
    {
        publication.close();
        subscription.close();
        positions.close();
        archiveClient.close();
        client.close();
        archive.close();
        driver.close();
        ArchiveScenarios.deleteQuietly(archiveDirectory);
    }
}
