package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.log.BufferClaim;
import io.nanostream.log.FragmentHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Offer, tryClaim and poll allocate nothing per message in steady state. */
class IpcZeroAllocationTest
{
    private static final int MESSAGES = 200_000;

    @ParameterizedTest
    @ValueSource(strings = {"offer", "exclusive-offer", "tryClaim", "exclusive-tryClaim"})
    void publishingAndPollingAllocateNothingPerMessage(final String mode) throws Exception
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:ipc", 5);
             Publication publication = mode.startsWith("exclusive") ?
                 client.addExclusivePublication("nano:ipc?term-length=64k",
                 5) : client.addPublication("nano:ipc?term-length=64k", 5))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            final BufferClaim claim = new BufferClaim();
            final long[] sum = {0};
            final FragmentHandler handler = (buffer, offset, length, header) -> sum[0] += buffer.getLong(offset);
            final boolean claiming = mode.endsWith("tryClaim");
            run(publication, subscription, message, claim, handler, claiming); // warm up
            // allocation per message shows in every window; what the JVM spends once (a late compilation on a loaded
            // machine) in one, so windows are run until one is clean
            final List<Long> windows = new ArrayList<>();
            long bytes = Long.MAX_VALUE;
            for (int window = 0; window < 10 && bytes != 0; window++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                run(publication, subscription, message, claim, handler, claiming);
                bytes = threads.getCurrentThreadAllocatedBytes() - before;
                windows.add(bytes);
            }
            assertThat(bytes).as("a window of %d messages allocating nothing (bytes in each window: %s)", MESSAGES,
                windows).isZero();
            assertThat(sum[0]).isPositive();
        }
    }

    private static void run(
        final Publication publication, final Subscription subscription, final AtomicBuffer message,
        final BufferClaim claim, final FragmentHandler handler, final boolean claiming)
    {
        int sent = 0;
        while (sent < MESSAGES)
        {
            message.putLong(0, 1);
            final long result = claiming ? publication.tryClaim(32, claim) : publication.offer(message, 0, 32);
            if (result > 0)
            {
                if (claiming)
                {
                    claim.buffer().putLong(claim.offset(), 1);
                    claim.commit();
                }
                sent++;
            }
            subscription.poll(handler, 64);
        }
        while (subscription.poll(handler, 64) > 0)
        {
            Thread.onSpinWait();
        }
    }
}
