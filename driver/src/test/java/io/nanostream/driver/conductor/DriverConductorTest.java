package io.nanostream.driver.conductor;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.BroadcastDescriptor;
import io.nanostream.buffer.BroadcastReceiver;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.CountersReader;
import io.nanostream.buffer.MessageRing;
import io.nanostream.buffer.MessageRingDescriptor;
import io.nanostream.client.protocol.Commands;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.client.protocol.DriverProcess;
import io.nanostream.client.protocol.Responses;
import io.nanostream.concurrent.ManualClock;
import io.nanostream.driver.loss.LossGenerator;
import io.nanostream.driver.udp.ReceiverLimits;
import io.nanostream.driver.udp.SocketBatching;
import io.nanostream.driver.wire.Setup;
import io.nanostream.log.BufferClaim;
import io.nanostream.log.ExclusiveTermAppender;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.TermAppender;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conductor on its own, driven cycle by cycle with a manual clock: commands go in through the command
 * ring as a client writes them, answers come out of the broadcast buffer, and time passes only when the
 * test says. No threads, no sleeps.
 */
class DriverConductorTest
{
    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long UNBLOCK_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int TERM_LENGTH = 64 * 1024;
    private static final int RING = 64 * 1024;
    private static final int COUNTERS = 256;
    private static final int MAX_REGISTRATIONS = 4;

    @TempDir
    Path directory;
    private final ManualClock clock = new ManualClock(1_000_000_000L, 1_700_000_000_000L);
    private final AtomicBuffer command = AtomicBuffer.allocateHeap(1024);
    private ControlFile control;
    private MessageRing commands;
    private BroadcastReceiver responses;
    private DriverConductor conductor;
    private long nextCorrelationId = 1;

    /** One answer from the broadcast buffer. */
    private record Answer(int type, long correlationId, AtomicBuffer body)
    {
        int errorCode()
        {
            return body.getInt(Responses.ERROR_CODE);
        }

        String logFile(final int offset)
        {
            return Commands.getString(body, offset, (int)body.capacity());
        }
    }

    @BeforeEach
    void setUp() throws IOException
    {
        start(COUNTERS, ReceiverLimits.DEFAULT);
    }

    /** A conductor on a control file with room for so many counters, under these receiver limits. */
    private void start(final int counterCount, final ReceiverLimits limits) throws IOException
    {
        Files.deleteIfExists(directory.resolve(io.nanostream.driver.loss.LossReport.FILE_NAME)); // a conductor before this one made it
        Files.createDirectories(directory.resolve(ControlFile.PUBLICATIONS_DIRECTORY));
        final int commandRing = RING + MessageRingDescriptor.TRAILER_LENGTH;
        final int broadcast = RING + BroadcastDescriptor.TRAILER_LENGTH;
        final int metadata = counterCount * CountersDescriptor.METADATA_LENGTH;
        final int values = counterCount * CountersDescriptor.VALUE_LENGTH;
        final AtomicBuffer file = AtomicBuffer.allocateDirect((int)ControlFile.length(commandRing, broadcast, metadata,
            values, RING));
        control = new ControlFile(file);
        control.initialise(commandRing, broadcast, metadata, values, RING, LIVENESS_NANOS,
            new DriverProcess(1, clock.epochMillis(), 0));
        final ConductorSettings settings = new ConductorSettings(TERM_LENGTH, TERM_LENGTH, 1408, 0, 128 * 1024,
            LIVENESS_NANOS, UNBLOCK_NANOS, LINGER_NANOS, LIVENESS_NANOS, true, () -> LossGenerator.NONE,
            () -> LossGenerator.NONE, MAX_REGISTRATIONS, limits, LogPlacement.inDriverDirectory(), SocketBatching.OFF,
            null, new ConductorSettings.NameResolution(java.net.InetAddress::getByName, 1_000_000_000L));
        conductor = new DriverConductor(settings, control, directory, clock);
        commands = new MessageRing(control.commandRing());
        responses = new BroadcastReceiver(control.broadcast());
    }

