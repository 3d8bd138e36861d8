package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.Counter;
import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.CountersReader;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.CounterTypes;
import io.nanostream.concurrent.Agent;
import io.nanostream.concurrent.AgentRunner;
import io.nanostream.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
                "sender cycles over 1 ms", "sender longest cycle ns", "receiver cycles over 1 ms",
                "receiver longest cycle ns");
            final long startDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!List.of(1L, 1L, 1L).equals(List.of(systemCounters(client).get("conductor running"),
                systemCounters(client).get("sender running"), systemCounters(client).get("receiver running"))))
            {
                assertThat(System.nanoTime()).as("every agent shown running: %s",
                    systemCounters(client)).isLessThan(startDeadline);
                Thread.onSpinWait();
            }
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
                 image -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)),
                 image -> { }); // blocks the client's conductor
             Publication publication = client.addPublication("nano:ipc", 4))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (clientSlowCycles(client) < 1)
            {
                assertThat(System.nanoTime()).as("the client's slow cycle counted; counters %s",
                    FeatureCounters.read(driver.directory(), CounterTypes.CLIENT_SLOW_CYCLES)).isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(FeatureCounters.read(driver.directory(),
                CounterTypes.CLIENT_SLOW_CYCLES)).singleElement().asString()
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

    @Test
    void anAgentThatDiesOfAnErrorIsShownStopped() throws Exception
    {
        final CounterSet counters = new CounterSet(AtomicBuffer.allocateHeap(16 * CountersDescriptor.METADATA_LENGTH),
            AtomicBuffer.allocateHeap(16 * CountersDescriptor.VALUE_LENGTH), 0);
        final Counter running = counters.newCounter(CounterTypes.GAUGE, 0, 0, 0, 0, "sender running", 0);
        final CountDownLatch cycling = new CountDownLatch(1);
        final CountDownLatch die = new CountDownLatch(1);
        final Agent dying = new Agent()
        {
            @Override
            public int doWork() throws Exception
            {
                cycling.countDown();
                if (die.getCount() == 0)
                {
                    throw new OutOfMemoryError("pretend");
                }
                return 0;
            }

            @Override
            public String roleName()
            {
                return "sender";
            }
        };
        final AgentRunner runner = new AgentRunner(new CountedAgent(dying, running), new YieldingIdleStrategy(),
            error -> { });
        final Thread thread = Thread.ofPlatform().uncaughtExceptionHandler((t, ex) -> { }).unstarted(runner);
        thread.start();
        assertThat(cycling.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(running.get()).as("shown running").isEqualTo(1);
        die.countDown();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thread.isAlive()).isFalse();
        assertThat(running.get()).as("shown stopped once its thread died").isZero();
    }
}
