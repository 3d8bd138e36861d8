package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.wire.Setup;
import io.nanostream.driver.wire.WireFrame;
import io.nanostream.log.LogLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hosts without credentials that ask for images and keep them alive with heartbeats alone, as in the second
 * hostile-peer round: one source must not take every place on an endpoint, image logs must stay within their byte
 * cap, and images that carry no data give way to a real publisher once the caps are full (to a host that holds
 * fewer than theirs, so that attackers cannot take the freed place from it, nor take places from one another in
 * turn). Each attacker is a raw socket on its own loopback address (127.0.0.2 and up), so that the real publisher,
 * on 127.0.0.1, is another source.
 */
class ImageSlotsTest
{
    private static final int STREAM_ID = 10;
    private static final int MESSAGES = 20_000;
    private static final int MAX_LENGTH = 200;

    @Test
    void oneSourceCannotTakeEveryPlaceFromARealPublisher() throws Exception
    {
        final DriverContext receiving = UdpRoundTripTest.context(ThreadingMode.SHARED);
        receiving.networkLimits().maxTermLength(1 << 20).imageCreationsPerSecond(200); // default endpoint (64) and source (16) caps
        try (Attack attack = new Attack(receiving, 1, 64, LogLayout.TERM_MIN_LENGTH))
        {
            attack.awaitAttackersHolding(16, () -> attack.counters().value("udp images refused: source cap") > 0 ||
                attack.images() >= 64);
            assertThat(attack.images()).as("images one source holds").isLessThanOrEqualTo(16);
            attack.realPublisherDeliversEveryMessage();
            assertThat(attack.counters().value("udp images refused: source cap")).isPositive();
        }
    }

    @Test
    void imagesThatCarryNoDataGiveWayToARealPublisherWhenTheEndpointIsFull() throws Exception
    {
        final DriverContext receiving = UdpRoundTripTest.context(ThreadingMode.SHARED);
        receiving.networkLimits().maxTermLength(1 << 20).maxImagesPerEndpoint(8).imageCreationsPerSecond(200)
            .imageIdleTimeout(Duration.ofSeconds(1));
        try (Attack attack = new Attack(receiving, 4, 3,
            LogLayout.TERM_MIN_LENGTH)) // 12 sessions from 4 hosts for 8 places
        {
            attack.awaitAttackersHolding(8, () -> attack.counters().value("udp images refused: endpoint cap") > 0);
            attack.realPublisherDeliversEveryMessage();
            assertThat(attack.counters().value("udp images closed to make room: idle")).isPositive();
        }
    }

    @Test
    void imageLogsStayWithinTheirByteCap() throws Exception
    {
        final int termLength = 1 << 20;
        final long oneLog = 3L * termLength + LogLayout.METADATA_LENGTH;
        final DriverContext receiving = UdpRoundTripTest.context(ThreadingMode.SHARED);
        receiving.networkLimits().maxTermLength(termLength).imageCreationsPerSecond(200).maxImageLogBytes(4 * oneLog)
            .imageIdleTimeout(Duration.ofSeconds(1));
        try (Attack attack = new Attack(receiving, 2, 4,
            termLength)) // 8 sessions from 2 hosts, of 3 MiB logs, for 12 MiB
        {
            final long baseline = HostilePeerTest.directorySize(attack.receiver.directory());
            attack.awaitAttackersHolding(4, () -> attack.counters().value("udp images refused: log bytes cap") > 0);
            final long largest = attack.largestDirectoryWhile(Duration.ofSeconds(2));
            assertThat(largest).as("the receiving driver's directory, at its largest").isLessThanOrEqualTo(baseline +
                4 * oneLog);
            attack.realPublisherDeliversEveryMessage();
        }
    }

