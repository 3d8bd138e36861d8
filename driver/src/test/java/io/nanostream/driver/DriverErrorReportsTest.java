package io.nanostream.driver;

import io.nanostream.buffer.CountersReader;
import io.nanostream.buffer.ErrorLogReader;
import io.nanostream.buffer.MappedFile;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.protocol.ControlFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code nano-stream errors} tells an operator: a client the driver timed out, by its id and for how long it was
 * silent, and a failing UDP socket, by its channel and the kernel's reason. Each is also counted.
 */
class DriverErrorReportsTest
{
    @Test
    void aClientTheDriverTimesOutIsInTheErrorLogByIdAndCounted() throws Exception
    {
        final DriverContext context = UdpRoundTripTest.context(ThreadingMode.SHARED).clientLivenessTimeout(Duration.ofMillis(300));
        try (MediaDriver driver = MediaDriver.launch(context))
        {
            // an invoker-mode client that is never invoked sends no keepalives: the driver times it out
            final NanoStream silent = NanoStream.connect(new ClientContext().directory(driver.directory()).useConductorInvoker(true));
            final String entry = awaitError(driver.directory(), text -> text.contains("client " + silent.clientId() +
                " timed out"));
            assertThat(entry).contains("no keepalive for").contains("client liveness timeout 300 ms").contains("released")
                .as("one line: no stack trace to fill the log").doesNotContain("\tat ");
            assertThat(systemCounter(driver.directory(), "clients timed out")).isEqualTo(1);
            silent.close();
        }
    }

    @Test
    void aUdpSocketErrorNamesItsChannelAndTheReason() throws Exception
    {
        final int port = UdpTransfer.freePort(); // nothing listens there: the kernel answers each setup with ICMP port unreachable
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Publication publication = client.addPublication("nano:udp?endpoint=127.0.0.1:" + port, 7))
        {
            final String entry = awaitError(driver.directory(), text -> text.contains("udp socket error on"));
            assertThat(entry).contains("127.0.0.1:" + port).containsAnyOf("refused", "unreachable", "ECONNREFUSED");
            assertThat(systemCounter(driver.directory(), "udp socket errors")).isPositive();
        }
    }

    private static String awaitError(final Path directory, final Predicate<String> wanted) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true)
        {
            final List<String> errors = new ArrayList<>();
            try (MappedFile mapping = MappedFile.open(directory.resolve(ControlFile.FILE_NAME)))
            {
                ErrorLogReader.read(new ControlFile(mapping.buffer()).errorLog(), (observations, first, last,
                    text) -> errors.add(text));
            }
            for (final String error : errors)
            {
                if (wanted.test(error))
                {
                    return error;
                }
            }
            assertThat(System.nanoTime()).as("the error in the driver's log; it has %s", errors).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long systemCounter(final Path directory, final String label)
    {
        final long[] value = {-1};
        try (MappedFile mapping = MappedFile.open(directory.resolve(ControlFile.FILE_NAME)))
        {
            final ControlFile control = new ControlFile(mapping.buffer());
            new CountersReader(control.countersMetadata(), control.countersValues()).forEach((id, type, text, v) ->
            {
                if (text.equals(label))
                {
                    value[0] = v;
                }
            });
        }
        return value[0];
    }
}
