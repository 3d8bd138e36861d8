package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A driver and two clients beside twice as many busy threads as cores, for half a minute, while the
 * conductor is also kept busy making 192 MiB logs (each takes it seconds on a loaded machine): no client is
 * timed out, no driver taken for dead, no image dropped, and the stream loses nothing. The run's length
 * comes from {@code nanostream.test.busy.seconds} (default 30 for IPC, half of it for UDP: three client
 * timeouts); give it more by hand for a soak.
 */
class BusyMachineTest
{
    private static final long SECONDS = Long.getLong("nanostream.test.busy.seconds", 30);

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Thread> busy = new ArrayList<>();
    private volatile boolean running = true;

    @BeforeEach
    void occupyEveryCore()
    {
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++)
        {
            final Thread spinner = Thread.ofPlatform().daemon().name("busy-" + i).start(() ->
            {
                while (running)
                {
                    Thread.onSpinWait(); // a busy thread that never sleeps, as a neighbour's compute job
                }
            });
            busy.add(spinner);
        }
    }

    @AfterEach
    void tearDown() throws Exception
    {
        running = false;
        for (final Thread spinner : busy)
        {
            spinner.join();
        }
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(final T resource)
    {
        resources.add(resource);
        return resource;
    }

    private static DriverContext context(final String tag)
    {
        final Path base = new DriverContext().directory();
        return new DriverContext().directory(base.resolveSibling(base.getFileName() + "-busy-" + tag + "-" +
            UUID.randomUUID()))
            .threadingMode(ThreadingMode.DEDICATED).idleStrategy("backoff");
    }

    private NanoStream client(final MediaDriver driver)
    {
        return keep(driver.connect(new ClientContext().errorHandler(errors::add)));
    }

    @Test
    void ipcClientsAreNeverTimedOutAndTheStreamLosesNothing() throws Exception
    {
        final MediaDriver driver = keep(MediaDriver.launch(context("ipc")));
        final NanoStream publisher = client(driver);
        final NanoStream subscriber = client(driver);
        final Subscription subscription = keep(subscriber.addSubscription("nano:ipc", 1));
        final ExclusivePublication publication = keep(publisher.addExclusivePublication("nano:ipc", 1));
        final long received = stream(publisher, publication, subscription, SECONDS, "nano:ipc?term-length=64m");

        assertThat(received).as("messages, every one in order").isPositive();
        assertThat(errors).as("no client timed out, no driver lost").isEmpty();
        assertThat(publisher.isClosed() || subscriber.isClosed()).isFalse();
        report("ipc", publisher, received);
    }

    @Test
    void udpImagesAreNeverDroppedWhileThePublisherSendsAndTheStreamLosesNothing() throws Exception
    {
        final MediaDriver sending = keep(MediaDriver.launch(context("udp-send")));
        final MediaDriver receiving = keep(MediaDriver.launch(context("udp-receive")));
        final NanoStream publisher = client(sending);
        final NanoStream subscriber = client(receiving);
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        final AtomicInteger available = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        final Subscription subscription = keep(subscriber.addSubscription(channel, 1,
            image -> available.incrementAndGet(), image -> unavailable.incrementAndGet()));
        final ExclusivePublication publication = keep(publisher.addExclusivePublication(channel, 1));
        final long received = stream(publisher, publication, subscription, Math.max(1, SECONDS / 2),
            "nano:ipc?term-length=64m");

        assertThat(received).as("messages, every one in order").isPositive();
        assertThat(unavailable.get()).as("images dropped").isZero();
        assertThat(available.get()).as("one image, never made again").isEqualTo(1);
        assertThat(errors).as("no client timed out, no driver lost").isEmpty();
        report("udp", publisher, received);
    }

    /** What the run did, for the record: how busy the conductor was kept. */
    private static void report(final String transport, final NanoStream client, final long received)
    {
        final StringBuilder line = new StringBuilder(transport + ": " + received + " messages in order");
        client.counters().forEach((id, typeId, label, value) ->
        {
            if (label.startsWith("conductor "))
            {
                line.append(", ").append(label).append(' ').append(value);
            }
        });
        System.out.println(line);
    }

    /**
     * Streams numbered messages for a while, checking each arrives once and in order, while another thread of the
     * publishing client keeps the conductor busy adding and closing a publication with a large log.
     *
     * @return how many arrived.
     */
    private long stream(
        final NanoStream publisher, final ExclusivePublication publication, final Subscription subscription,
        final long seconds, final String largeLogChannel) throws InterruptedException
    {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final List<String> problems = new CopyOnWriteArrayList<>();
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        final Thread publishing = Thread.ofPlatform().name("busy-publisher").start(() ->
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            long next = 0;
            while (System.nanoTime() - end < 0 && !publication.isClosed())
            {
                message.putLong(0, next);
                if (publication.offer(message, 0, 64) > 0)
                {
                    next++;
                }
                else
                {
                    Thread.yield();
                }
            }
            sent.set(next);
        });
        final Thread largeLogs = Thread.ofPlatform().name("busy-large-logs").start(() ->
        {
            while (System.nanoTime() - end < 0 && !publisher.isClosed())
            {
                try (ExclusivePublication large = publisher.addExclusivePublication(largeLogChannel, 99))
                {
                    assertThat(large.registrationId()).isPositive();
                }
                catch (final RuntimeException ex)
                {
                    problems.add("a large log: " + ex);
                    return;
                }
            }
        });
        final long[] expected = {0};
        while (publishing.isAlive() || received.get() < sent.get())
        {
            final int fragments = subscription.poll((buffer, offset, length, header) ->
            {
                final long number = buffer.getLong(offset);
                if (number != expected[0] && problems.size() < 10)
                {
                    problems.add("message " + number + " where " + expected[0] + " was due");
                }
                expected[0] = number + 1;
                received.incrementAndGet();
            }, 256);
            if (fragments == 0)
            {
                if (!publishing.isAlive() && System.nanoTime() - end > TimeUnit.SECONDS.toNanos(60))
                {
                    problems.add("only " + received.get() + " of " + sent.get() +
                        " arrived within a minute of the end");
                    break;
                }
                Thread.yield();
            }
        }
        publishing.join();
        largeLogs.join();
        assertThat(problems).isEmpty();
        assertThat(received.get()).isEqualTo(sent.get());
        return received.get();
    }
}