    @Test
    void onAnAuthChannelTheAttackersGetNoPlaceAtAll(@TempDir final Path directory) throws Exception
    {
        final Path keys = Files.writeString(directory.resolve("keys"),
            "ops 1 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");
        final DriverContext receiving = UdpRoundTripTest.context(ThreadingMode.SHARED).authKeyFile(keys);
        receiving.networkLimits().maxTermLength(1 << 20).maxImagesPerEndpoint(8).imageCreationsPerSecond(200);
        try (Attack attack = new Attack(receiving, UdpRoundTripTest.context(ThreadingMode.SHARED).authKeyFile(keys),
            "|auth=ops", 4, 3, LogLayout.TERM_MIN_LENGTH))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (attack.counters().value("udp datagrams failing authentication") < 100)
            {
                assertThat(System.nanoTime() - deadline).as("the attack's datagrams refused within 30 s").isNegative();
                Thread.sleep(10);
            }
            assertThat(attack.images()).as("images the unsigned attackers got").isZero();
            attack.realPublisherDeliversEveryMessage();
            assertThat(attack.counters().value("udp images refused: endpoint cap")).as("no place was ever taken").isZero();
        }
    }

    /** Two drivers, a subscription on the receiving one, and attackers on their own loopback addresses. */
    private static final class Attack implements AutoCloseable
    {
        final MediaDriver receiver;
        private final MediaDriver sender;
        private final NanoStream subscriberClient;
        private final NanoStream publisherClient;
        private final Subscription subscription;
        private final int port = UdpTransfer.freePort();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final List<Thread> attackers = new ArrayList<>();
        private volatile int realSession;
        private final String checks;

        Attack(final DriverContext receiving, final int hosts, final int sessionsPerHost, final int termLength)
        {
            this(receiving, UdpRoundTripTest.context(ThreadingMode.SHARED), "", hosts, sessionsPerHost, termLength);
        }

        Attack(final DriverContext receiving, final DriverContext sending, final String checks, final int hosts,
            final int sessionsPerHost, final int termLength)
        {
            this.checks = checks;
            receiver = MediaDriver.launch(receiving);
            sender = MediaDriver.launch(sending);
            subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
            publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
            subscription = subscriberClient.addSubscription("nano:udp?endpoint=127.0.0.1:" + port + checks, STREAM_ID);
            for (int host = 0; host < hosts; host++)
            {
                final String address = "127.0.0." + (2 + host);
                final int firstSession = 1_000 * (host + 1);
                final Thread attacker = new Thread(() -> attack(address, firstSession, sessionsPerHost, termLength),
                    "attacker-" + address);
                attackers.add(attacker);
                attacker.start();
            }
        }

        TransportCounters counters()
        {
            return receiver.transportCounters();
        }

        /** Images of the subscription, the attackers' (and the real one, once it came). */
        int images()
        {
            return subscription.imageCount();
        }

        /**
         * Waits until the attackers hold some images and the attack has reached a cap (or,
         * without the caps, taken more).
         */
        void awaitAttackersHolding(final int images, final BooleanSupplier capReached)
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (images() < images || !capReached.getAsBoolean())
            {
                assertThat(failure.get()).as("an attacker failed").isNull();
                assertThat(System.nanoTime() - deadline).as("the attack took " + images() +
                    " images within 30 s").isNegative();
                subscription.poll((buffer, offset, length, header) -> { }, 16);
                Thread.yield();
            }
        }

        long largestDirectoryWhile(final Duration duration)
        {
            long largest = 0;
            final long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() - end < 0)
            {
                largest = Math.max(largest, HostilePeerTest.directorySize(receiver.directory()));
                subscription.poll((buffer, offset, length, header) -> { }, 16);
                Thread.yield();
            }
            return largest;
        }

        /**
         * A real publisher on another host connects while the attack goes on, and every message arrives once, in order.
         */
        void realPublisherDeliversEveryMessage() throws Exception
        {
            try (ExclusivePublication publication = publisherClient.addExclusivePublication(
                "nano:udp?endpoint=127.0.0.1:" + port + "|term-length=64k" + checks, STREAM_ID))
            {
                realSession = publication.sessionId();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!publication.isConnected() || subscription.imageBySessionId(realSession) == null)
                {
                    assertThat(System.nanoTime() - deadline).as("the real publisher connected within 30 s of the attack (" +
                        counters().value("udp images refused: endpoint cap") + " refused at the endpoint cap)").isNegative();
                    subscription.poll((buffer, offset, length, header) -> { }, 16);
                    Thread.yield();
                }
                final AtomicReference<Throwable> publishFailure = new AtomicReference<>();
                final Thread publisher = new Thread(() ->
                {
                    try
                    {
                        UdpTransfer.publish(publication, MESSAGES, MAX_LENGTH, 60);
                    }
                    catch (final Throwable ex)
                    {
                        publishFailure.set(ex);
                    }
                }, "real-publisher");
                publisher.start();
                final long[] next = {0};
                final var checker = UdpTransfer.checker(next, MAX_LENGTH);
                final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (next[0] < MESSAGES)
                {
                    assertThat(publishFailure.get()).as("the real publisher failed").isNull();
                    assertThat(System.nanoTime() - end).as(next[0] + " of " + MESSAGES +
                        " messages within 60 s").isNegative();
                    final int fragments = subscription.poll((buffer, offset, length, header) ->
                    {
                        if (header.sessionId() == realSession)
                        {
                            checker.onFragment(buffer, offset, length, header);
                        }
                    }, 64);
                    if (fragments == 0)
                    {
                        Thread.yield();
                    }
                }
                publisher.join();
                assertThat(publishFailure.get()).isNull();
            }
        }

        /** SETUPs for its sessions, then heartbeats that keep their images alive without a byte of data. */
        private void attack(final String address, final int firstSession, final int sessions, final int termLength)
        {
            final ByteBuffer bytes = ByteBuffer.allocateDirect(64);
            final AtomicBuffer datagram = AtomicBuffer.wrap(MemorySegment.ofBuffer(bytes));
            final InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
            try (DatagramChannel socket = DatagramChannel.open().bind(new InetSocketAddress(address, 0)))
            {
                while (!stop.get())
                {
                    for (int session = firstSession; session < firstSession + sessions; session++)
                    {
                        Setup.put(datagram, 0, session, STREAM_ID, 7, 7, termLength, 1408, 0);
                        socket.send(bytes.clear().limit(Setup.LENGTH), target);
                        WireFrame.putHeartbeat(datagram, session, STREAM_ID, 7, 0, false);
                        socket.send(bytes.clear().limit(WireFrame.DATA_HEADER_LENGTH), target);
                    }
                    Thread.sleep(20);
                }
            }
            catch (final IOException | InterruptedException | RuntimeException ex)
            {
                failure.set(ex);
            }
        }

        @Override
        public void close() throws Exception
        {
            stop.set(true);
            for (final Thread attacker : attackers)
            {
                attacker.join();
            }
            subscription.close();
            publisherClient.close();
            subscriberClient.close();
            sender.close();
            receiver.close();
        }
    }
}
