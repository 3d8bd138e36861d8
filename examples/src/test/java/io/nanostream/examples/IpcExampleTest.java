package io.nanostream.examples;

import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IPC example as a user runs it: a driver, then the subscriber's and the publisher's mains, each in its own JVM.
 */
class IpcExampleTest
{
    private static final int COUNT = 10_000;

    @Test
    @Timeout(120) // two JVMs start and run beside this one: on a busy machine that alone may take tens of seconds
    void theSubscriberProcessPrintsEveryMessageOfThePublisherProcessInOrder() throws Exception
    {
        final Path base = new DriverContext().directory();
        final Path directory = base.resolveSibling(base.getFileName() + "-examples-" + UUID.randomUUID());
        try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(directory)))
        {
            final Path subscriberOutput = Files.createTempFile("ipc-subscriber", ".txt");
            final Path publisherOutput = Files.createTempFile("ipc-publisher", ".txt");
            final Process subscriber = start(IpcSubscriber.class, driver.directory(), subscriberOutput);
            final Process publisher = start(IpcPublisher.class, driver.directory(), publisherOutput);
            try
            {
                assertThat(publisher.waitFor(50, TimeUnit.SECONDS)).as("publisher exits").isTrue();
                assertThat(subscriber.waitFor(50, TimeUnit.SECONDS)).as("subscriber exits").isTrue();
                final List<String> subscriberLines = Files.readAllLines(subscriberOutput);
                assertThat(Files.readAllLines(publisherOutput)).containsExactly("published " + COUNT);
                assertThat(publisher.exitValue()).isZero();
                assertThat(subscriber.exitValue()).isZero();
                assertThat(subscriberLines).containsExactlyElementsOf(Stream.concat(Stream.of("subscribed"),
                    IntStream.range(0, COUNT).mapToObj(i -> "received message " + i)).toList());
            }
            finally
            {
                publisher.destroyForcibly();
                subscriber.destroyForcibly();
                Files.deleteIfExists(subscriberOutput);
                Files.deleteIfExists(publisherOutput);
            }
        }
    }

    @Test
    @Timeout(120)
    void theSubscriberProcessSaysWhyAndExitsWhenItsDriverStops() throws Exception
    {
        final Path base = new DriverContext().directory();
        final Path directory = base.resolveSibling(base.getFileName() + "-examples-" + UUID.randomUUID());
        final Path subscriberOutput = Files.createTempFile("ipc-subscriber", ".txt");
        Process subscriber = null;
        try
        {
            try (MediaDriver driver = MediaDriver.launch(new DriverContext().directory(directory)))
            {
                subscriber = start(IpcSubscriber.class, driver.directory(), subscriberOutput);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(subscriberOutput).contains("subscribed"))
                {
                    assertThat(System.nanoTime()).as("the subscriber subscribed").isLessThan(deadline);
                    assertThat(subscriber.isAlive()).as("the subscriber runs: %s",
                        Files.readString(subscriberOutput)).isTrue();
                    Thread.sleep(10);
                }
            } // the driver stops, with the subscriber still waiting for its messages
            assertThat(subscriber.waitFor(60, TimeUnit.SECONDS)).as("the subscriber exits").isTrue();
            assertThat(subscriber.exitValue()).isEqualTo(1);
            assertThat(Files.readAllLines(subscriberOutput)).containsExactly("subscribed",
                "stopped: the media driver in " + directory + " stopped; start it again and connect a new client");
        }
        finally
        {
            if (subscriber != null)
            {
                subscriber.destroyForcibly();
            }
            Files.deleteIfExists(subscriberOutput);
        }
    }

    /** Starts an example's main in a JVM of its own, with this JVM's java and class path, on the given driver. */
    private static Process start(final Class<?> main, final Path driverDirectory, final Path output) throws IOException
    {
        return new ProcessBuilder(
            ProcessHandle.current().info().command().orElse("java"), "-Xmx128m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Dnanostream.dir=" + driverDirectory, "-cp",
            System.getProperty("java.class.path"), main.getName(), String.valueOf(COUNT))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    }
}
