package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentHandler;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UDP send and receive paths allocate nothing per message in steady state: the bytes allocated by
 * the driver's sender and receiver threads, and by the thread that offers and polls, are measured over
 * windows of many messages. (The conductor is not on the data path; its timers may allocate.)
 */
class UdpZeroAllocationTest
{
    private static final int MESSAGES = 100_000;

    @Test
    void sendingAndReceivingAllocateNothingPerMessage()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|term-length=64k";
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.DEDICATED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription(channel, 5);
             Publication publication = client.addExclusivePublication(channel, 5))
        {
            UdpTransfer.waitConnected(publication, subscription);
            final long[] ids = {thread("nano-stream-sender"), thread("nano-stream-receiver")};
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            final long[] sum = {0};
            final FragmentHandler handler = (buffer, offset, length, header) -> sum[0] += buffer.getLong(offset);
            run(publication, subscription, message, handler, sum); // warm up
            run(publication, subscription, message, handler, sum);
            // allocation per message shows in every window; what the JVM spends once (a repair path first taken when a
            // loaded machine drops a datagram, a late compilation) shows in one, so windows are run until one is clean
            final List<Long> windows = new ArrayList<>();
            long bytes = Long.MAX_VALUE;
            for (int window = 0; window < 10 && bytes != 0; window++)
            {
                final long before = allocated(threads, ids);
                run(publication, subscription, message, handler, sum);
                bytes = allocated(threads, ids) - before;
                windows.add(bytes);
            }
            assertThat(bytes).as("a window of %d messages allocating nothing (bytes by sender, receiver and client in each " +
                "window: %s)", MESSAGES, windows).isZero();
        }
    }

    private static long thread(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no thread named " + name)).threadId();
    }

    private static long allocated(final com.sun.management.ThreadMXBean threads, final long[] ids)
    {
        // one id at a time and the current thread's own counter: the array-returning call would allocate on this thread
        long total = threads.getCurrentThreadAllocatedBytes();
        for (final long id : ids)
        {
            total += threads.getThreadAllocatedBytes(id);
        }
        return total;
    }

    private static void run(
        final Publication publication, final Subscription subscription, final AtomicBuffer message,
        final FragmentHandler handler, final long[] sum)
    {
        final long target = sum[0] + MESSAGES;
        int sent = 0;
        while (sent < MESSAGES)
        {
            message.putLong(0, 1);
            if (publication.offer(message, 0, 32) > 0)
            {
                sent++;
            }
            else
            {
                Thread.yield();
            }
            subscription.poll(handler, 64);
        }
        while (sum[0] < target)
        {
            if (subscription.poll(handler, 64) == 0)
            {
                Thread.yield();
            }
        }
    }
}
