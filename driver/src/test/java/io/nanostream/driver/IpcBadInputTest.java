package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ConcurrentPublication;
import io.nanostream.client.DriverUnavailableException;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.RegistrationException;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.log.BufferClaim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gets a clear error that names the fix, and loses nothing already accepted. */
class IpcBadInputTest
{
    @TempDir
    Path dir;

    @Test
    void anOversizedMessageIsRefusedAndWhatCameBeforeAndAfterArrives() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:ipc", 1);
             ConcurrentPublication publication = client.addPublication("nano:ipc?term-length=64k", 1))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(16 * 1024);
            message.putLong(0, 1);
            IpcRoundTripTest.offer(publication, message, 8);
            assertThat(publication.maxMessageLength()).isEqualTo(8192);
            assertThatThrownBy(() -> publication.offer(message, 0, 8193)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8193 bytes is over the limit of 8192").hasMessageContaining("larger term-length");
            assertThatThrownBy(() -> publication.tryClaim(2000,
                new BufferClaim())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use offer");
            message.putLong(0, 2);
            IpcRoundTripTest.offer(publication, message, 8);
            final List<Long> received = new ArrayList<>();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < 2 && System.nanoTime() < deadline)
            {
                subscription.poll((buffer, offset, length, header) -> received.add(buffer.getLong(offset)), 10);
            }
            assertThat(received).containsExactly(1L, 2L);
        }
    }

    @Test
    void anOfferPastItsBufferClaimsNothingSoTheOtherPublishersAreNotHeldUp() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:ipc", 2);
             ConcurrentPublication careless = client.addPublication("nano:ipc?term-length=64k", 2);
             ConcurrentPublication other = client.addPublication("nano:ipc?term-length=64k", 2))
        {
            final AtomicBuffer small = AtomicBuffer.allocateHeap(64);
            assertThatThrownBy(() -> careless.offer(small, 0, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs past the end of its buffer of 64 bytes");
            assertThatThrownBy(() -> careless.offer(small, 60, 8)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> careless.offer(small, 0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
            assertThatThrownBy(() -> careless.offer(small, -8, 8)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> careless.offer(small, Integer.MAX_VALUE,
                8)).isInstanceOf(IllegalArgumentException.class);

            small.putLong(0, 7);
            IpcRoundTripTest.offer(other, small, 8);
            final List<Long> received = new ArrayList<>();
            final long deadline = System.nanoTime() +
                TimeUnit.SECONDS.toNanos(10); // a stuck claim would hold this for the 15 s unblock
            while (received.isEmpty() && System.nanoTime() < deadline)
            {
                subscription.poll((buffer, offset, length, header) -> received.add(buffer.getLong(offset)), 10);
            }
            assertThat(received).containsExactly(7L);
        }
    }

    @Test
    void aFullFileSystemRefusesANewLogClearlyAndKeepsWhatWasAccepted() throws Exception
    {
        final Path small = Files.createDirectories(dir.resolve("small"));
        final Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", small.toString())
            .redirectErrorStream(true).start();
        if (mount.waitFor() != 0)
        {
            org.junit.jupiter.api.Assumptions.abort("a 16 MiB tmpfs needs mount rights (root): " +
                new String(mount.getInputStream().readAllBytes()));
        }
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(small.resolve("driver")));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:ipc", 3);
             ConcurrentPublication accepted = client.addPublication("nano:ipc?term-length=1m", 3))
        {
            assertThatThrownBy(() -> client.addExclusivePublication("nano:ipc?term-length=16m",
                4)).isInstanceOf(RegistrationException.class)
                .hasMessageContaining("free").hasMessageContaining("smaller term-length");
            try (Stream<Path> logs = Files.list(driver.directory().resolve(ControlFile.PUBLICATIONS_DIRECTORY)))
            {
                assertThat(logs.count()).as("only the accepted publication's log").isEqualTo(1);
            }
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            message.putLong(0, 11);
            IpcRoundTripTest.offer(accepted, message, 8);
            final List<Long> received = new ArrayList<>();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.isEmpty() && System.nanoTime() < deadline)
            {
                subscription.poll((buffer, offset, length, header) -> received.add(buffer.getLong(offset)), 10);
            }
            assertThat(received).containsExactly(11L);
        }
        finally
        {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    @Test
    void badChannelsAreRefusedBeforeReachingTheDriver()
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            assertThatThrownBy(() -> client.addPublication("nano:ipc?term-length=100000",
                1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("term-length=131072");
            assertThatThrownBy(() -> client.addSubscription("nanoipc", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e.g. nano:ipc");
            assertThatThrownBy(() -> client.addPublication("nano:udp?control=localhost:40000", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs endpoint=host:port, or control-mode=");
            client.addPublication("nano:ipc?term-length=64k", 2).close();
            try (ConcurrentPublication first = client.addPublication("nano:ipc?term-length=64k", 3))
            {
                assertThatThrownBy(() -> client.addPublication("nano:ipc?term-length=128k",
                    3)).isInstanceOf(RegistrationException.class)
                    .hasMessageContaining("already published with term-length 65536");
                assertThat(first.isClosed()).isFalse();
            }
        }
    }

    @Test
    void aMissingControlFileSaysHowToStartADriver()
    {
        final ClientContext context = new ClientContext().directory(dir.resolve("nothing-here")).connectTimeout(Duration.ofMillis(200));
        final long start = System.nanoTime();
        assertThatThrownBy(() -> NanoStream.connect(context))
            .isInstanceOf(DriverUnavailableException.class).hasMessageContaining("does not exist")
            .hasMessageContaining("./nano-stream driver").hasMessageContaining("ms for a driver in " +
            dir.resolve("nothing-here"));
        assertThat(System.nanoTime() - start).as("it waited for the driver").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void truncatedForeignAndUnreadyControlFilesAreNamedAsSuch() throws Exception
    {
        Files.write(dir.resolve(ControlFile.FILE_NAME), new byte[64]);
        assertThatThrownBy(() -> NanoStream.connect(new ClientContext().directory(dir).connectTimeout(Duration.ZERO))).isInstanceOf(DriverUnavailableException.class)
            .hasMessageContaining("truncated");
        Files.write(dir.resolve(ControlFile.FILE_NAME), new byte[4096]);
        assertThatThrownBy(() -> NanoStream.connect(new ClientContext().directory(dir).connectTimeout(Duration.ZERO))).isInstanceOf(DriverUnavailableException.class)
            .hasMessageContaining("not ready");
        final byte[] foreign = new byte[4096];
        foreign[0] = 0x7F;
        foreign[1] = 'E';
        Files.write(dir.resolve(ControlFile.FILE_NAME), foreign);
        assertThatThrownBy(() -> NanoStream.connect(new ClientContext().directory(dir).connectTimeout(Duration.ZERO))).isInstanceOf(DriverUnavailableException.class)
            .hasMessageContaining("another program's file");
    }

    @Test
    void aControlFileOfAnotherUserIsRefused() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(dir.resolve("theirs")).threadingMode(ThreadingMode.INVOKER)))
        {
            driver.invoke();
            final Path control = driver.directory().resolve(ControlFile.FILE_NAME);
            try
            {
                Files.setOwner(control,
                    control.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
            }
            catch (final java.io.IOException ex)
            {
                org.junit.jupiter.api.Assumptions.abort("giving a file to user nobody needs root (chown): " + ex);
            }
            assertThatThrownBy(() -> NanoStream.connect(new ClientContext().directory(driver.directory())))
                .isInstanceOf(DriverUnavailableException.class).hasMessageContaining("belongs to nobody");
        }
    }

    @Test
    void aControlFileLeftByADeadDriverSaysTheDriverIsNotRunning() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(dir.resolve("driver")).threadingMode(ThreadingMode.INVOKER)))
        {
            driver.invoke();
            // an invoker-mode driver nobody invokes stops heartbeating, as a dead one does
            final ClientContext context = new ClientContext().directory(driver.directory()).driverTimeout(Duration.ofMillis(200));
            Thread.sleep(300);
            assertThatThrownBy(() -> NanoStream.connect(context)).isInstanceOf(DriverUnavailableException.class)
                .hasMessageContaining("has not heartbeated").hasMessageContaining("not running");
        }
    }

    @Test
    void aSecondDriverIsRefusedTheDirectoryOfALiveOne()
    {
        try (MediaDriver first = MediaDriver.launch(new DriverContext().directory(dir.resolve("d"))))
        {
            assertThatThrownBy(() -> MediaDriver.launch(new DriverContext().directory(first.directory())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        }
    }

    @Test
    void twoThreadsOfferingOnOneExclusivePublicationAtOnceAreNamedUnderAssertions() throws Exception
    {
        assertThat(ExclusivePublication.class.desiredAssertionStatus()).as("surefire runs with -ea").isTrue();
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", 41);
             Subscription subscription = client.addSubscription("nano:ipc", 41))
        {
            final java.util.concurrent.atomic.AtomicReference<Throwable> caught = new java.util.concurrent.atomic.AtomicReference<>();
            final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            final Runnable offerer = () ->
            {
                final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
                try
                {
                    while (!stop.get())
                    {
                        publication.offer(message, 0, 64);
                    }
                }
                catch (final IllegalStateException ex)
                {
                    caught.compareAndSet(null, ex);
                    stop.set(true);
                }
            };
            final Thread first = new Thread(offerer, "offerer-one");
            final Thread second = new Thread(offerer, "offerer-two");
            first.start();
            second.start();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!stop.get() && System.nanoTime() < deadline)
            {
                subscription.poll((buffer, offset, length, header) -> { }, 256);
            }
            stop.set(true);
            first.join();
            second.join();
            assertThat(caught.get()).as("two threads at once are caught").isNotNull()
                .hasMessageContaining("two threads offer on one ExclusivePublication").hasMessageContaining("offerer-one")
                .hasMessageContaining("offerer-two").hasMessageContaining("ConcurrentPublication");
            assertThatThrownBy(() -> publication.tryClaim(-1, new BufferClaim()))
                .hasMessageContaining("a claim's length is 0 or more");
        }
    }
}
