package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.DriverUnavailableException;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.RegistrationException;
import io.nanostream.client.Subscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How a client meets an embedded driver, hears that it stopped, and reports what the driver refused. */
class ClientLifecycleTest
{
    @Test
    void aClientFindsTheDriverEmbeddedInItsProcessWithoutBeingToldWhere()
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = NanoStream.connect())
        {
            assertThat(client.addSubscription("nano:ipc", 1).registrationId()).isPositive();
        }
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = driver.connect())
        {
            assertThat(client.addSubscription("nano:ipc", 1).registrationId()).isPositive();
        }
    }

    @Test
    void connectWaitsForADriverThatStartsAfterIt() throws Exception
    {
        final DriverContext driverContext = UdpRoundTripTest.context(ThreadingMode.SHARED);
        final CompletableFuture<MediaDriver> started = new CompletableFuture<>();
        final Thread starter = Thread.ofPlatform().start(() ->
        {
            try
            {
                Thread.sleep(300); // the client asks first, as a service started beside its driver does
                started.complete(MediaDriver.launch(driverContext));
            }
            catch (final Throwable ex)
            {
                started.completeExceptionally(ex);
            }
        });
        try (NanoStream client = NanoStream.connect(new ClientContext().directory(driverContext.directory())
            .connectTimeout(Duration.ofSeconds(30)));
             Subscription subscription = client.addSubscription("nano:ipc", 5);
             Publication publication = client.addPublication("nano:ipc", 5))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(8);
            message.putLong(0, 42);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (publication.offer(message, 0, 8) < 0)
            {
                assertThat(System.nanoTime()).as("offer to the driver that started late").isLessThan(deadline);
                Thread.sleep(1);
            }
            final long[] received = {0};
            while (subscription.poll((buffer, offset, length, header) -> received[0] = buffer.getLong(offset), 1) == 0)
            {
                assertThat(System.nanoTime()).as("poll from the driver that started late").isLessThan(deadline);
                Thread.sleep(1);
            }
            assertThat(received[0]).isEqualTo(42);
        }
        finally
        {
            starter.join();
            started.get().close();
        }
    }

    @Test
    void connectStopsWaitingAtItsTimeoutAndNamesTheDirectory()
    {
        final DriverContext driverContext = UdpRoundTripTest.context(ThreadingMode.SHARED);
        final ClientContext context = new ClientContext().directory(driverContext.directory()).connectTimeout(Duration.ofMillis(300));
        final long start = System.nanoTime();
        assertThatThrownBy(() -> NanoStream.connect(context)).isInstanceOf(DriverUnavailableException.class)
            .hasMessageContaining("for a driver in " +
            driverContext.directory()).hasMessageContaining("connectTimeout");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void withTwoEmbeddedDriversTheErrorSaysWhichAndHow()
    {
        try (MediaDriver first = MediaDriver.launchEmbedded();
             MediaDriver second = MediaDriver.launchEmbedded())
        {
            // whether or not a driver runs in the default directory: with two embedded, the client does not guess
            assertThatThrownBy(NanoStream::connect).isInstanceOf(DriverUnavailableException.class)
                .hasMessageContaining(first.directory().toString()).hasMessageContaining(second.directory().toString())
                .hasMessageContaining("driver.connect()");
        }
    }

    @Test
    void aCleanlyStoppedDriverIsNoticedAtOnceAndNamedAsStopped() throws InterruptedException
    {
        final MediaDriver driver = MediaDriver.launchEmbedded();
        final NanoStream client = driver.connect();
        final long stopped = System.nanoTime();
        driver.close();
        while (!client.isClosed())
        {
            assertThat(System.nanoTime() - stopped).as("noticed").isLessThan(TimeUnit.SECONDS.toNanos(60));
            Thread.sleep(1);
        }
        // told by the driver as it stopped, not found out from its silence
        assertThatThrownBy(() -> client.addPublication("nano:ipc", 1)).isInstanceOf(DriverUnavailableException.class)
            .hasMessageContaining("stopped; start it again").hasMessageNotContaining("heartbeating");
        client.close();
    }

    @Test
    void aRefusalIsThrownWithTheCallersStack()
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = driver.connect())
        {
            client.addPublication("nano:ipc?term-length=64k", 1);
            final RegistrationException refused = catchThrowableOfType(RegistrationException.class,
                () -> client.addPublication("nano:ipc?term-length=128k", 1));
            assertThat(refused.getMessage()).contains("already published with term-length 65536");
            assertThat(Arrays.stream(refused.getStackTrace()).map(StackTraceElement::getMethodName))
                .contains("aRefusalIsThrownWithTheCallersStack");
        }
    }
}
