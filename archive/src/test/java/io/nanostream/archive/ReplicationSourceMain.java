package io.nanostream.archive;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The source side of the replication test, in a JVM of its own (run in a network namespace of its own):
 * {@code ReplicationSourceMain <driver dir> <archive dir> <control channel> <control stream> <recorded channel>
 * <stream>}. A driver and an archive answering on the control channel; it records the stream and publishes
 * numbered messages ({@link RecordAndReplayTest#length}), about 20 per millisecond, until a line STOP on its
 * input, then prints PUBLISHED n, stops the recording, prints STOPPED at its stop position, and runs until a
 * line EXIT or the end of its input.
 */
public final class ReplicationSourceMain
{
    private ReplicationSourceMain()
    {
    }

    /**
     * Runs the source.
     *
     * @param args as above.
     * @throws Exception on any failure: the test sees the process end without its lines.
     */
    public static void main(final String[] args) throws Exception
    {
        final String controlChannel = args[2];
        final int controlStream = Integer.parseInt(args[3]);
        final String channel = args[4];
        final int stream = Integer.parseInt(args[5]);
        final BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(Path.of(args[0])).threadingMode(ThreadingMode.SHARED)
                 .idleStrategy("backoff").imageLivenessTimeout(Duration.ofSeconds(2)));
             Archive archive = Archive.launch(new ArchiveContext().archiveDirectory(Path.of(args[1])).segmentLength(1024 * 1024)
                 .clientContext(new ClientContext().directory(driver.directory())).controlChannel(controlChannel,
                 controlStream)
                 .replayConnectTimeout(Duration.ofSeconds(3)));
             NanoStream client = driver.connect();
             ArchiveClient archiveClient = ArchiveClient.connect(client, controlChannel, controlStream,
                 ArchiveClient.DEFAULT_RESPONSE_CHANNEL, Duration.ofSeconds(30));
             ExclusivePublication publication = client.addExclusivePublication(channel, stream))
        {
            archiveClient.startRecording(channel, stream);
            while (archiveClient.listRecordingsForStream(0, 1, "", stream).isEmpty())
            {
                Thread.sleep(1);
            }
            final RecordingDescriptor recording = archiveClient.listRecordingsForStream(0, 1, "", stream).getFirst();
            System.out.println("RECORDING " + recording.recordingId());
            System.out.flush();
            final AtomicBoolean publishing = new AtomicBoolean(true);
            final long[] published = {0};
            final Thread publisher = Thread.ofPlatform().name("source-publisher").start(() -> published[0] = publish(publication, publishing));
            String line;
            while ((line = input.readLine()) != null && !line.equals("STOP"))
            {
                // waits for STOP
            }
            publishing.set(false);
            publisher.join();
            System.out.println("PUBLISHED " + published[0]);
            while (archiveClient.recordingPosition(recording.recordingId()) != publication.position())
            {
                Thread.sleep(1); // every message published is recorded before the recording stops where it got to
            }
            archiveClient.stopRecording(channel, stream);
            System.out.println("STOPPED " + archiveClient.recordingPosition(recording.recordingId()));
            System.out.flush();
            while ((line = input.readLine()) != null && !line.equals("EXIT"))
            {
                // runs on, the source of the replication, until EXIT
            }
        }
    }

    private static long publish(final ExclusivePublication publication, final AtomicBoolean publishing)
    {
        final AtomicBuffer message = AtomicBuffer.allocateHeap(4096);
        long i = 0;
        while (publishing.get())
        {
            message.putLong(0, i);
            for (int b = 8; b < RecordAndReplayTest.length(i); b++)
            {
                message.putByte(b, (byte)(i + b));
            }
            if (publication.offer(message, 0, RecordAndReplayTest.length(i)) > 0)
            {
                i++;
                if (i % 20 == 0)
                {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            else
            {
                Thread.yield();
            }
        }
        return i;
    }
}
