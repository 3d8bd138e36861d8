package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.DriverUnavailableException;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.Image;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.driver.process.DriverMain;
import io.nanostream.driver.process.JavaProcess;
import io.nanostream.driver.process.Messages;
import io.nanostream.driver.process.PublisherMain;
import io.nanostream.driver.process.SubscriberMain;
import io.nanostream.log.FragmentAssembler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver, publishers and subscribers in separate JVMs, as in production; faults are real
 * {@code kill -9}s. Driver timeouts are shortened: client liveness 4 s, unblock 5 s, linger 0.5 s; clients keep the
 * default driver timeout (a killed driver is noticed by its process, at once).
 */
class MultiProcessIpcTest
{
    private static final String LIVENESS = "4000";
    private static final String UNBLOCK = "5000";
    private static final String LINGER = "500";

    private final List<JavaProcess> processes = new ArrayList<>();
    private Path dir;

    @BeforeEach
    void directory()
    {
        final Path shm = Path.of("/dev/shm");
        dir = (Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"))).resolve("nano-stream-it-" +
            UUID.randomUUID());
    }

    @AfterEach
    void stop() throws Exception
    {
        for (final JavaProcess process : processes)
        {
            process.close();
        }
        if (Files.exists(dir))
        {
            try (var paths = Files.walk(dir))
            {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private JavaProcess start(final Class<?> main, final String... args)
    {
        final JavaProcess process = JavaProcess.start(main, args);
        processes.add(process);
        return process;
    }

    private JavaProcess driver() throws InterruptedException
    {
        final JavaProcess driver = start(DriverMain.class, dir.toString(), LIVENESS, UNBLOCK, LINGER);
        driver.await("READY", 30);
        return driver;
    }

    private ClientContext clientContext()
    {
        return new ClientContext().directory(dir);
    }

    @Test
    void everyMessageFromPublishersInManyThreadsAndProcessesArrivesOnceInOrderIntact() throws Exception
    {
        driver();
        final JavaProcess subscriber = start(SubscriberMain.class, dir.toString(), "nano:ipc", "7", "120000");
        subscriber.await("READY", 30);
        for (int p = 0; p < 2; p++)
        {
            start(PublisherMain.class, dir.toString(), "nano:ipc?term-length=64k", "7", Integer.toString(p), "30000",
                "2", "false", "4000").await("READY", 30);
        }
        final String result = subscriber.await("RESULT", 120);
        assertThat(result).as(subscriber.output()).contains("total=120000")
            .contains("0=30000", "1=30000", "100=30000", "101=30000");
    }

    @Test
    void theLargestMessageOfALogArrivesWhole() throws Exception
    {
        driver();
        final int largest = 1024 * 1024 / 8;
        final JavaProcess subscriber = start(SubscriberMain.class, dir.toString(), "nano:ipc", "8", "300");
        subscriber.await("READY", 30);
        start(PublisherMain.class, dir.toString(), "nano:ipc?term-length=1m", "8", "3", "300", "1", "true",
            Integer.toString(largest)).await("READY", 30);
        assertThat(subscriber.await("RESULT", 60)).contains("total=300");
    }

    @Test
    void aPublisherKilledMidMessageIsPaddedOverAndTheOthersOnItsLogGoOn() throws Exception
    {
        driver();
        final JavaProcess subscriber = start(SubscriberMain.class, dir.toString(), "nano:ipc", "9", "25000");
        subscriber.await("READY", 30);
        final JavaProcess dying = start(PublisherMain.class, dir.toString(), "nano:ipc?term-length=64k", "9", "1",
            "5000", "1", "false", "0", "hang");
        dying.await("CLAIMED", 60);
        dying.kill9();
        final JavaProcess survivor = start(PublisherMain.class, dir.toString(), "nano:ipc?term-length=64k", "9", "2",
            "20000", "1", "false", "0");
        survivor.await("DONE", 60);
        final String result = subscriber.await("RESULT", 60);
        assertThat(result).as("no torn or partial message, everyone else's delivered")
            .contains("total=25000").contains("100=5000", "200=20000");
    }

    @Test
    void aKilledExclusivePublishersImageGoesUnavailableAfterEverythingItCompletedArrived() throws Exception
    {
        driver();
        try (NanoStream client = NanoStream.connect(clientContext()))
        {
            final List<Image> gone = new CopyOnWriteArrayList<>();
            final Subscription subscription = client.addSubscription("nano:ipc", 10, image -> { }, gone::add);
            final long[] received = {0};
            final List<String> problems = new CopyOnWriteArrayList<>();
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                try
                {
                    final long id = Messages.check(buffer, offset, length);
                    if ((id & 0xFFFF_FFFF_FFFFL) != received[0])
                    {
                        problems.add("out of order: " + (id & 0xFFFF_FFFF_FFFFL));
                    }
                    received[0]++;
                }
                catch (final IllegalStateException ex)
                {
                    problems.add(ex.getMessage());
                }
            });
            final Thread poller = Thread.ofPlatform().start(() ->
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (gone.isEmpty() && System.nanoTime() < deadline)
                {
                    if (subscription.poll(assembler, 100) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            });
            final JavaProcess dying = start(PublisherMain.class, dir.toString(), "nano:ipc?term-length=64k", "10", "4",
                "2000", "1", "true", "0", "hang");
            dying.await("CLAIMED", 60);
            dying.kill9();
            poller.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(problems).isEmpty();
            assertThat(received[0]).as(dying.output()).isEqualTo(2000);
            assertThat(gone).hasSize(1);
            assertThat(subscription.imageCount()).isZero();
        }
    }

    @Test
    void aKilledSubscriberStopsHoldingThePublisherBackAfterTheLivenessTimeout() throws Exception
    {
        driver();
        final JavaProcess slow = start(SubscriberMain.class, dir.toString(), "nano:ipc", "11", "1000000000", "slow");
        slow.await("READY", 30);
        try (NanoStream client = NanoStream.connect(clientContext());
             Subscription live = client.addSubscription("nano:ipc", 11);
             ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", 11))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            long result;
            final long fillDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((result = publication.offer(message, 0, 64)) != Publication.BACK_PRESSURED ||
                publication.positionLimit() == 0)
            {
                live.poll((buffer, offset, length, header) -> { }, 100);
                assertThat(System.nanoTime()).as("the slow subscriber holds the publisher back").isLessThan(fillDeadline);
            }
            slow.kill9();
            final long killed = System.nanoTime();
            while ((result = publication.offer(message, 0, 64)) < 0)
            {
                live.poll((buffer, offset, length, header) -> { }, 100);
                assertThat(result).isIn(Publication.BACK_PRESSURED, Publication.ADMIN_ACTION);
                assertThat(System.nanoTime() - killed).as("released once the killed subscriber's client is timed out")
                    .isLessThan(TimeUnit.SECONDS.toNanos(60));
                Thread.yield();
            }
            assertThat(result).isPositive();
        }
    }

    @Test
    void aKilledDriverIsReportedClearlyAndANewOneTakesItsDirectory() throws Exception
    {
        final JavaProcess driver = driver();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (NanoStream client = NanoStream.connect(clientContext().errorHandler(errors::add)))
        {
            final Publication publication = client.addPublication("nano:ipc", 12);
            driver.kill9();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (errors.isEmpty() && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).isInstanceOf(DriverUnavailableException.class).hasMessageContaining("is gone")
                .hasMessageContaining("process (pid " + driver.pid() + ") ended");
            assertThat(publication.offer(AtomicBuffer.allocateHeap(8), 0, 8)).isEqualTo(Publication.CLOSED);
            assertThatThrownBy(() -> client.addSubscription("nano:ipc",
                12)).isInstanceOf(DriverUnavailableException.class)
                .hasMessageContaining("is gone");
        }
        assertThatThrownBy(() -> NanoStream.connect(clientContext().connectTimeout(Duration.ZERO))).isInstanceOf(DriverUnavailableException.class)
            .hasMessageContaining("not running");
        driver();
        try (NanoStream client = NanoStream.connect(clientContext());
             Subscription subscription = client.addSubscription("nano:ipc", 12);
             Publication publication = client.addPublication("nano:ipc", 12))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(8);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (publication.offer(message, 0, 8) < 0)
            {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(1);
            }
            final int[] polled = {0};
            while (polled[0] == 0 && System.nanoTime() < deadline)
            {
                polled[0] += subscription.poll((buffer, offset, length, header) -> { }, 10);
            }
            assertThat(polled[0]).isEqualTo(1);
        }
    }

    static void deleteQuietly(final Path path) throws IOException
    {
        Files.deleteIfExists(path);
    }
}
