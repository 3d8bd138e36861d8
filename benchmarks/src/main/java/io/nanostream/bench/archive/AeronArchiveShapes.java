package io.nanostream.bench.archive;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
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

/** The archive shapes on Aeron Archive 1.47.4 (the anchor), with the settings of {@link NanoArchiveShapes}. */
public final class AeronArchiveShapes
{
    static final String CHANNEL = "aeron:ipc?term-length=16m";

    private AeronArchiveShapes()
    {
    }

    /**
     * Recording, as {@link NanoArchiveShapes#record}.
     *
     * @param messageLength bytes per message.
     * @param fsyncLevel    the archive's file sync level.
     * @param onDisk        whether the archive directory is on the disk rather than in /dev/shm.
     * @return the shape.
     */
    public static ThroughputShape record(final int messageLength, final int fsyncLevel, final boolean onDisk)
    {
        return new Record(messageLength, fsyncLevel, onDisk);
    }

    /**
     * Replay, as {@link NanoArchiveShapes#replay}.
     *
     * @param messageLength bytes per message.
     * @param onDisk        whether the archive directory is on the disk rather than in /dev/shm.
     * @return the shape.
     */
    public static ThroughputShape replay(final int messageLength, final boolean onDisk)
    {
        return new Replay(messageLength, onDisk);
    }

    /** An archiving media driver (driver and archive each on one thread, back-off idling) and a client of both. */
    private abstract static class Rig implements ThroughputShape
    {
        final int messageLength;
        final Path archiveDirectory;
        final ArchivingMediaDriver driver;
        final Aeron aeron;
        final AeronArchive archive;
        final CountersReader counters;
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
        long recordingId = -1;
        long recordedMessages;

        Rig(final int messageLength, final int fsyncLevel, final boolean onDisk)
        {
            this.messageLength = messageLength;
            archiveDirectory = ArchiveScenarios.archiveDirectory("aeron", onDisk);
            final String directory = "/dev/shm/aeron-bench-" + UUID.randomUUID();
            driver = ArchivingMediaDriver.launch(
                new MediaDriver.Context().aeronDirectoryName(directory).threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(new BackoffIdleStrategy()).dirDeleteOnStart(true).dirDeleteOnShutdown(true),
                new Archive.Context().aeronDirectoryName(directory).archiveDir(archiveDirectory.toFile()).deleteArchiveOnStart(true)
                    .threadingMode(ArchiveThreadingMode.SHARED).idleStrategySupplier(BackoffIdleStrategy::new)
                    .controlChannelEnabled(false).replicationChannel("aeron:udp?endpoint=localhost:0").recordingEventsEnabled(false)
                    .fileSyncLevel(fsyncLevel).catalogFileSyncLevel(fsyncLevel).archiveId(7)
                    .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:ipc")));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory));
            archive = AeronArchive.connect(new AeronArchive.Context().aeron(aeron).controlRequestChannel("aeron:ipc")
                .controlResponseChannel("aeron:ipc"));
            counters = aeron.countersReader();
        }

        /**
         * Publishes messages on a new recorded stream, waiting for the archive to have
         * them all; returns the elapsed ns.
         */
        long recordNew(final long messages)
        {
            final long subscriptionId = archive.startRecording(CHANNEL, ArchiveScenarios.RECORDED_STREAM,
                SourceLocation.LOCAL);
            try (ExclusivePublication publication = aeron.addExclusivePublication(CHANNEL,
                ArchiveScenarios.RECORDED_STREAM))
            {
                int counterId;
                while ((counterId = RecordingPos.findCounterIdBySession(counters, publication.sessionId(),
                    archive.archiveId())) == CountersReader.NULL_COUNTER_ID)
                {
                    Thread.yield();
                }
                recordingId = RecordingPos.getRecordingId(counters, counterId);
                final long started = System.nanoTime();
                for (long i = 0; i < messages; i++)
                {
                    message.putLong(0, i);
                    while (OfferResult.retry(publication.offer(message, 0, messageLength), "aeron publication"))
                    {
                        Thread.yield();
                    }
                }
                final long last = publication.position();
                while (counters.getCounterValue(counterId) != last)
                {
                    Thread.yield();
                }
                final long elapsed = System.nanoTime() - started;
                archive.stopRecording(subscriptionId);
                return elapsed;
            }
        }

        /**
         * Waits until the archive has stopped the last recording (it does so after answering),
         * to replay it whole or purge it.
         */
        void awaitStopped()
        {
            while (archive.getStopPosition(recordingId) == AeronArchive.NULL_POSITION)
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

    private static final class Record extends Rig
    {
        Record(final int messageLength, final int fsyncLevel, final boolean onDisk)
        {
            super(messageLength, fsyncLevel, onDisk);
        }

        @Override
        public long run(final long events)
        {
            if (recordingId >= 0)
            {
                awaitStopped();
                archive.purgeRecording(recordingId);
                recordingId = -1;
            }
            return recordNew(events);
        }
    }

    private static final class Replay extends Rig
    {
        private int replayStream = ArchiveScenarios.RECORDED_STREAM + 1;
        private String firstProblem;

        Replay(final int messageLength, final boolean onDisk)
        {
            super(messageLength, 0, onDisk);
        }

        @Override
        public long run(final long events)
        {
            if (recordedMessages < events)
            {
                if (recordingId >= 0)
                {
                    awaitStopped();
                    archive.purgeRecording(recordingId);
                    recordingId = -1;
                }
                recordNew(events * 2);
                recordedMessages = events * 2;
                awaitStopped();
            }
            final long[] received = {0};
            final long[] problems = {0};
            final FragmentHandler handler = (buffer, offset, length, header) ->
            {
                if (buffer.getLong(offset) != received[0] || length != messageLength)
                {
                    if (problems[0]++ == 0)
                    {
                        firstProblem = "message " + buffer.getLong(offset) + " of " + length + " bytes where " +
                            received[0] + " was due";
                    }
                }
                received[0]++;
            };
            final int stream = replayStream++;
            final long elapsed;
            try (Subscription replay = aeron.addSubscription("aeron:ipc", stream))
            {
                final long started = System.nanoTime();
                final long replaySession = archive.startReplay(recordingId, 0, Long.MAX_VALUE, "aeron:ipc", stream);
                while (received[0] < events)
                {
                    if (replay.poll(handler, 256) == 0)
                    {
                        Thread.yield();
                    }
                }
                elapsed = System.nanoTime() - started;
                try
                {
                    archive.stopReplay(replaySession);
                }
                catch (final RuntimeException ended)
                {
                    // it replayed to the end already
                }
            }
            if (problems[0] != 0)
            {
                throw new IllegalStateException(problems[0] + " messages replayed out of order or damaged, the first " +
                    firstProblem);
            }
            return elapsed;
        }
    }
}
