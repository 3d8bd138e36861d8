package io.nanostream.archive;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A late reader merged from a recording into the live stream while the publisher keeps publishing: every message
 * exactly once, in order, byte for byte, across the switch, over IPC, UDP unicast and UDP multicast; and a merge that
 * cannot catch up, or has no live stream to catch up with, gives up with the reason.
 */
class ReplayMergeTest
{
    @TempDir
    Path archiveDirectory;

    @Test
    void aLateIpcReaderIsMergedIntoLiveAndMissesNothing() throws Exception
    {
        mergeWhilePublishing("nano:ipc?term-length=64k", "nano:ipc", 10);
    }

    @Test
    void aLateUdpReaderIsMergedIntoLiveAndMissesNothing() throws Exception
    {
        // a replay over UDP moves a receiver window (at most half a term) per round trip, about 10 MB/s
        // on a loaded 2-core machine: a term of 1 MiB, and a live stream of about a message per
        // millisecond (1.5 MB/s), which it catches
        mergeWhilePublishing("nano:udp?endpoint=127.0.0.1:" + freePort() + "|term-length=1m",
            "nano:udp?endpoint=127.0.0.1:" + freePort(), 1);
    }

    @Test
    void aLateReaderIsMergedIntoLiveMulticastAndMissesNothing() throws Exception
    {
        final java.net.NetworkInterface loopback = java.net.NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        if (!loopback.supportsMulticast() && "0".equals(run("id", "-u").trim()))
        {
            run("ip", "link", "set", loopback.getName(), "multicast", "on");
            run("ip", "route", "replace", "224.0.0.0/4", "dev", loopback.getName());
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(java.net.NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress())
            .supportsMulticast(), "loopback has no MULTICAST flag; as root run: ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo");
        // Aeron's ReplayMerge never merges onto live multicast (aeron #1578): here the live stream
        // is multicast, the replay unicast
        mergeWhilePublishing("nano:udp?endpoint=224.0.1.9:" + freePort() + "|interface=127.0.0.1|term-length=1m",
            "nano:udp?endpoint=127.0.0.1:" + freePort(), 1);
    }

