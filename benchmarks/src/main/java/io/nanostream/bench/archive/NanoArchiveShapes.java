package io.nanostream.bench.archive;

import io.nanostream.archive.Archive;
import io.nanostream.archive.ArchiveClient;
import io.nanostream.archive.ArchiveContext;
import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.archive.RecordingPositions;
import io.nanostream.bench.OfferResult;
import io.nanostream.bench.ThroughputShape;
import io.nanostream.bench.ipc.FailFastClients;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import io.nanostream.log.FragmentHandler;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The archive shapes on Nano-Stream: an embedded driver and an archive, each on one thread with back-off idling, the
 * publisher or the replay's subscriber on the bench thread, yielding when it waits.
 */
public final class NanoArchiveShapes
{
    static final String CHANNEL = "nano:ipc?term-length=16m";

    private NanoArchiveShapes()
    {
    }

    /**
     * Recording: messages offered on an IPC stream that the archive records, timed from the first offer until the
     * recording's counter shows the last message on disk. Each run makes a new recording and deletes the last.
     *
     * @param messageLength bytes per message.
     * @param fsyncLevel    the archive's fsync level.
     * @param onDisk        whether the archive directory is on the disk rather than in /dev/shm.
     * @return the shape.
     */
    public static ThroughputShape record(final int messageLength, final int fsyncLevel, final boolean onDisk)
    {
        return new Record(messageLength, fsyncLevel, onDisk);
    }

    /**
     * Replay: a finished recording replayed over IPC from its start, timed from the request until the subscriber has
     * the last message asked for; the recording grows, untimed, when a run asks for more than it holds.
     *
     * @param messageLength bytes per message.
     * @param onDisk        whether the archive directory is on the disk rather than in /dev/shm.
     * @return the shape.
     */
    public static ThroughputShape replay(final int messageLength, final boolean onDisk)
    {
        return new Replay(messageLength, onDisk);
    }

    /** A driver, an archive in a fresh directory, and a client of both. */
    private abstract static class Rig implements ThroughputShape
    {
        final int messageLength;
        final MediaDriver driver;
        final Archive archive;
        final NanoStream client;
        final ArchiveClient archiveClient;
        final RecordingPositions positions;
        final AtomicBuffer message = AtomicBuffer.allocateDirect(4096);
        long recordingId = -1;
        long recordedMessages;
        long end;

        Rig(final int messageLength, final int fsyncLevel, final boolean onDisk)
        {
            this.messageLength = messageLength;
            final Path base = new DriverContext().directory();
            driver = MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() +
                "-bench-" + UUID.randomUUID()))
                .threadingMode(ThreadingMode.SHARED).idleStrategy("backoff"));
            final Path archiveDirectory = ArchiveScenarios.archiveDirectory("nano", onDisk);
            archive = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory).fsyncLevel(fsyncLevel)
                .clientContext(FailFastClients.context(driver.directory())));
            client = NanoStream.connect(FailFastClients.context(driver.directory()));
            archiveClient = ArchiveClient.connect(client);
            positions = RecordingPositions.open(archiveDirectory);
        }

        /**
         * Publishes messages on a new recorded stream, waiting for the archive to have
         * them all; returns the elapsed ns.
         */
        long recordNew(final long messages) throws InterruptedException
        {
            archiveClient.startRecording(CHANNEL, ArchiveScenarios.RECORDED_STREAM);
            try (ExclusivePublication publication = client.addExclusivePublication(CHANNEL,
                ArchiveScenarios.RECORDED_STREAM))
            {
                while (!publication.isConnected())
                {
                    Thread.yield();
                }
                final long started = System.nanoTime();
                for (long i = 0; i < messages; i++)
                {
                    message.putLong(0, i);
                    while (OfferResult.retry(publication.offer(message, 0, messageLength), "nano publication"))
                    {
                        Thread.yield();
                    }
                }
                final long last = publication.position();
                while (recordingId < 0 || positions.position(recordingId) != last)
                {
                    if (recordingId < 0 && !archiveClient.listRecordings(0, Integer.MAX_VALUE).isEmpty())
                    {
                        recordingId = archiveClient.listRecordings(0, Integer.MAX_VALUE).getLast().recordingId();
                    }
                    Thread.yield();
                }
                final long elapsed = System.nanoTime() - started;
                end = last;
                archiveClient.stopRecording(CHANNEL, ArchiveScenarios.RECORDED_STREAM);
                final RecordingDescriptor recording = archiveClient.describe(recordingId);
                if (recording.stopPosition() != last)
                {
                    throw new IllegalStateException("recorded to " + recording.stopPosition() + " where " + last +
                        " was published");
                }
                return elapsed;
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
            ArchiveScenarios.deleteQuietly(archive.context().archiveDirectory());
        }
    }

    private static final class Record extends Rig
    {
        Record(final int messageLength, final int fsyncLevel, final boolean onDisk)
        {
            super(messageLength, fsyncLevel, onDisk);
        }

        @Override
        public long run(final long events) throws Exception
        {
            if (recordingId >= 0)
            {
                archiveClient.deleteRecording(recordingId);
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
        public long run(final long events) throws Exception
        {
            if (recordedMessages < events)
            {
                if (recordingId >= 0)
                {
                    archiveClient.deleteRecording(recordingId);
                    recordingId = -1;
                }
                recordNew(events * 2);
                recordedMessages = events * 2;
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
            final int stream = replayStream++; // a stream per run: the last run's replay may still be going away
            final long elapsed;
            try (Subscription replay = client.addSubscription("nano:ipc", stream))
            {
                final long started = System.nanoTime();
                final long replaySession = archiveClient.startReplay(recordingId, -1, -1, "nano:ipc", stream);
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
                    archiveClient.stopReplay(replaySession);
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
