package io.nanostream.bench.archive;

import io.nanostream.archive.Archive;
import io.nanostream.archive.ArchiveClient;
import io.nanostream.archive.ArchiveContext;
import io.nanostream.archive.RecordingPositions;
import io.nanostream.archive.ReplayMerge;
import io.nanostream.bench.OfferResult;
import io.nanostream.bench.ThroughputShape;
import io.nanostream.bench.ipc.FailFastClients;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import io.nanostream.log.FragmentHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Merge into live on Nano-Stream, over UDP: a live UDP stream recorded by the archive; a late reader {@code events}
 * messages behind, timed from the moment it starts until it reads the live stream, while the live stream goes on at
 * 10,000 messages a second. Each run records a new stream and deletes the last.
 */
final class NanoMergeShape implements ThroughputShape
{
    private final MediaDriver driver;
    private final Archive archive;
    private final NanoStream client;
    private final ArchiveClient archiveClient;
    private final RecordingPositions positions;
    private final Path archiveDirectory = ArchiveScenarios.archiveDirectory("nano-merge");
    private final AtomicBuffer message = AtomicBuffer.allocateDirect(64);
    private long recordingId = -1;
    private int stream = ArchiveScenarios.RECORDED_STREAM;

    private final long fixedBehind;

    /**
     * The shape.
     *
     * @param fixedBehind how many messages behind the reader starts whatever a run's size, or 0 for the run's size (the
     *                    figure is then still messages caught up per second: the elapsed time is scaled to the run)
     */
    NanoMergeShape(final long fixedBehind)
    {
        this.fixedBehind = fixedBehind;
        final Path base = new DriverContext().directory();
        driver = MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() + "-bench-" +
            UUID.randomUUID()))
            .threadingMode(ThreadingMode.SHARED).idleStrategy("backoff"));
        archive = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory).clientContext(FailFastClients.context(driver.directory())));
        client = NanoStream.connect(FailFastClients.context(driver.directory()));
        archiveClient = ArchiveClient.connect(client);
        positions = RecordingPositions.open(archiveDirectory);
    }

    @Override
    public long run(final long events) throws Exception
    {
        if (recordingId >= 0)
        {
            archiveClient.deleteRecording(recordingId);
        }
        final String live = "nano:udp?endpoint=127.0.0.1:" + ArchiveScenarios.freePort();
        final int liveStream = stream++;
        archiveClient.startRecording(live, liveStream);
        final long elapsed;
        try (ExclusivePublication publication = client.addExclusivePublication(live + "|term-length=16m", liveStream))
        {
            while (!publication.isConnected() || positions.activity().isEmpty())
            {
                Thread.yield();
            }
            recordingId = positions.activity().getFirst().recordingId();
            long sent = 0;
            final long messagesBehind = fixedBehind > 0 ? fixedBehind : events;
            for (; sent < messagesBehind; sent++)
            {
                offer(publication, sent);
            }
            final long behind = publication.position();
            while (positions.position(recordingId) != behind)
            {
                Thread.yield();
            }
            final long[] received = {0};
            final long[] problems = {0};
            final FragmentHandler handler = (buffer, offset, length, header) ->
            {
                problems[0] += buffer.getLong(offset) == received[0] ? 0 : 1;
                received[0]++;
            };
            final long started = System.nanoTime();
            try (ReplayMerge merge = new ReplayMerge(client, archiveClient, recordingId, -1,
                "nano:udp?endpoint=127.0.0.1:" + ArchiveScenarios.freePort(), liveStream + 100_000, live, liveStream,
                Duration.ofSeconds(60)))
            {
                long nextLive = started;
                while (!merge.isMerged())
                {
                    if (merge.failure() != null)
                    {
                        throw new IllegalStateException(merge.failure());
                    }
                    if (System.nanoTime() - nextLive >= 0)
                    {
                        offer(publication, sent++); // the live stream goes on, 10,000 a second
                        nextLive += 100_000;
                    }
                    if (merge.poll(handler, 256) == 0)
                    {
                        Thread.yield();
                    }
                }
                elapsed = System.nanoTime() - started;
                while (received[0] < sent)
                {
                    merge.poll(handler, 256);
                }
            }
            archiveClient.stopRecording(live, liveStream);
            if (problems[0] != 0 || received[0] != sent)
            {
                throw new IllegalStateException(problems[0] + " messages out of order, " + received[0] + " of " + sent +
                    " received");
            }
        }
        return fixedBehind > 0 ?
            (long)(elapsed * ((double)events / fixedBehind)) : elapsed; // per message as if the run's size
    }

    private void offer(final ExclusivePublication publication, final long i)
    {
        message.putLong(0, i);
        while (OfferResult.retry(publication.offer(message, 0, 32), "nano publication"))
        {
            Thread.yield();
        }
    }

    @Override
    public void close()
    {
        positions.close();
        archiveClient.close();
        client.close();
        archive.close();
        driver.close();
        ArchiveScenarios.deleteQuietly(archiveDirectory);
    }
}