    @AfterEach
    void tearDown()
    {
        conductor.onClose();
    }

    private long add(final int type, final long clientId, final int streamId, final String channel)
    {
        return add(type, clientId, streamId, channel, nextCorrelationId++);
    }

    private long add(final int type, final long clientId, final int streamId, final String channel,
        final long correlationId)
    {
        final int length = Commands.encodeAdd(command, correlationId, clientId, streamId, channel);
        assertThat(commands.write(type, command, 0, length)).isTrue();
        return correlationId;
    }

    private long remove(final int type, final long clientId, final long registrationId)
    {
        final long correlationId = nextCorrelationId++;
        assertThat(commands.write(type, command, 0, Commands.encodeRemove(command, correlationId, clientId,
            registrationId))).isTrue();
        return correlationId;
    }

    private void client(final int type, final long clientId)
    {
        assertThat(commands.write(type, command, 0, Commands.encodeClient(command, nextCorrelationId++,
            clientId))).isTrue();
    }

    /** Runs duty cycles, each after moving the clock on, and collects the answers. */
    private List<Answer> cycle(final long advanceNanos)
    {
        clock.advance(advanceNanos, TimeUnit.NANOSECONDS);
        conductor.doWork();
        final List<Answer> answers = new ArrayList<>();
        while (responses.receiveNext())
        {
            final byte[] bytes = new byte[responses.length()];
            responses.buffer().getBytes(responses.offset(), bytes, 0, bytes.length);
            final AtomicBuffer body = AtomicBuffer.wrap(bytes);
            answers.add(new Answer(responses.type(), body.getLong(0), body));
        }
        return answers;
    }

    private int countersInUse()
    {
        final int[] count = {0};
        new CountersReader(control.countersMetadata(), control.countersValues()).forEach((id, typeId, name,
            v) -> count[0]++);
        return count[0];
    }

    private static int freePort() throws IOException
    {
        try (DatagramChannel free = DatagramChannel.open())
        {
            return ((InetSocketAddress)free.bind(new InetSocketAddress("127.0.0.1", 0)).getLocalAddress()).getPort();
        }
    }

    /** Sends SETUPs for these sessions to a port, as a remote sender would (or anyone who forges them). */
    private static void sendSetups(final int port, final int streamId, final int... sessionIds) throws IOException
    {
        try (DatagramChannel sender = DatagramChannel.open())
        {
            final ByteBuffer bytes = ByteBuffer.allocateDirect(Setup.LENGTH);
            final AtomicBuffer frame = AtomicBuffer.wrap(MemorySegment.ofBuffer(bytes));
            for (final int sessionId : sessionIds)
            {
                Setup.put(frame, 0, sessionId, streamId, 100, 100, TERM_LENGTH, 1408, 0);
                sender.send(bytes.clear(), new InetSocketAddress("127.0.0.1", port));
            }
        }
    }

    /**
     * Runs the receiver and the conductor by hand until a counter reaches a value (datagrams on loopback take no time).
     */
    private void runUntil(final String label, final long value)
    {
        for (int i = 0; i < 1_000_000 && counter(label) < value; i++)
        {
            conductor.receiver().doWork();
            cycle(1_000_000);
        }
        assertThat(counter(label)).as(label).isEqualTo(value);
    }

    private List<Path> imageLogs() throws IOException
    {
        try (var files = Files.list(directory.resolve(ControlFile.PUBLICATIONS_DIRECTORY)))
        {
            return files.filter(file -> file.getFileName().toString().startsWith("image-")).toList();
        }
    }

    private int counterId(final String label)
    {
        final int[] found = {-1};
        new CountersReader(control.countersMetadata(), control.countersValues()).forEach((id, typeId, name, v) ->
        {
            if (name.equals(label))
            {
                found[0] = id;
            }
        });
        return found[0];
    }

