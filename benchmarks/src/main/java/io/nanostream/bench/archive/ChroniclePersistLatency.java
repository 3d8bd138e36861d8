package io.nanostream.bench.archive;

import io.nanostream.bench.LatencyShape;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Append to read on Chronicle Queue (the anchor): 32-byte messages appended at a fixed rate to a queue file, a tailer
 * in another thread reading each as soon as it is there. Each message carries the time it was due to be sent. Both
 * yield while they wait, as Nano-Stream's shape does.
 */
final class ChroniclePersistLatency implements LatencyShape
{
    private final long intervalNanos;
    private final Path directory = ArchiveScenarios.archiveDirectory("chronicle");
    private final ChronicleQueue queue;
    private final byte[] padding = new byte[24];

    ChroniclePersistLatency(final int messagesPerSecond)
    {
        this.intervalNanos = 1_000_000_000L / messagesPerSecond;
        this.queue = SingleChronicleQueueBuilder.single(directory.toString()).build();
    }

    @Override
    public void run(final long iterations, final Histogram histogram) throws Exception
    {
        final long[] received = {0};
        final CountDownLatch placed = new CountDownLatch(1);
        final Thread reader = Thread.ofPlatform().name("persist-reader").start(() ->
        {
            final ExcerptTailer tailer = queue.createTailer().toEnd();
            placed.countDown();
            while (received[0] < iterations)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (document.isPresent())
                    {
                        histogram.recordValue(Math.max(0, System.nanoTime() - document.wire().bytes().readLong()));
                        received[0]++;
                        continue;
                    }
                }
                Thread.yield();
            }
        });
        placed.await(); // the tailer at the end before the first append
        final ExcerptAppender appender = queue.createAppender();
        long due = System.nanoTime();
        for (long i = 0; i < iterations; i++)
        {
            while (System.nanoTime() < due)
            {
                Thread.yield();
            }
            try (DocumentContext document = appender.writingDocument())
            {
                document.wire().bytes().writeLong(due).write(padding); // 32 bytes, as Nano-Stream's messages
            }
            due += intervalNanos;
        }
        reader.join();
    }

    @Override
    public void close()
    {
        queue.close();
        ArchiveScenarios.deleteQuietly(directory);
    }
}
