package io.nanostream.driver;

import io.nanostream.buffer.CountersReader;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.CounterTypes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every agent counts its duty cycles over the threshold, where {@code stat} shows them: the driver's conductor, sender
 * and receiver (or the one shared agent), and each client's conductor, in the counter the driver keeps for the client.
 */
class DutyCycleCountersTest
{
    @Test
    void eachDriverAgentHasItsCountersAndTheConductorCountsACycleThatMadeALargeLog()
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.DEDICATED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            assertThat(systemCounters(client)).containsKeys("conductor cycles over 1 ms", "conductor longest cycle ns",
                "sender cycles over 1 ms", "sender longest cycle ns", "receiver cycles over 1 ms", "receiver longest cycle ns");
            // making and writing through 48 MiB of log takes the conductor one cycle of many milliseconds
            final long before = systemCounters(client).get("conductor cycles over 1 ms");
            try (Publication publication = client.addPublication("nano:ipc?term-length=16m|sparse=false", 3))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (systemCounters(client).get("conductor cycles over 1 ms") == before) // counted as the cycle ends, after it answered
                {
                    assertThat(System.nanoTime()).as("the conductor's slow cycle counted").isLessThan(deadline);
                    Thread.onSpinWait();
                }
                assertThat(systemCounters(client).get("conductor longest cycle ns")).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    @Test
    void aSharedDriverCountsItsOneAgent()
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED).dutyCycleThreshold(Duration.ofMillis(5)));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            assertThat(systemCounters(client)).containsKeys("shared cycles over 5 ms", "shared longest cycle ns")
                .doesNotContainKey("conductor cycles over 1 ms");
        }
    }

    @Test
    void aClientWhoseConductorBlocksInAHandlerCountsTheSlowCycleWhereStatSeesIt() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:ipc", 4,
                 image -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)), image -> { }); // blocks the client's conductor
             Publication publication = client.addPublication("nano:ipc", 4))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (clientSlowCycles(client) < 1)
            {
                assertThat(System.nanoTime()).as("the client's slow cycle counted; counters %s", FeatureCounters.read(driver.directory(),
                    CounterTypes.CLIENT_SLOW_CYCLES)).isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(FeatureCounters.read(driver.directory(), CounterTypes.CLIENT_SLOW_CYCLES)).singleElement().asString()
                .endsWith("client-cycles over its threshold: client " + client.clientId());
        }
    }

    private static Map<String, Long> systemCounters(final NanoStream client)
    {
        final Map<String, Long> values = new HashMap<>();
        final CountersReader counters = client.counters();
        counters.forEach((id, type, label, value) ->
        {
            if (type == CounterTypes.SYSTEM || type == CounterTypes.GAUGE)
            {
                values.put(label, value);
            }
        });
        return values;
    }

    private static long clientSlowCycles(final NanoStream client)
    {
        final long[] slow = {0};
        client.counters().forEach((id, type, label, value) ->
        {
            if (type == CounterTypes.CLIENT_SLOW_CYCLES && client.counters().registrationId(id) == client.clientId())
            {
                slow[0] = value;
            }
        });
        return slow[0];
    }
}