    private long counter(final String label)
    {
        final long[] value = {-1};
        new CountersReader(control.countersMetadata(), control.countersValues()).forEach((id, typeId, name, v) ->
        {
            if (name.equals(label))
            {
                value[0] = v;
            }
        });
        return value[0];
    }

    @Test
    void aSilentClientIsTimedOutAndItsPublicationDrainedLingeredAndDeleted()
    {
        final long publication = add(Commands.ADD_PUBLICATION, 7, 10, "nano:ipc");
        final Answer ready = cycle(0).getFirst();
        assertThat(ready.type()).isEqualTo(Responses.ON_PUBLICATION_READY);
        assertThat(ready.correlationId()).isEqualTo(publication);
        final Path log = Path.of(ready.logFile(Responses.PUBLICATION_LOG_FILE));
        assertThat(log).exists().startsWith(directory);

        assertThat(cycle(LIVENESS_NANOS - 100_000_000L)).as("still within the liveness timeout").isEmpty();
        final List<Answer> timedOut = cycle(200_000_000L);
        assertThat(timedOut).extracting(Answer::type).containsExactly(Responses.ON_CLIENT_TIMEOUT);
        assertThat(timedOut.getFirst().correlationId()).as("the client id").isEqualTo(7);
        assertThat(counter("clients")).isZero();

        cycle(LINGER_NANOS - 100_000_000L);
        assertThat(log).as("lingering, for subscribers still reading").exists();
        cycle(200_000_000L);
        assertThat(log).as("deleted after the linger").doesNotExist();
        assertThat(counter("publications")).isZero();
    }

    @Test
    void aClientThatKeepsTalkingKeepsWhatItHolds()
    {
        add(Commands.ADD_PUBLICATION, 7, 10, "nano:ipc");
        final Path log = Path.of(cycle(0).getFirst().logFile(Responses.PUBLICATION_LOG_FILE));
        for (int i = 0; i < 10; i++)
        {
            client(Commands.CLIENT_KEEPALIVE, 7);
            assertThat(cycle(LIVENESS_NANOS / 2)).isEmpty();
        }
        assertThat(log).exists();
        assertThat(counter("clients")).isEqualTo(1);
        assertThat(counter("publications")).isEqualTo(1);
    }

    @Test
    void aClientWhoseHeartbeatCounterMovesLivesWithoutCommandsAndIsTimedOutOnceItStandsStill()
    {
        client(Commands.CLIENT_KEEPALIVE, 7);
        cycle(0);
        final int heartbeat = counterId("client-hb: client 7");
        assertThat(heartbeat).as("made when the driver first heard from the client").isNotNegative();
        for (int beat = 1; beat <= 10; beat++)
        {
            control.countersValues().putLongRelease(CountersDescriptor.valueOffset(heartbeat), clock.epochMillis() +
                beat); // the client's beat
            assertThat(cycle(LIVENESS_NANOS / 2)).as("beat %d, no command for %d ms", beat,
            beat * LIVENESS_NANOS / 2_000_000).isEmpty();
        }
        assertThat(counter("clients")).isEqualTo(1);

        assertThat(cycle(LIVENESS_NANOS - 100_000_000L)).as("standing still for less than the timeout").isEmpty();
        final List<Answer> timedOut = cycle(200_000_000L);
        assertThat(timedOut).extracting(Answer::type).containsExactly(Responses.ON_CLIENT_TIMEOUT);
        assertThat(counterId("client-hb: client 7")).as("the heartbeat counter is freed with the client").isNegative();
    }

