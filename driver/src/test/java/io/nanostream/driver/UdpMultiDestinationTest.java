package io.nanostream.driver;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.RegistrationException;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.CounterTypes;
import io.nanostream.log.FragmentAssembler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Multi-destination-cast between Nano-Stream drivers on loopback: one publication reaches several unicast receivers
 * without multicast. In dynamic mode receivers join by subscribing with {@code control=} and leave by falling silent;
 * in manual mode the application adds and removes them. Every receiver gets every message, in order; {@code stat}'s
 * counters show each destination.
 */
class UdpMultiDestinationTest
{
    private static final int STREAM_ID = 91;
    private static final long MESSAGES = 5_000;
    private static final int MAX_LENGTH = 2000;

    private static DriverContext context()
    {
        return UdpRoundTripTest.context(ThreadingMode.SHARED).imageLivenessTimeout(Duration.ofSeconds(2));
    }

    @Test
    void dynamicReceiversJoinAtTheControlAddressAndEachGetsEveryMessage() throws Exception
    {
        final int control = UdpTransfer.freePort();
        final String controlAddress = "127.0.0.1:" + control;
        try (MediaDriver sender = MediaDriver.launch(context());
             MediaDriver receiver = MediaDriver.launch(context());
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
             ExclusivePublication publication = publisherClient.addExclusivePublication(
                 "nano:udp?control=" + controlAddress + "|control-mode=dynamic|term-length=64k|fc=min", STREAM_ID);
             Subscription first = subscriberClient.addSubscription(
                 "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|control=" + controlAddress, STREAM_ID);
             Subscription second = subscriberClient.addSubscription(
                 "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|control=" + controlAddress, STREAM_ID))
        {
            await(() -> first.imageCount() == 1 && second.imageCount() == 1, "both receivers joined");
            assertThat(destinations(sender)).as("stat shows each destination").hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("dynamic, receiver", "session " +
                publication.sessionId()));

            receiveOnBoth(publication, first, second);

            second.close();
            await(() -> destinations(sender).size() == 1, "the silent receiver removed after the timeout");
            assertThat(sender.transportCounters().value("udp mdc setup requests sent to control")).isZero();
            assertThat(receiver.transportCounters().value("udp mdc setup requests sent to control")).isPositive();
        }
    }

    @Test
    void manualDestinationsAreAddedAndRemovedByTheApplication() throws Exception
    {
        final int firstPort = UdpTransfer.freePort();
        final int secondPort = UdpTransfer.freePort();
        try (MediaDriver sender = MediaDriver.launch(context());
             MediaDriver receiver = MediaDriver.launch(context());
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
             ExclusivePublication publication = publisherClient.addExclusivePublication(
                 "nano:udp?control-mode=manual|term-length=64k|fc=min", STREAM_ID);
             Subscription first = subscriberClient.addSubscription("nano:udp?endpoint=127.0.0.1:" + firstPort,
                 STREAM_ID);
             Subscription second = subscriberClient.addSubscription("nano:udp?endpoint=127.0.0.1:" + secondPort,
                 STREAM_ID))
        {
            publication.addDestination("nano:udp?endpoint=127.0.0.1:" + firstPort);
            publication.addDestination("aeron:udp?endpoint=localhost:" + secondPort);
            await(() -> first.imageCount() == 1 && second.imageCount() == 1, "both destinations connected");
            assertThat(destinations(sender)).hasSize(2).allSatisfy(line -> assertThat(line).contains("(manual)"));

            receiveOnBoth(publication, first, second);

            publication.removeDestination("aeron:udp?endpoint=localhost:" + secondPort);
            await(() -> destinations(sender).size() == 1, "the removed destination gone from the counters");
            await(() -> second.imageCount() == 0, "the removed receiver's image timed out");
            UdpTransfer.publish(publication, 10, MAX_LENGTH, 30); // messages 0 to 9 again, after the first run's
            final long[] next = {0};
            final FragmentAssembler checker = UdpTransfer.checker(next, MAX_LENGTH);
            await(() ->
            {
                first.poll(checker, 64);
                return next[0] == 10;
            }, "the remaining destination still receives");
        }
    }

    @Test
    void fcMinHoldsThePublicationToItsSlowestDestinationAndFcMaxToItsFastest() throws Exception
    {
        assertThat(positionWithOneDestinationStalled("fc=min")).as("held within the stalled destination's window")
            .isLessThanOrEqualTo(2 * 32 * 1024 +
            96); // the receiver's window to the sender, the publication's window past that
        assertThat(positionWithOneDestinationStalled("fc=max")).as("free to follow the destination that reads")
            .isGreaterThan(10 * 32 * 1024);
    }

    /**
     * Publishes 64-byte messages to two dynamic destinations, one of which never reads, until the other has read 5,000
     * (with fc=max) or for two seconds (with fc=min, where it cannot).
     */
    private static long positionWithOneDestinationStalled(final String flowControl) throws Exception
    {
        final String control = "127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver sender = MediaDriver.launch(context());
             MediaDriver receiver = MediaDriver.launch(context());
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
             ExclusivePublication publication = publisherClient.addExclusivePublication(
                 "nano:udp?control=" + control + "|control-mode=dynamic|term-length=64k|" + flowControl, STREAM_ID);
             Subscription reading = subscriberClient.addSubscription(
                 "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|control=" + control, STREAM_ID);
             Subscription stalled = subscriberClient.addSubscription(
                 "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|control=" + control, STREAM_ID))
        {
            await(() -> reading.imageCount() == 1 && stalled.imageCount() == 1, "both receivers joined");
            final io.nanostream.buffer.AtomicBuffer message = io.nanostream.buffer.AtomicBuffer.allocateHeap(64);
            final long[] read = {0};
            long position = 0;
            final boolean minimum = flowControl.equals("fc=min");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(minimum ? 2 : 30);
            while (read[0] < 5_000 && System.nanoTime() < deadline)
            {
                final long result = publication.offer(message, 0, 64);
                position = result > 0 ? result : position;
                reading.poll((buffer, offset, length, header) -> read[0]++, 64);
            }
            return position;
        }
    }

    @Test
    void aManualPublicationTakesStatusMessagesOnlyFromItsDestinations() throws Exception
    {
        final int control = UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(context());
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             ExclusivePublication publication = client.addExclusivePublication(
                 "nano:udp?control=127.0.0.1:" + control + "|control-mode=manual|term-length=64k", STREAM_ID);
             java.nio.channels.DatagramChannel stranger = java.nio.channels.DatagramChannel.open())
        {
            final io.nanostream.buffer.AtomicBuffer frame = io.nanostream.buffer.AtomicBuffer.wrap(
                java.lang.foreign.MemorySegment.ofBuffer(java.nio.ByteBuffer.allocateDirect(64)));
            io.nanostream.driver.wire.StatusMessage.put(frame, 0, publication.sessionId(), STREAM_ID, 0, 0,
                64 * 1024, 1);
            final java.nio.ByteBuffer bytes = frame.segment().asByteBuffer().limit(io.nanostream.driver.wire.StatusMessage.LENGTH);
            final long before = driver.transportCounters().value("udp frames for unknown sessions");
            for (int i = 0; i < 20; i++)
            {
                stranger.send(bytes.clear().limit(io.nanostream.driver.wire.StatusMessage.LENGTH),
                    new java.net.InetSocketAddress("127.0.0.1", control));
            }
            await(() -> driver.transportCounters().value("udp frames for unknown sessions") >= before + 20,
                "the stranger's messages seen");
            assertThat(publication.isConnected()).as("a status message from no destination connects nothing").isFalse();
        }
    }

    @Test
    void destinationsAreRefusedWithTheReasonWhereTheyDoNotApply() throws Exception
    {
        final int port = UdpTransfer.freePort();
        final int controlPort = UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(context());
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Publication unicast = client.addPublication("nano:udp?endpoint=127.0.0.1:" + port, STREAM_ID);
             Publication manual = client.addPublication("nano:udp?control-mode=manual", STREAM_ID);
             Publication dynamic = client.addPublication("nano:udp?control=127.0.0.1:" + controlPort +
                 "|control-mode=dynamic", STREAM_ID))
        {
            assertThatThrownBy(() -> unicast.addDestination("nano:udp?endpoint=127.0.0.1:1")).isInstanceOf(RegistrationException.class)
                .hasMessageContaining("control-mode=manual");
            assertThatThrownBy(() -> dynamic.addDestination("nano:udp?endpoint=127.0.0.1:1"))
                .hasMessageContaining("receivers join by subscribing with control=");
            assertThatThrownBy(() -> manual.addDestination("nano:udp?endpoint=127.0.0.1:1|mtu=8k"))
                .hasMessageContaining("must name only endpoint=host:port");
            assertThatThrownBy(() -> manual.addDestination("nano:udp?endpoint=224.0.1.9:4000")).hasMessageContaining("multicast group");
            assertThatThrownBy(() -> manual.addDestination("nano:ipc")).hasMessageContaining("must name only endpoint=host:port");
            manual.addDestination("nano:udp?endpoint=127.0.0.1:" + port);
            assertThatThrownBy(() -> manual.addDestination("nano:udp?endpoint=127.0.0.1:" +
                port)).hasMessageContaining("already sends to");
            assertThatThrownBy(() -> manual.removeDestination("nano:udp?endpoint=127.0.0.1:2")).hasMessageContaining("has no destination");
            manual.removeDestination("nano:udp?endpoint=127.0.0.1:" + port);
            assertThatThrownBy(() -> client.addExclusivePublication("nano:udp?control=127.0.0.1:" + controlPort +
                "|control-mode=dynamic",
                STREAM_ID)).hasMessageContaining("each control=host:port carries one publication");
        }
    }

    /** Publishes on one thread while both subscriptions are polled and checked here, every message in order on each. */
    private static void receiveOnBoth(final Publication publication, final Subscription first,
        final Subscription second) throws InterruptedException
    {
        final Thread publisher = new Thread(() -> UdpTransfer.publish(publication, MESSAGES, MAX_LENGTH, 60),
            "mdc-publisher");
        publisher.start();
        UdpTransfer.drainBoth(first, second, MESSAGES, MAX_LENGTH, 60);
        publisher.join(TimeUnit.SECONDS.toMillis(60));
    }

    private static List<String> destinations(final MediaDriver driver)
    {
        return FeatureCounters.read(driver.directory(), CounterTypes.MDC_DESTINATION);
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime()).as(what + " within 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
