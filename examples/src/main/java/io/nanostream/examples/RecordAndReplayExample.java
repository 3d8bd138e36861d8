package io.nanostream.examples;

import io.nanostream.archive.Archive;
import io.nanostream.archive.ArchiveClient;
import io.nanostream.archive.ArchiveContext;
import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.archive.ReplayMerge;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.MediaDriver;
import io.nanostream.log.FragmentHandler;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream recorded as it flows, then replayed from the archive: every message again, in order, on another stream; and
 * a late reader of a live stream that catches up from its recording and moves onto the live stream, missing nothing.
 */
public final class RecordAndReplayExample
{
    private RecordAndReplayExample()
    {
    }

    /**
     * Records five prices and replays them.
     *
     * @param args none.
     * @throws Exception if the example fails.
     */
    public static void main(final String[] args) throws Exception
    {
        run(5, Files.createTempDirectory("nano-stream-archive"), System.out);
    }

    /**
     * Records {@code count} messages published on stream 10, stops the recording, and prints each as the replay on
     * stream 20 brings it back; then records a live stream 11, and merges a late reader of it from the recording into
     * live while {@code count} more are published.
     *
     * @param count            how many messages.
     * @param archiveDirectory where the archive keeps its catalog and segments.
     * @param out              where to print.
     * @throws Exception if the example fails.
     */
    public static void run(final int count, final Path archiveDirectory, final PrintStream out) throws Exception
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             Archive archive = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory)
                 .clientContext(new ClientContext().directory(driver.directory())));
             NanoStream client = driver.connect();
             ArchiveClient archiveClient = ArchiveClient.connect(client))
        {
            archiveClient.startRecording("nano:ipc",
                10);                       // every publisher of stream 10, from now on
            long end;
            try (ExclusivePublication publication = client.addExclusivePublication("nano:ipc", 10))
            {
                while (!publication.isConnected())                              // the archive's subscription
                {
                    Thread.sleep(1);
                }
                AtomicBuffer buffer = AtomicBuffer.allocateDirect(64);
                for (int i = 0; i < count; i++)
                {
                    int length = buffer.putStringAscii(0, "price " + (100 + i));
                    while (publication.offer(buffer, 0, length) < 0)
                    {
                        Thread.yield();
                    }
                }
                end = publication.position();
                while (archiveClient.listRecordings(0, 1).isEmpty() || archiveClient.recordingPosition(0) < end)
                {
                    Thread.sleep(1);                                            // until the archive has it all
                }
            }
            archiveClient.stopRecording("nano:ipc", 10);
            RecordingDescriptor recording = archiveClient.listRecordings(0, 1).getFirst();
            out.println("recorded " + (recording.stopPosition() - recording.startPosition()) + " bytes as recording " +
                recording.recordingId());

            try (Subscription replay = client.addSubscription("nano:ipc", 20))
            {
                archiveClient.startReplay(recording.recordingId(), recording.startPosition(), -1, "nano:ipc", 20);
                int[] received = {0};
                while (received[0] < count)
                {
                    if (replay.poll((buf, offset, length, header) ->
                    {
                        out.println("replayed " + buf.getStringAscii(offset));
                        received[0]++;
                    }, 10) == 0)
                    {
                        Thread.yield();
                    }
                }
            }

            archiveClient.startRecording("nano:ipc", 11);                       // a live stream, recorded as it flows
            try (ExclusivePublication live = client.addExclusivePublication("nano:ipc", 11))
            {
                while (!live.isConnected())
                {
                    Thread.sleep(1);
                }
                publishTicks(live, 0, count);
                while (archiveClient.listRecordingsForStream(0, 1, "", 11).isEmpty())
                {
                    Thread.sleep(1);
                }
                RecordingDescriptor ticks = archiveClient.listRecordingsForStream(0, 1, "", 11).getFirst();
                List<String> seen = new ArrayList<>();
                FragmentHandler reader = (buf, offset, length, header) -> seen.add(buf.getStringAscii(offset));
                try (ReplayMerge merge = new ReplayMerge(client, archiveClient, ticks.recordingId(), -1, "nano:ipc", 21,
                    "nano:ipc", 11, Duration.ofSeconds(10)))
                {
                    while (!merge.isMerged())                                   // from the recording, up to where live is
                    {
                        if (merge.failure() != null)
                        {
                            throw new IllegalStateException(merge.failure());
                        }
                        merge.poll(reader, 10);
                    }
                    publishTicks(live, count, 2 * count);                       // and on, from the live stream
                    while (seen.size() < 2 * count && merge.failure() == null)
                    {
                        merge.poll(reader, 10);
                    }
                }
                out.println("late reader, merged into live: " + String.join(", ", seen));
            }
        }
    }

    private static void publishTicks(final ExclusivePublication publication, final int from, final int to)
    {
        AtomicBuffer buffer = AtomicBuffer.allocateDirect(64);
        for (int i = from; i < to; i++)
        {
            int length = buffer.putStringAscii(0, "tick " + i);
            while (publication.offer(buffer, 0, length) < 0)
            {
                Thread.yield();
            }
        }
    }
}
