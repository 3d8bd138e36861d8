package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names that move: a publication whose endpoint is a host name follows it to a new address, as a restarted pod's. The
 * test is the name server: the name first points at a receiver on 127.0.0.1, which goes away; then at one on 127.0.0.2,
 * which the publication finds by looking the name up again, and which gets the messages from then on, in order.
 */
class UdpNameMovesTest
{
    private static final int STREAM_ID = 83;
    private static final String NAME = "receiver.nano-test";

    @Test
    void aPublicationFollowsItsEndpointsNameToANewAddress() throws Exception
    {
        final Map<String, InetAddress> names = new ConcurrentHashMap<>(Map.of(NAME,
            InetAddress.getByName("127.0.0.1")));
        final DriverContext sending = UdpRoundTripTest.context(ThreadingMode.SHARED).reResolutionInterval(Duration.ofMillis(100))
            .nameResolver(host ->
            {
                final InetAddress address = names.get(host);
                if (address == null)
                {
                    throw new UnknownHostException(host);
                }
                return address;
            });
        final int port = UdpTransfer.freePort();
        try (MediaDriver sender = MediaDriver.launch(sending);
             MediaDriver receiver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
             Subscription moved = subscriberClient.addSubscription("nano:udp?endpoint=127.0.0.2:" + port, STREAM_ID);
             ExclusivePublication publication = publisherClient.addExclusivePublication(
                 "nano:udp?endpoint=" + NAME + ":" + port + "|term-length=64k", STREAM_ID))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            final long[] next = {0};
            try (Subscription first = subscriberClient.addSubscription("nano:udp?endpoint=127.0.0.1:" + port,
                STREAM_ID))
            {
                final List<Long> received = new ArrayList<>();
                publishUntil(publication, message, next, first, received, 1000);
                for (int i = 0; i < received.size(); i++)
                {
                    assertThat(received.get(i)).isEqualTo(i);
                }
                assertThat(moved.imageCount()).as("nothing reached the other address yet").isZero();
            }
            names.put(NAME, InetAddress.getByName("127.0.0.2")); // the receiver's pod restarted elsewhere
            final List<Long> afterMove = new ArrayList<>();
            publishUntil(publication, message, next, moved, afterMove, 1000);
            final long firstAfter = afterMove.get(0);
            for (int i = 0; i < afterMove.size(); i++)
            {
                assertThat(afterMove.get(i)).as("in order from where it joined").isEqualTo(firstAfter + i);
            }
            assertThat(sender.transportCounters().value("udp endpoints moved to a new address")).isEqualTo(1);
            assertThat(sender.transportCounters().value("udp endpoint names looked up again")).isPositive();
        }
    }

    /**
     * Offers messages (when the publication takes them) while polling, until the subscription has read {@code count}.
     */
    private static void publishUntil(final Publication publication, final AtomicBuffer message, final long[] next,
        final Subscription subscription, final List<Long> received, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.size() < count)
        {
            assertThat(System.nanoTime()).as("%d of %d received", received.size(), count).isLessThan(deadline);
            message.putLong(0, next[0]);
            final long result = publication.offer(message, 0, 64);
            if (result > 0)
            {
                next[0]++;
            }
            else if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new AssertionError("offer failed with " + result);
            }
            else
            {
                Thread.yield();
            }
            subscription.poll((buffer, offset, length, header) -> received.add(buffer.getLong(offset)), 64);
        }
    }
}
