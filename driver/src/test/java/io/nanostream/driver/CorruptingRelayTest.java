package io.nanostream.driver;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A relay between publisher and subscriber that flips one payload bit in about one data datagram in a hundred, after
 * the UDP checksum (as a faulty middlebox or NIC would). With {@code crc=crc32c} on both ends every damaged datagram is
 * dropped, counted and NAKed, and every message arrives intact, once, in order. Without it the damage reaches the
 * application, which is what the option is for.
 */
class CorruptingRelayTest
{
    private static final int STREAM_ID = 10;
    private static final int MESSAGES = 20_000;
    private static final int MAX_LENGTH = 1_000;

    @Test
    void withCrc32cEveryDamagedDatagramIsDroppedAndResentAndEveryMessageArrivesIntact() throws Exception
    {
        try (Relay relay = new Relay())
        {
            final long nanos = relay.transfer("|crc=crc32c");
            assertThat(relay.flipped.get()).as("datagrams the relay damaged").isPositive();
            assertThat(relay.receiver.transportCounters().value("udp datagrams failing their checksum")).as("damaged datagrams dropped")
                .isPositive();
            System.out.printf("crc=crc32c through a damaging relay: %,d messages in %d ms, %d datagrams damaged%n",
                MESSAGES, nanos / 1_000_000, relay.flipped.get());
        }
    }

    @Test
    void withoutAChecksumTheDamageReachesTheApplication() throws Exception
    {
        try (Relay relay = new Relay())
        {
            assertThatThrownBy(() -> relay.transfer("")).as("a plain channel has no end-to-end check").hasMessageContaining("differs");
        }
    }

    /** Two drivers, with a relay between them that damages one data datagram in about a hundred. */
    private static final class Relay implements AutoCloseable
    {
        final MediaDriver receiver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
        final MediaDriver sender = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
        final AtomicLong flipped = new AtomicLong();
        private final SplittableRandom random = new SplittableRandom(7);
        private final UdpRelay relay = new UdpRelay((datagram, subscriber) ->
        {
            final int length = datagram.limit();
            if (length > FrameHeader.LENGTH + 8 &&
                (datagram.getShort(FrameHeader.TYPE_OFFSET) & 0xFFFF) == FrameType.DATA &&
                datagram.getInt(0) > FrameHeader.LENGTH + 8 && random.nextInt(100) == 0)
            {
                final int at = FrameHeader.LENGTH + 8 + random.nextInt(Math.min(length,
                    datagram.getInt(0)) - FrameHeader.LENGTH - 8);
                datagram.put(at, (byte)(datagram.get(at) ^ (1 << random.nextInt(8)))); // past the message number: its bytes
                flipped.incrementAndGet();
            }
        });

        long transfer(final String checks) throws Exception
        {
            try (NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
                 NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
                 Subscription subscription = subscriberClient.addSubscription("nano:udp?endpoint=127.0.0.1:" +
                     relay.subscriberPort + checks, STREAM_ID);
                 ExclusivePublication publication = publisherClient.addExclusivePublication("nano:udp?endpoint=127.0.0.1:" + relay.port +
                     "|term-length=64k" + checks, STREAM_ID))
            {
                return UdpTransfer.transfer(publication, subscription, MESSAGES, MAX_LENGTH, 60);
            }
            finally
            {
                relay.assertAlive();
            }
        }

        @Override
        public void close() throws Exception
        {
            relay.close();
            sender.close();
            receiver.close();
        }
    }
}
