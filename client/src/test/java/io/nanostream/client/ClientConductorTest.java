package io.nanostream.client;

import io.nanostream.buffer.BroadcastDescriptor;
import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.MappedFile;
import io.nanostream.buffer.MessageRing;
import io.nanostream.buffer.MessageRingDescriptor;
import io.nanostream.client.protocol.Commands;
import io.nanostream.client.protocol.CounterTypes;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.client.protocol.DriverProcess;
import io.nanostream.concurrent.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's conductor against a control file with no driver behind it, on a clock the test moves:
 * keepalives go out on the clock's interval, and a driver whose heartbeat stops is given up on after the
 * driver timeout, not before.
 */
class ClientConductorTest
{
    private static final int RING = 64 * 1024;
    private static final Duration DRIVER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KEEPALIVE = Duration.ofMillis(500);

    @TempDir
    Path directory;
    private final ManualClock clock = new ManualClock(5_000_000_000L, 1_800_000_000_000L);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private MappedFile file;
    private ControlFile control;
    private MessageRing commands;
    private NanoStream client;
    private int keepalives;

    @BeforeEach
    void setUp()
    {
        final int commandRing = RING + MessageRingDescriptor.TRAILER_LENGTH;
        final int broadcast = RING + BroadcastDescriptor.TRAILER_LENGTH;
        final int metadata = 16 * CountersDescriptor.METADATA_LENGTH;
        final int values = 16 * CountersDescriptor.VALUE_LENGTH;
        file = MappedFile.create(directory.resolve(ControlFile.FILE_NAME), ControlFile.length(commandRing, broadcast,
            metadata, values, RING));
        control = new ControlFile(file.buffer());
        control.initialise(commandRing, broadcast, metadata, values, RING, DRIVER_TIMEOUT.toNanos(),
            new DriverProcess(1, clock.epochMillis(), 0));
        commands = new MessageRing(control.commandRing());
        commands.consumerHeartbeat(clock.epochMillis()); // a driver that heartbeated just now, and never again
        control.markReady();
        client = NanoStream.connect(new ClientContext().directory(directory).clock(clock).driverTimeout(DRIVER_TIMEOUT)
            .keepaliveInterval(KEEPALIVE).errorHandler(errors::add));
    }

    @AfterEach
    void tearDown()
    {
        client.close();
        file.close();
    }

    private int readKeepalives()
    {
        commands.read((type, buffer, offset, length) ->
        {
            if (type == Commands.CLIENT_KEEPALIVE)
            {
                assertThat(buffer.getLong(offset + Commands.CLIENT_ID)).isEqualTo(client.clientId());
                keepalives++;
            }
        }, 100);
        return keepalives;
    }

    private static void awaitTrue(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime() - deadline).as("waiting for: " + what).isNegative();
            Thread.sleep(1);
        }
    }

    /** Gives the conductor thread time to run many cycles at the current instant of the manual clock. */
    private static void letItRun() throws InterruptedException
    {
        Thread.sleep(100);
    }

    @Test
    void keepalivesGoOutOnTheClocksIntervalAndNotBetween() throws InterruptedException
    {
        awaitTrue("the connect keepalive and the conductor's first", () -> readKeepalives() == 2);
        clock.advance(KEEPALIVE.toMillis() - 1, TimeUnit.MILLISECONDS);
        letItRun();
        assertThat(readKeepalives()).as("the interval has not passed").isEqualTo(2);
        clock.advance(1, TimeUnit.MILLISECONDS);
        awaitTrue("a keepalive once the interval passed", () -> readKeepalives() == 3);
        letItRun();
        assertThat(readKeepalives()).as("one per interval").isEqualTo(3);
    }

    @Test
    void onceTheDriverMadeItsHeartbeatCounterTheClientBeatsThereInsteadOfSendingCommands() throws InterruptedException
    {
        awaitTrue("the connect keepalive and the conductor's first", () -> readKeepalives() == 2);
        final CounterSet counters = new CounterSet(control.countersMetadata(), control.countersValues(), 0);
        final int heartbeat = counters.allocate(CounterTypes.CLIENT_HEARTBEAT, client.clientId(), 0, 0,
            client.clientId(), "client-hb: client " + client.clientId(),
            clock.epochMillis()); // as the driver does on hearing from the client
        long last = counters.value(heartbeat);
        for (int interval = 1; interval <= 3; interval++)
        {
            clock.advance(KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
            final long before = last;
            awaitTrue("beat " + interval, () -> counters.value(heartbeat) > before);
            last = counters.value(heartbeat);
            assertThat(last).as("the client's time").isEqualTo(clock.epochMillis());
        }
        assertThat(readKeepalives()).as("no keepalive command once the counter is there").isEqualTo(2);

        counters.free(heartbeat, clock.epochMillis()); // the driver took it back (it timed the client out, say)
        clock.advance(KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
        awaitTrue("a keepalive command again", () -> readKeepalives() == 3);
        assertThat(counters.value(heartbeat)).as("nothing written into a counter no longer the client's").isEqualTo(last);
    }

    @Test
    void aDriverThatStopsHeartbeatingIsGivenUpOnAfterTheDriverTimeoutAndNotBefore() throws InterruptedException
    {
        clock.advance(DRIVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        letItRun();
        assertThat(client.isClosed()).as("silent for exactly the timeout: still trusted").isFalse();
        clock.advance(ClientConductor.DRIVER_CHECK_INTERVAL_NANOS + 1_000_000, TimeUnit.NANOSECONDS);
        awaitTrue("the client to give up on the driver", client::isClosed);
        assertThat(errors).singleElement().isInstanceOf(DriverUnavailableException.class)
            .extracting(Throwable::getMessage).asString().contains("stopped heartbeating").contains("restart it");
    }

    @Test
    void aDriverAlreadySilentAtConnectIsRefusedWithTheReason()
    {
        clock.advance(DRIVER_TIMEOUT.toMillis() + 1, TimeUnit.MILLISECONDS);
        final ClientContext context = new ClientContext().directory(directory).clock(clock).driverTimeout(DRIVER_TIMEOUT)
            .connectTimeout(Duration.ZERO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NanoStream.connect(context))
            .isInstanceOf(DriverUnavailableException.class).hasMessageContaining("has not heartbeated for 10001 ms");
    }
}