    @Test
    void aKeepaliveWaitingBehindOtherClientsCommandsKeepsItsClientAlive()
    {
        client(Commands.CLIENT_KEEPALIVE, 7);
        cycle(0);
        // the conductor was away for longer than the timeout (making a large log, say); meanwhile another client sent
        // more commands than a cycle reads, and client 7's keepalive waits behind them
        for (int i = 0; i < ClientCommandAdapter.COMMANDS_PER_CYCLE + 4; i++)
        {
            client(Commands.CLIENT_KEEPALIVE, 8);
        }
        client(Commands.CLIENT_KEEPALIVE, 7);
        assertThat(cycle(LIVENESS_NANOS +
            1_000_000_000L)).as("nobody timed out while keepalives wait unread").isEmpty();
        assertThat(cycle(0)).isEmpty();
        assertThat(counter("clients")).isEqualTo(2);
    }

    @Test
    void theHeartbeatFollowsTheClockEveryTenMilliseconds()
    {
        cycle(0);
        final long first = commands.consumerHeartbeat();
        assertThat(first).isEqualTo(clock.epochMillis());
        cycle(TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(commands.consumerHeartbeat()).as("not yet due").isEqualTo(first);
        clock.advance(20, TimeUnit.MILLISECONDS);
        cycle(0);
        assertThat(commands.consumerHeartbeat()).isEqualTo(clock.epochMillis());
    }

    @Test
    void removingWhatWasNeverAddedIsRefusedAsUnknownAndCounted()
    {
        final long correlationId = remove(Commands.REMOVE_PUBLICATION, 7, 999);
        final Answer error = cycle(0).getFirst();
        assertThat(error.type()).isEqualTo(Responses.ON_ERROR);
        assertThat(error.correlationId()).isEqualTo(correlationId);
        assertThat(error.errorCode()).isEqualTo(Responses.ERROR_UNKNOWN);
        assertThat(error.logFile(Responses.ERROR_MESSAGE)).contains("999");
        remove(Commands.REMOVE_SUBSCRIPTION, 7, 999);
        assertThat(cycle(0).getFirst().errorCode()).isEqualTo(Responses.ERROR_UNKNOWN);
        assertThat(counter("errors")).isEqualTo(2);
    }

    @Test
    void aSharedPublicationAskedForWithAnotherTermLengthClashes()
    {
        add(Commands.ADD_PUBLICATION, 7, 10, "nano:ipc");
        assertThat(cycle(0).getFirst().type()).isEqualTo(Responses.ON_PUBLICATION_READY);
        add(Commands.ADD_PUBLICATION, 8, 10, "nano:ipc?term-length=128k");
        final Answer clash = cycle(0).getFirst();
        assertThat(clash.type()).isEqualTo(Responses.ON_ERROR);
        assertThat(clash.errorCode()).isEqualTo(Responses.ERROR_CLASH);
        add(Commands.ADD_EXCLUSIVE_PUBLICATION, 8, 10, "nano:ipc?term-length=128k");
        assertThat(cycle(0).getFirst().type()).as("an exclusive publication has a log of its own").isEqualTo(Responses.ON_PUBLICATION_READY);
    }

    @Test
    void aSubscriptionJoinsEveryPublicationOfItsStreamAtItsProducerPosition()
    {
        add(Commands.ADD_PUBLICATION, 7, 10, "nano:ipc");
        final Path log = Path.of(cycle(0).getFirst().logFile(Responses.PUBLICATION_LOG_FILE));
        try (LogBuffers mapped = LogBuffers.open(log, false))
        {
            new TermAppender(mapped.term(0), mapped.metadata(), 0).appendUnfragmented(mapped.sessionId(), 10, command,
                0, 32, null);
        }
        final long subscription = add(Commands.ADD_SUBSCRIPTION, 8, 10, "nano:ipc");
        final List<Answer> answers = cycle(0);
        assertThat(answers).extracting(Answer::type).containsExactly(Responses.ON_SUBSCRIPTION_READY,
            Responses.ON_AVAILABLE_IMAGE);
        final Answer image = answers.get(1);
        assertThat(image.body().getLong(Responses.IMAGE_SUBSCRIPTION_ID)).isEqualTo(subscription);
        assertThat(image.body().getLong(Responses.IMAGE_JOIN_POSITION)).as("after the frame already published").isEqualTo(64);
        assertThat(counter("subscriptions")).isZero(); // the gauge is set at housekeeping
        cycle(DriverConductor.HOUSEKEEPING_INTERVAL_NANOS);
        assertThat(counter("subscriptions")).isEqualTo(1);
    }

    @Test
    void aFrameWhosePublisherDiedMidClaimIsPaddedAfterTheUnblockTimeoutAndNotBefore()
    {
        add(Commands.ADD_EXCLUSIVE_PUBLICATION, 7, 10, "nano:ipc");
        final Path log = Path.of(cycle(0).getFirst().logFile(Responses.PUBLICATION_LOG_FILE));
        add(Commands.ADD_SUBSCRIPTION, 8, 10, "nano:ipc");
        cycle(0);
        try (LogBuffers mapped = LogBuffers.open(log, false))
        {
            final ExclusiveTermAppender appender = new ExclusiveTermAppender(mapped.term(0), mapped.metadata(), 0,
                mapped.sessionId(), 10);
            appender.termId(mapped.initialTermId());
            appender.claim(0, 100, new BufferClaim()); // claimed, never committed: the publisher died
            client(Commands.CLIENT_KEEPALIVE, 8);
            cycle(UNBLOCK_NANOS / 2);
            client(Commands.CLIENT_KEEPALIVE, 8);
            cycle(UNBLOCK_NANOS / 2 - 100_000_000L);
            assertThat(FrameHeader.frameLengthAcquire(mapped.term(0), 0)).as("not yet").isNegative();
            client(Commands.CLIENT_KEEPALIVE, 8);
            cycle(200_000_000L);
            assertThat(FrameHeader.frameLengthAcquire(mapped.term(0), 0)).isEqualTo(160);
            assertThat(FrameHeader.type(mapped.term(0), 0)).isEqualTo(FrameType.PAD);
        }
        cycle(DriverConductor.HOUSEKEEPING_INTERVAL_NANOS);
        assertThat(counter("unblocked frames")).isEqualTo(1);
    }

    @Test
    void aClientCannotRemoveWhatAnotherClientMade()
    {
        final long publication = add(Commands.ADD_PUBLICATION, 7, 10, "nano:ipc");
        final long subscription = add(Commands.ADD_SUBSCRIPTION, 7, 10, "nano:ipc");
        final Path log = Path.of(cycle(0).getFirst().logFile(Responses.PUBLICATION_LOG_FILE));

        remove(Commands.REMOVE_PUBLICATION, 8, publication);
        remove(Commands.REMOVE_SUBSCRIPTION, 8, subscription);
        assertThat(cycle(0)).extracting(Answer::type, Answer::errorCode)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(Responses.ON_ERROR, Responses.ERROR_UNKNOWN),
                org.assertj.core.groups.Tuple.tuple(Responses.ON_ERROR, Responses.ERROR_UNKNOWN));
        client(Commands.CLIENT_CLOSE, 8);
        cycle(DriverConductor.HOUSEKEEPING_INTERVAL_NANOS + LINGER_NANOS);
        cycle(DriverConductor.HOUSEKEEPING_INTERVAL_NANOS);
        assertThat(log).as("still the first client's").exists();
        assertThat(counter("publications")).isEqualTo(1);
        assertThat(counter("subscriptions")).isEqualTo(1);

        remove(Commands.REMOVE_PUBLICATION, 7, publication);
        assertThat(cycle(0).getFirst().type()).isEqualTo(Responses.ON_OPERATION_SUCCESS);
    }

