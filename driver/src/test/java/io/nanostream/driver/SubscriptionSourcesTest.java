package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.wire.DatagramBuilder;
import io.nanostream.driver.wire.Setup;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Subscriptions that choose whom they hear: {@code source=} accepts sessions from given addresses or networks only, and
 * {@code session-id=} one session only. A foreign session, sent from an attacker's own port with no spoofing, must not
 * reach the application; it is dropped and counted, while the real stream arrives whole.
 */
class SubscriptionSourcesTest
{
    private static final int STREAM_ID = 10;
    private static final int MESSAGES = 5_000;
    private static final int MAX_LENGTH = 300;

    @Test
    void aSessionFromAnAddressOutsideSourceNeverReachesTheApplication() throws Exception
    {
        foreignSessionIsRefused("source=127.0.0.0/30", "127.0.0.9", 0);
    }

    @Test
    void anotherSessionFromTheSameHostNeverReachesASessionSpecificSubscription() throws Exception
    {
        final int realSession = 424_242;
        foreignSessionIsRefused("session-id=" + realSession, "127.0.0.1", realSession);
    }

    @Test
    void sourceListsNamesAndNetworksAndBadOnesAreRefusedWithTheFix()
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            final int port = UdpTransfer.freePort();
            client.addSubscription("nano:udp?endpoint=127.0.0.1:" + port + "|source=localhost,10.0.0.0/8,::1",
                STREAM_ID).close();
            assertThatThrownBy(() -> client.addSubscription("nano:udp?endpoint=127.0.0.1:" + port +
                "|source=10.0.0.0/33", STREAM_ID))
                .hasMessageContaining("source=").hasMessageContaining("/33");
            assertThatThrownBy(() -> client.addSubscription("nano:udp?endpoint=127.0.0.1:" + port + "|session-id=x",
                STREAM_ID))
                .hasMessageContaining("session-id=x");
        }
    }

    private static void foreignSessionIsRefused(final String filter, final String attackerAddress,
        final int realSession) throws Exception
    {
        final int port = UdpTransfer.freePort();
        try (MediaDriver sender = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             MediaDriver receiver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
             Subscription subscription = subscriberClient.addSubscription("nano:udp?endpoint=127.0.0.1:" + port + "|" +
                 filter, STREAM_ID);
             ExclusivePublication publication = publisherClient.addExclusivePublication("nano:udp?endpoint=127.0.0.1:" +
                 port + "|term-length=64k" + (realSession != 0 ? "|session-id=" + realSession : ""), STREAM_ID);
             DatagramChannel attacker = DatagramChannel.open().bind(new InetSocketAddress(attackerAddress, 0)))
        {
            final int foreignSession = publication.sessionId() + 1;
            final ByteBuffer bytes = ByteBuffer.allocateDirect(2048);
            final AtomicBuffer datagram = AtomicBuffer.wrap(MemorySegment.ofBuffer(bytes));
            final InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
            final AtomicLong foreign = new AtomicLong();
            final long[] next = {0};
            final var checker = UdpTransfer.checker(next, MAX_LENGTH);
            final Thread publisher = new Thread(() -> UdpTransfer.publish(publication, MESSAGES, MAX_LENGTH, 60),
                "real-publisher");
            publisher.start();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            final long attackEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            int offset = 0;
            while (next[0] < MESSAGES || System.nanoTime() - attackEnd < 0) // the attack goes on for 2 s at least
            {
                assertThat(System.nanoTime() - deadline).as(next[0] + " of " + MESSAGES + " within 60 s").isNegative();
                // the foreign session: a SETUP and 100 messages of its own, from the
                // attacker's own port, again and again
                Setup.put(datagram, offset, foreignSession, STREAM_ID, 0, 0, 64 * 1024, 1408, 0);
                attacker.send(bytes.clear().limit(Setup.LENGTH), target);
                final int length = DatagramBuilder.data(datagram, 0, foreignSession, STREAM_ID, 0, offset, 64,
                    (byte)0x66);
                attacker.send(bytes.clear().limit(length), target);
                offset = (offset + length) % (32 * 1024);
                subscription.poll((buffer, at, fragmentLength, header) ->
                {
                    if (header.sessionId() == publication.sessionId())
                    {
                        checker.onFragment(buffer, at, fragmentLength, header);
                    }
                    else
                    {
                        foreign.incrementAndGet();
                    }
                }, 64);
                Thread.sleep(0, 100_000);
            }
            publisher.join();
            assertThat(foreign.get()).as("messages of the foreign session that reached the application").isZero();
            assertThat(subscription.imageCount()).as("images: the real one only").isEqualTo(1);
            assertThat(receiver.transportCounters().value("udp frames refused by source= or session-id=")).isPositive();
        }
    }
}