    @Test
    void aMergeGivesUpWithTheReasonWhenLiveRunsAwayFromTheReplay() throws Exception
    {
        withRecordedLiveStream("nano:ipc?term-length=64k", (client, archiveClient, recording, publishing) ->
        {
            try (ReplayMerge merge = new ReplayMerge(client, archiveClient, recording.recordingId(), -1, "nano:ipc", 20,
                "nano:ipc", 10, Duration.ofMillis(500)))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (merge.failure() == null)
                {
                    assertThat(System.nanoTime() - deadline).as("giving up").isNegative();
                    merge.poll((buffer, offset, length, header) -> LockSupport.parkNanos(5_000_000),
                        1); // 200 fragments/s at most
                }
                assertThat(merge.failure()).contains("live runs faster than the replay can catch up").contains("came no closer than");
                assertThat(merge.isMerged()).isFalse();
                assertThat(merge.poll((buffer, offset, length, header) -> { },
                    10)).as("nothing after giving up").isZero();
            }
        });
    }

    @Test
    void aMergeGivesUpWithTheReasonWhenTheRecordingStops() throws Exception
    {
        withRecordedLiveStream("nano:ipc?term-length=64k", (client, archiveClient, recording, publishing) ->
        {
            try (ReplayMerge merge = new ReplayMerge(client, archiveClient, recording.recordingId(), -1, "nano:ipc", 20,
                "nano:ipc", 10, Duration.ofSeconds(60)))
            {
                archiveClient.stopRecording("nano:ipc?term-length=64k", 10);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (merge.failure() == null)
                {
                    assertThat(System.nanoTime() - deadline).as("giving up").isNegative();
                    merge.poll((buffer, offset, length, header) -> { }, 1);
                    Thread.sleep(1);
                }
                assertThat(merge.failure()).contains("recording " + recording.recordingId() + " stopped at")
                    .contains("there is no live stream it follows");
            }
        });
    }

    private interface LiveStreamCheck
    {
        void run(NanoStream client, ArchiveClient archiveClient, RecordingDescriptor recording,
            AtomicBoolean publishing) throws Exception;
    }

    /** A live stream published unpaced and recorded, well ahead of the recording's start, while a check runs. */
    private void withRecordedLiveStream(final String liveChannel, final LiveStreamCheck check) throws Exception
    {
        final Path base = new DriverContext().directory();
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() + "-merge-" +
                 UUID.randomUUID())).threadingMode(ThreadingMode.SHARED).idleStrategy("backoff"));
             Archive archive = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory)
                 .clientContext(new ClientContext().directory(driver.directory())));
             NanoStream client = driver.connect();
             ArchiveClient archiveClient = ArchiveClient.connect(client);
             ExclusivePublication publication = client.addExclusivePublication(liveChannel, 10))
        {
            archiveClient.startRecording(liveChannel, 10);
            RecordAndReplayTest.await("the recording's subscriber", publication::isConnected);
            final AtomicBoolean publishing = new AtomicBoolean(true);
            final CompletableFuture<Long> publisher = new CompletableFuture<>();
            Thread.ofPlatform().name("merge-test-publisher").start(() -> publisher.complete(publishPaced(publication,
                publishing, Integer.MAX_VALUE)));
            try
            {
                RecordAndReplayTest.await("the recording", () -> !archiveClient.listRecordings(0, 1).isEmpty());
                final RecordingDescriptor recording = archiveClient.listRecordings(0, 1).getFirst();
                RecordAndReplayTest.await("a late start",
                    () -> archiveClient.recordingPosition(recording.recordingId()) > 4L * 64 * 1024);
                check.run(client, archiveClient, recording, publishing);
            }
            finally
            {
                publishing.set(false);
                publisher.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static String run(final String... command) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    private void mergeWhilePublishing(final String liveChannel, final String replayChannel,
        final int messagesPerMillisecond) throws Exception
    {
        final Path base = new DriverContext().directory();
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(base.resolveSibling(base.getFileName() + "-merge-" +
                 UUID.randomUUID())).threadingMode(ThreadingMode.SHARED).idleStrategy("backoff"));
             Archive archive = Archive.launch(new ArchiveContext().archiveDirectory(archiveDirectory)
                 .clientContext(new ClientContext().directory(driver.directory())));
             NanoStream client = driver.connect();
             ArchiveClient archiveClient = ArchiveClient.connect(client))
        {
            archiveClient.startRecording(liveChannel, 10);
            final ExclusivePublication publication = client.addExclusivePublication(liveChannel, 10);
            RecordAndReplayTest.await("the recording's subscriber", publication::isConnected);
            final AtomicBoolean publishing = new AtomicBoolean(true);
            final CompletableFuture<Long> publisher = new CompletableFuture<>();
            Thread.ofPlatform().name("merge-test-publisher").start(() -> publisher.complete(publishPaced(publication,
                publishing, messagesPerMillisecond)));
            RecordAndReplayTest.await("the recording", () -> !archiveClient.listRecordings(0, 1).isEmpty());
            final RecordingDescriptor recording = archiveClient.listRecordings(0, 1).getFirst();
            RecordAndReplayTest.await("a late start",
                () -> archiveClient.recordingPosition(recording.recordingId()) > 2L * 64 * 1024);

            final MessageChecker checker = new MessageChecker(0);
            long published = -1;
            try (ReplayMerge merge = new ReplayMerge(client, archiveClient, recording.recordingId(), -1, replayChannel,
                20, liveChannel, 10, Duration.ofSeconds(60)))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                long mergedAt = -1;
                while (published < 0 || checker.next() < published)
                {
                    assertThat(merge.failure()).isNull();
                    if (System.nanoTime() - deadline > 0)
                    {
                        assertThat(System.nanoTime() - deadline).as("received " + checker.next() + ", merged " +
                            merge.isMerged() + " at " + mergedAt + ", merge position " + merge.position() +
                            ", publisher at " + publication.position() + (publication.isConnected() ?
                            " connected" : " NOT connected") + ", recorded to " +
                            archiveClient.recordingPosition(recording.recordingId())).isNegative();
                    }
                    if (merge.poll(checker.handler(), 64) == 0)
                    {
                        Thread.yield();
                    }
                    if (mergedAt < 0 && merge.isMerged())
                    {
                        mergedAt = checker.next();
                    }
                    if (mergedAt >= 0 && checker.next() > mergedAt + 2_000 && publishing.get())
                    {
                        publishing.set(false); // the live stream went on well past the seam
                        published = publisher.get(60, TimeUnit.SECONDS);
                    }
                }
                assertThat(mergedAt).as("merged while the stream was live").isPositive();
            }
            finally
            {
                publishing.set(false); // and the publisher thread ends, whatever happened here
            }
            assertThat(checker.problems()).isEmpty();
            assertThat(checker.next()).isEqualTo(published);
            publication.close();
        }
    }

    /** Publishes numbered messages until told to stop, pausing a millisecond after each so many; returns how many. */
    private static long publishPaced(final ExclusivePublication publication, final AtomicBoolean publishing,
        final int perMillisecond)
    {
        final AtomicBuffer message = AtomicBuffer.allocateHeap(4096);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long i = 0;
        for (; publishing.get(); i++)
        {
            message.putLong(0, i);
            for (int b = 8; b < RecordAndReplayTest.length(i); b++)
            {
                message.putByte(b, (byte)(i + b));
            }
            while (publication.offer(message, 0, RecordAndReplayTest.length(i)) < 0)
            {
                if (!publishing.get() || System.nanoTime() - deadline > 0)
                {
                    return i; // stopped while back pressured: message i was not published
                }
                Thread.yield();
            }
            if (i % perMillisecond == perMillisecond - 1)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }
        return i;
    }

    private static int freePort() throws java.io.IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