    @Test
    void destinationCommandsThatAreTruncatedMisdirectedOrAnotherClientsAreRefusedAndChangeNothing()
    {
        final long manual = add(Commands.ADD_EXCLUSIVE_PUBLICATION, 7, 10,
            "nano:udp?control-mode=manual|term-length=64k");
        final long ipc = add(Commands.ADD_PUBLICATION, 7, 11, "nano:ipc");
        assertThat(cycle(0)).extracting(Answer::type).containsOnly(Responses.ON_PUBLICATION_READY);

        destination(Commands.ADD_DESTINATION, 8, manual, "nano:udp?endpoint=127.0.0.1:40999");     // not the owner
        destination(Commands.ADD_DESTINATION, 7, ipc,
        "nano:udp?endpoint=127.0.0.1:40999");        // not a UDP publication
        destination(Commands.ADD_RCV_DESTINATION, 7, manual,
        "nano:udp?endpoint=127.0.0.1:40999"); // a publication, as a subscription
        destination(Commands.ADD_DESTINATION, 7, manual, "nano:udp?endpoint=127.0.0.1:40999|mtu=8k");
        final int truncated = Commands.encodeDestination(command, nextCorrelationId++, 7, manual,
            "nano:udp?endpoint=127.0.0.1:1");
        assertThat(commands.write(Commands.ADD_DESTINATION, command, 0, Commands.DESTINATION_LENGTH + 2)).isTrue();
        command.putInt(Commands.DESTINATION_LENGTH, Integer.MAX_VALUE); // a length that overflows past the message
        assertThat(commands.write(Commands.REMOVE_DESTINATION, command, 0, truncated)).isTrue();
        assertThat(cycle(0)).extracting(Answer::type).as("every one refused, none answered as done").hasSize(6)
            .containsOnly(Responses.ON_ERROR);

        destination(Commands.ADD_DESTINATION, 7, manual, "nano:udp?endpoint=127.0.0.1:40999");
        assertThat(cycle(0)).extracting(Answer::type).as("the owner's, well formed").containsExactly(Responses.ON_OPERATION_SUCCESS);
    }

