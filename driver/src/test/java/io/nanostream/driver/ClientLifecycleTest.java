package io.nanostream.driver;

import io.nanostream.client.DriverUnavailableException;
import io.nanostream.client.NanoStream;
import io.nanostream.client.RegistrationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
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
