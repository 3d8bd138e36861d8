package io.nanostream.bench.archive;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ReplayMerge;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.nanostream.bench.OfferResult;
import io.nanostream.bench.ThroughputShape;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Merge into live on Aeron Archive 1.47.4 (the anchor), as {@link NanoMergeShape}: Aeron's {@code ReplayMerge}, with
 * the channels its own system test uses (a live publication with dynamic multi-destination control, recorded through a
 * destination of it, a manual-control subscription to which the merge adds the replay and the live destination).
 */
final class AeronMergeShape implements ThroughputShape
{
    private final Path archiveDirectory = ArchiveScenarios.archiveDirectory("aeron-merge");
    private final ArchivingMediaDriver driver;
    private final Aeron aeron;
    private final AeronArchive archive;
    private final CountersReader counters;
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private long recordingId = -1;
    private int stream = ArchiveScenarios.RECORDED_STREAM;

    private final long fixedBehind;

    /**
     * The shape.
     *
     * @param fixedBehind how many messages behind the reader starts whatever a run's size, or 0 for the run's size (the
     *                    figure is then still messages caught up per second: the elapsed time is scaled to the run)
     */
    AeronMergeShape(final long fixedBehind)
    {
        this.fixedBehind = fixedBehind;
        final String directory = "/dev/shm/aeron-bench-" + UUID.randomUUID();
        driver = ArchivingMediaDriver.launch(
            new MediaDriver.Context().aeronDirectoryName(directory).threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy()).dirDeleteOnStart(true).dirDeleteOnShutdown(true).spiesSimulateConnection(false),
            new Archive.Context().aeronDirectoryName(directory).archiveDir(archiveDirectory.toFile()).deleteArchiveOnStart(true)
                .threadingMode(ArchiveThreadingMode.SHARED).idleStrategySupplier(BackoffIdleStrategy::new)
                .controlChannelEnabled(false).replicationChannel("aeron:udp?endpoint=localhost:0").recordingEventsEnabled(false)
                .archiveId(8).archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:ipc")));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory));
        archive = AeronArchive.connect(new AeronArchive.Context().aeron(aeron).controlRequestChannel("aeron:ipc")
            .controlResponseChannel("aeron:ipc"));
        counters = aeron.countersReader();
    }

    @Override
    public long run(final long events)
    {
        if (recordingId >= 0)
        {
            while (archive.getStopPosition(recordingId) == AeronArchive.NULL_POSITION)
            {
                Thread.yield();
            }
            archive.purgeRecording(recordingId);
        }
        final String control = "localhost:" + ArchiveScenarios.freePort();
        final int liveStream = stream++;
        final long elapsed;
        try (ExclusivePublication publication = aeron.addExclusivePublication("aeron:udp?control=" + control +
            "|control-mode=dynamic|term-length=16m", liveStream))
        {
            final int sessionId = publication.sessionId();
            final String recordingChannel = "aeron:udp?endpoint=localhost:" + ArchiveScenarios.freePort() +
                "|control=" + control + "|session-id=" + sessionId;
            archive.startRecording(recordingChannel, liveStream, SourceLocation.REMOTE);
            int counterId;
            while ((counterId = RecordingPos.findCounterIdBySession(counters, sessionId,
                archive.archiveId())) == CountersReader.NULL_COUNTER_ID)
            {
                Thread.yield();
            }
            recordingId = RecordingPos.getRecordingId(counters, counterId);
            long sent = 0;
            final long messagesBehind = fixedBehind > 0 ? fixedBehind : events;
            for (; sent < messagesBehind; sent++)
            {
                offer(publication, sent);
            }
            final long behind = publication.position();
            while (counters.getCounterValue(counterId) != behind)
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
            final int replayPort = ArchiveScenarios.freePort();
            final long started = System.nanoTime();
            try (Subscription subscription = aeron.addSubscription("aeron:udp?control-mode=manual|session-id=" +
                sessionId, liveStream);
                 ReplayMerge merge = new ReplayMerge(subscription, archive, "aeron:udp?session-id=" + sessionId,
                     "aeron:udp?endpoint=localhost:" + replayPort, "aeron:udp?endpoint=localhost:" +
                     ArchiveScenarios.freePort() + "|control=" + control, recordingId, 0))
            {
                long nextLive = started;
                while (!merge.isMerged())
                {
                    if (merge.hasFailed())
                    {
                        throw new IllegalStateException("Aeron's ReplayMerge failed: " + merge);
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
            archive.stopRecording(recordingChannel, liveStream);
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
        while (OfferResult.retry(publication.offer(message, 0, 32), "aeron publication"))
        {
            Thread.yield();
        }
    }

    @Override
    public void close()
    {
        archive.close();
        aeron.close();
        driver.close();
        ArchiveScenarios.deleteQuietly(archiveDirectory);
    }
}