    private void destination(final int type, final long clientId, final long registrationId, final String destination)
    {
        final int length = Commands.encodeDestination(command, nextCorrelationId++, clientId, registrationId,
            destination);
        assertThat(commands.write(type, command, 0, length)).isTrue();
    }

    @Test
    void aReusedCorrelationIdIsRefusedAndLeaksNothing()
    {
        add(Commands.ADD_PUBLICATION, 7, 10, "nano:ipc", 42);
        final Path log = Path.of(cycle(0).getFirst().logFile(Responses.PUBLICATION_LOG_FILE));
        add(Commands.ADD_PUBLICATION, 7, 10, "nano:ipc", 42);
        add(Commands.ADD_SUBSCRIPTION, 9, 10, "nano:ipc", 42);
        assertThat(cycle(0)).extracting(Answer::errorCode).containsExactly(Responses.ERROR_CLASH,
            Responses.ERROR_CLASH);

        remove(Commands.REMOVE_PUBLICATION, 7, 42);
        assertThat(cycle(0).getFirst().type()).isEqualTo(Responses.ON_OPERATION_SUCCESS);
        cycle(DriverConductor.HOUSEKEEPING_INTERVAL_NANOS);
        cycle(LINGER_NANOS + DriverConductor.HOUSEKEEPING_INTERVAL_NANOS);
        assertThat(log).as("its one link released, the log goes").doesNotExist();
    }

    @Test
    void aClientHoldsAtMostItsShareAndOthersAreNotHeldBack()
    {
        for (int i = 0; i < MAX_REGISTRATIONS; i++)
        {
            add(Commands.ADD_SUBSCRIPTION, 7, 10 + i, "nano:ipc");
        }
        assertThat(cycle(0)).extracting(Answer::type).containsOnly(Responses.ON_SUBSCRIPTION_READY).hasSize(MAX_REGISTRATIONS);
        add(Commands.ADD_PUBLICATION, 7, 10, "nano:ipc");
        final Answer refused = cycle(0).getFirst();
        assertThat(refused.errorCode()).isEqualTo(Responses.ERROR_GENERIC);
        assertThat(refused.logFile(Responses.ERROR_MESSAGE)).contains("holds 4").contains("nanostream.client.max.registrations");
        add(Commands.ADD_PUBLICATION, 8, 10, "nano:ipc");
        assertThat(cycle(0)).extracting(Answer::type).contains(Responses.ON_PUBLICATION_READY);
    }

    @Test
    void recordsNoClientWritesAreSteppedOverAndTheNextCommandIsServed()
    {
        final AtomicBuffer ring = control.commandRing();
        final long tail = ring.getLong(RING + io.nanostream.buffer.MessageRingDescriptor.TAIL_OFFSET);
        ring.putLong(RING + io.nanostream.buffer.MessageRingDescriptor.TAIL_OFFSET, tail + 16);
        ring.putLong((int)tail, io.nanostream.buffer.MessageRingDescriptor.header(Integer.MAX_VALUE,
            Commands.ADD_PUBLICATION));
        ring.putLong((int)tail + 8, io.nanostream.buffer.MessageRingDescriptor.header(3, Commands.ADD_PUBLICATION));
        add(Commands.ADD_SUBSCRIPTION, 7, 10, "nano:ipc");

        assertThat(cycle(0)).extracting(Answer::type).containsExactly(Responses.ON_SUBSCRIPTION_READY);
        cycle(DriverConductor.HOUSEKEEPING_INTERVAL_NANOS);
        assertThat(counter("errors")).isEqualTo(1);
    }

    @Test
    void aUdpFrameWhosePublisherDiedMidClaimIsPaddedFromTheSenderPositionAfterTheUnblockTimeoutAndNotBefore() throws IOException
    {
        final int port = freePort();
        add(Commands.ADD_EXCLUSIVE_PUBLICATION, 7, 10, "nano:udp?endpoint=127.0.0.1:" + port);
        final Path log = Path.of(cycle(0).getFirst().logFile(Responses.PUBLICATION_LOG_FILE));
        try (LogBuffers mapped = LogBuffers.open(log, false))
        {
            final ExclusiveTermAppender appender = new ExclusiveTermAppender(mapped.term(0), mapped.metadata(), 0,
                mapped.sessionId(), 10);
            appender.termId(mapped.initialTermId());
            appender.claim(0, 100,
                new BufferClaim()); // claimed, never committed: the publisher died, and the sender stops there
            cycle(UNBLOCK_NANOS / 2);
            cycle(UNBLOCK_NANOS / 2 - 100_000_000L);
            assertThat(FrameHeader.frameLengthAcquire(mapped.term(0), 0)).as("not yet").isNegative();
            cycle(200_000_000L);
            assertThat(FrameHeader.frameLengthAcquire(mapped.term(0), 0)).isEqualTo(160);
            assertThat(FrameHeader.type(mapped.term(0), 0)).isEqualTo(FrameType.PAD);
        }
        cycle(DriverConductor.HOUSEKEEPING_INTERVAL_NANOS);
        assertThat(counter("unblocked frames")).isEqualTo(1);
    }

    @Test
    void anImageWhoseCountersRunOutPartWayLeavesNoLogAndNoCountersBehind() throws IOException
    {
        final int used = countersInUse();
        conductor.onClose();
        start(used + 4, ReceiverLimits.DEFAULT); // client 7's heartbeat, then room for 3 of the image's 6 counters (5 of its own, 1 subscriber position)
        final int port = freePort();
        add(Commands.ADD_SUBSCRIPTION, 7, 10, "nano:udp?endpoint=127.0.0.1:" + port);
        assertThat(cycle(0)).extracting(Answer::type).containsExactly(Responses.ON_SUBSCRIPTION_READY);
        final int before = countersInUse();

        sendSetups(port, 10, 42);
        runUntil("udp image creations failed", 1);

        assertThat(imageLogs()).as("the log made before the counters ran out").isEmpty();
        assertThat(countersInUse()).as("the counters made before they ran out").isEqualTo(before);
        assertThat(cycle(0)).as("no image was announced").isEmpty();
        assertThat(counter("errors")).isEqualTo(1);
    }

    @Test
    void whenCountersRunOutTheNewLogIsRemovedAndEarlierOnesKept() throws IOException
    {
        int ready = 0;
        Answer refused = null;
        for (long client = 1; refused == null && client < 200; client++)
        {
            for (int i = 0; i < MAX_REGISTRATIONS && refused == null; i++)
            {
                add(Commands.ADD_EXCLUSIVE_PUBLICATION, client, 10, "nano:ipc");
                final Answer answer = cycle(0).getFirst();
                if (answer.type() == Responses.ON_PUBLICATION_READY)
                {
                    ready++;
                }
                else
                {
                    refused = answer;
                }
            }
        }
        assertThat(refused).as("the counters ran out").isNotNull();
        assertThat(refused.logFile(Responses.ERROR_MESSAGE)).contains("no free counter");
        try (java.util.stream.Stream<Path> logs = Files.list(directory.resolve(ControlFile.PUBLICATIONS_DIRECTORY)))
        {
            assertThat(logs.count()).as("a log for each publication made, none for the refused one").isEqualTo(ready);
        }
        cycle(DriverConductor.HOUSEKEEPING_INTERVAL_NANOS);
        assertThat(counter("publications")).isEqualTo(ready);
    }

    @Test
    void anImageIsNotDroppedForTheTimeItsReceiverCouldNotRunButIsWhenItsPublisherFallsSilent() throws IOException
    {
        final int port = freePort();
        add(Commands.ADD_SUBSCRIPTION, 7, 10, "nano:udp?endpoint=127.0.0.1:" + port);
        cycle(0);
        sendSetups(port, 10, 42);
        final List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 1_000_000 && answers.stream().noneMatch(a -> a.type() == Responses.ON_AVAILABLE_IMAGE); i++)
        {
            conductor.receiver().doWork();
            answers.addAll(cycle(1_000_000));
        }
        assertThat(answers).extracting(Answer::type).contains(Responses.ON_AVAILABLE_IMAGE);
        conductor.receiver().doWork(); // the receiver takes the image

        // the receiver thread is descheduled (or the machine stops) for longer than the image liveness timeout
        clock.advance(LIVENESS_NANOS + 1_000_000_000L, TimeUnit.NANOSECONDS);
        for (int i = 0; i < 10; i++)
        {
            client(Commands.CLIENT_KEEPALIVE, 7);
            conductor.receiver().doWork();
            assertThat(cycle(1_000_000)).as("the receiver was away, not the publisher").extracting(Answer::type)
                .doesNotContain(Responses.ON_UNAVAILABLE_IMAGE);
        }

        // the receiver runs and hears nothing for the whole timeout: the publisher is gone
        final List<Integer> later = new ArrayList<>();
        for (long silent = 0; silent <= LIVENESS_NANOS + 100_000_000L &&
            !later.contains(Responses.ON_UNAVAILABLE_IMAGE); silent += 50_000_000L)
        {
            client(Commands.CLIENT_KEEPALIVE, 7);
            conductor.receiver().doWork();
            cycle(50_000_000L).forEach(answer -> later.add(answer.type()));
        }
        assertThat(later).containsExactly(Responses.ON_UNAVAILABLE_IMAGE);
    }

    @Test
    void imagesPastTheDriverCapAreRefusedCountedAndReportedOnce() throws IOException
    {
        conductor.onClose();
        start(COUNTERS, new ReceiverLimits(TERM_LENGTH, 64, 2, 1000));
        final int port = freePort();
        add(Commands.ADD_SUBSCRIPTION, 7, 10, "nano:udp?endpoint=127.0.0.1:" + port);
        cycle(0);

        sendSetups(port, 10, 1, 2, 3, 4, 5);
        runUntil("udp images refused: driver cap", 3);

        assertThat(imageLogs()).hasSize(2);
        assertThat(counter("errors")).as("reported once").isEqualTo(1);
    }
}
