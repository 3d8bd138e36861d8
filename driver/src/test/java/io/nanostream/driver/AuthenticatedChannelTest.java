package io.nanostream.driver;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.wire.AuthHeader;
import io.nanostream.driver.wire.StatusMessage;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The spoofed-source attacks of the second hostile-peer round, made by a relay on the path between publisher and
 * subscriber, so that everything it sends comes from the address the other side trusts (as a raw socket that spoofs the
 * publisher's address and port would): forged data for the real session sent just ahead of the real datagram, a forged
 * end-of-stream heartbeat, forged status messages that claim a huge window, and captured datagrams sent again after the
 * replay window. On a plain channel the forged data reaches the application. On an {@code auth=} channel every forgery
 * and stale replay is refused and counted, and the real stream arrives whole, once, in order, byte for byte.
 */
class AuthenticatedChannelTest
{
    private static final String KEY = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final int STREAM_ID = 10;
    private static final int MESSAGES = 20_000;
    private static final int MAX_LENGTH = 1_000;

    @TempDir
    Path directory;

    @Test
    void withAuthEveryForgeryIsRefusedAndTheRealStreamArrivesWhole() throws Exception
    {
        try (AttackingRelay relay = new AttackingRelay(keys()))
        {
            final TransportCounters receiving = relay.receiver.transportCounters();
            final TransportCounters sending = relay.sender.transportCounters();
            relay.transfer("|auth=ops", () ->
            {
                relay.replayCapturedAfter(Duration.ofMillis(1_500)); // while the subscription still listens
                awaitPositive(() -> receiving.value("udp signed datagrams refused: stale"), "stale replays refused");
            });
            assertThat(relay.forgedData.get()).as("forged data datagrams sent").isPositive();
            assertThat(relay.forgedEndOfStream.get()).as("forged end-of-stream heartbeats sent").isPositive();
            assertThat(relay.forgedWindows.get()).as("forged status messages sent").isPositive();
            assertThat(receiving.value("udp datagrams failing authentication")).as("forged data and end of stream refused")
                .isGreaterThanOrEqualTo(relay.forgedData.get() + relay.forgedEndOfStream.get());
            assertThat(sending.value("udp datagrams failing authentication")).as("forged windows refused")
                .isGreaterThanOrEqualTo(relay.forgedWindows.get());
            assertThat(receiving.value("udp frames beyond the receiver window")).as("the publisher never ran past the window").isZero();
        }
    }

    @Test
    void keysRotateOnBothHostsWhileTheStreamRuns() throws Exception
    {
        final String newKey = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
        final Path senderKeys = Files.writeString(directory.resolve("sender-keys"), "ops 1 " + KEY + "\n");
        final Path receiverKeys = Files.writeString(directory.resolve("receiver-keys"), "ops 1 " + KEY + "\n");
        final int port = UdpTransfer.freePort();
        try (MediaDriver sender = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED).authKeyFile(senderKeys));
             MediaDriver receiver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED).authKeyFile(receiverKeys));
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
             Subscription subscription = subscriberClient.addSubscription("nano:udp?endpoint=127.0.0.1:" + port +
                 "|auth=ops", STREAM_ID);
             ExclusivePublication publication = publisherClient.addExclusivePublication("nano:udp?endpoint=127.0.0.1:" +
                 port + "|term-length=64k|auth=ops", STREAM_ID))
        {
            UdpTransfer.waitConnected(publication, subscription);
            final AtomicBoolean stop = new AtomicBoolean();
            final AtomicLong published = new AtomicLong(-1);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread publisher = new Thread(() -> publishUntil(publication, stop, published, failure), "publisher");
            final Thread rotation = new Thread(() ->
            {
                try
                {
                    // 1: every host accepts generation 2; 2: generation 2 signs; 3: generation 1 is gone
                    rotate(sender, senderKeys, receiver, receiverKeys, "ops 1 " + KEY + "\nops 2 " + newKey +
                        " accept-only\n", 1);
                    rotate(sender, senderKeys, receiver, receiverKeys, "ops 1 " + KEY + "\nops 2 " + newKey + "\n", 2);
                    rotate(sender, senderKeys, receiver, receiverKeys, "ops 2 " + newKey + "\n", 3);
                    Thread.sleep(300); // a while on the new key alone
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
                stop.set(true);
            }, "rotation");
            publisher.start();
            rotation.start();
            final long[] next = {0};
            final var checker = UdpTransfer.checker(next, 200);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (published.get() < 0 || next[0] < published.get())
            {
                assertThat(failure.get()).as("the publisher or the rotation failed").isNull();
                assertThat(System.nanoTime() - deadline).as(next[0] + " messages within 60 s").isNegative();
                if (subscription.poll(checker, 64) == 0)
                {
                    Thread.yield();
                }
            }
            publisher.join();
            rotation.join();
            assertThat(next[0]).as("every message, once, in order, across three key changes").isEqualTo(published.get()).isPositive();
            for (final MediaDriver driver : List.of(sender, receiver))
            {
                assertThat(driver.transportCounters().value("udp datagrams failing authentication")).isZero();
                assertThat(driver.transportCounters().value("udp auth key file reads")).isEqualTo(3);
            }
        }
    }

    private static void rotate(
        final MediaDriver sender, final Path senderKeys, final MediaDriver receiver, final Path receiverKeys,
        final String keys, final int reads) throws IOException, InterruptedException
    {
        Files.writeString(receiverKeys, keys);
        Files.writeString(senderKeys, keys);
        for (final MediaDriver driver : List.of(sender, receiver))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (driver.transportCounters().value("udp auth key file reads") < reads)
            {
                assertThat(System.nanoTime() - deadline).as("the key file read again within 10 s").isNegative();
                Thread.sleep(10);
            }
        }
    }

    private static void publishUntil(final ExclusivePublication publication, final AtomicBoolean stop,
        final AtomicLong published, final AtomicReference<Throwable> failure)
    {
        try
        {
            final io.nanostream.buffer.AtomicBuffer message = io.nanostream.buffer.AtomicBuffer.allocateHeap(256);
            long i = 0;
            while (!stop.get())
            {
                final int length = UdpTransfer.length(i, 200);
                message.putLong(0, i);
                for (int b = 8; b < length; b++)
                {
                    message.putByte(b, UdpTransfer.pattern(i, b));
                }
                if (publication.offer(message, 0, length) > 0)
                {
                    i++;
                }
                if ((i & 63) == 0)
                {
                    Thread.sleep(1); // a paced stream, running through the whole rotation
                }
            }
            published.set(i);
        }
        catch (final Throwable ex)
        {
            failure.set(ex);
            published.set(0);
        }
    }

    @Test
    void onAPlainChannelTheForgedDataReachesTheApplication() throws Exception
    {
        try (AttackingRelay relay = new AttackingRelay(null))
        {
            assertThatThrownBy(() -> relay.transfer("",
                () -> { })).as("what auth= is for").hasMessageContaining("differs");
        }
    }

    @Test
    void aChannelNamingAKeyTheDriverDoesNotHoldIsRefusedWithTheFix() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED).authKeyFile(keys()));
             MediaDriver keyless = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             NanoStream keylessClient = NanoStream.connect(new ClientContext().directory(keyless.directory())))
        {
            final int port = UdpTransfer.freePort();
            assertThatThrownBy(() -> client.addSubscription("nano:udp?endpoint=127.0.0.1:" + port + "|auth=dev",
                STREAM_ID))
                .hasMessageContaining("auth=dev").hasMessageContaining("dev 1 <64 hex digits>");
            assertThatThrownBy(() -> keylessClient.addPublication("nano:udp?endpoint=127.0.0.1:" + port + "|auth=ops",
                STREAM_ID))
                .hasMessageContaining("nanostream.udp.auth.keys");
            try (Subscription plain = client.addSubscription("nano:udp?endpoint=127.0.0.1:" + port, STREAM_ID))
            {
                assertThatThrownBy(() -> client.addSubscription("nano:udp?endpoint=127.0.0.1:" + port + "|auth=ops",
                    STREAM_ID + 1))
                    .hasMessageContaining("same crc= and auth=");
            }
        }
    }

    private Path keys() throws IOException
    {
        final Path file = directory.resolve("keys");
        Files.writeString(file, "# test key\nops 1 " + KEY + "\n");
        return file;
    }

    private static void awaitPositive(final java.util.function.LongSupplier value, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsLong() <= 0)
        {
            assertThat(System.nanoTime() - deadline).as(what + " within 10 s").isNegative();
            Thread.yield();
        }
    }

    /** Two drivers, and between them a relay that forwards every datagram and forges some of its own. */
    private static final class AttackingRelay implements AutoCloseable, UdpRelay.Tamper
    {
        final MediaDriver receiver;
        final MediaDriver sender;
        final AtomicLong forgedData = new AtomicLong();
        final AtomicLong forgedEndOfStream = new AtomicLong();
        final AtomicLong forgedWindows = new AtomicLong();
        private final AtomicBoolean replayNow = new AtomicBoolean();
        private final ByteBuffer captured = ByteBuffer.allocateDirect(2048);
        private final ByteBuffer forged = ByteBuffer.allocateDirect(65_536).order(ByteOrder.LITTLE_ENDIAN);
        private volatile long capturedAtNanos;
        private long datagrams;
        private final UdpRelay relay;

        AttackingRelay(final Path keys)
        {
            receiver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED).authKeyFile(keys)
                .authReplayWindow(Duration.ofSeconds(1)));
            sender = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED).authKeyFile(keys)
                .authReplayWindow(Duration.ofSeconds(1)));
            relay = new UdpRelay(this);
        }

        void transfer(final String checks, final Runnable afterwards) throws Exception
        {
            try (NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
                 NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
                 Subscription subscription = subscriberClient.addSubscription("nano:udp?endpoint=127.0.0.1:" +
                     relay.subscriberPort + checks, STREAM_ID);
                 ExclusivePublication publication = publisherClient.addExclusivePublication("nano:udp?endpoint=127.0.0.1:" + relay.port +
                     "|term-length=64k" + checks, STREAM_ID))
            {
                UdpTransfer.transfer(publication, subscription, MESSAGES, MAX_LENGTH, 60);
                assertThat(subscription.imageCount()).as("the one real image, never ended by a forged end of stream").isEqualTo(1);
                afterwards.run();
            }
            finally
            {
                relay.assertAlive();
            }
        }

        /** Sends the first data datagram it captured again, once it is older than the given age. */
        void replayCapturedAfter(final Duration age)
        {
            assertThat(capturedAtNanos).as("a datagram was captured").isNotZero();
            final long due = capturedAtNanos + age.toNanos();
            while (System.nanoTime() - due < 0)
            {
                Thread.onSpinWait();
                Thread.yield();
            }
            replayNow.set(true);
        }

        @Override
        public void idle(final UdpRelay.Sender subscriber) throws IOException
        {
            if (replayNow.getAndSet(false))
            {
                for (int i = 0; i < 10; i++)
                {
                    subscriber.send(captured.duplicate());
                }
            }
        }

        @Override
        public void fromSubscriber(final ByteBuffer datagram, final UdpRelay.Sender publisher) throws IOException
        {
            final int base = base(datagram);
            if (datagram.limit() >= base + StatusMessage.LENGTH && datagram.getShort(base + 6) == FrameType.SM &&
                ++datagrams % 20 == 0)
            {
                publisher.send(forge(datagram, b -> b.putInt(base + StatusMessage.WINDOW_OFFSET, 1 << 30)));
                forgedWindows.incrementAndGet();
            }
        }

        @Override
        public void fromPublisher(final ByteBuffer datagram, final UdpRelay.Sender subscriber) throws IOException
        {
            final int base = base(datagram);
            final boolean data = datagram.limit() > base + FrameHeader.LENGTH + 8 && datagram.getShort(base +
                6) == FrameType.DATA && datagram.getInt(base) > FrameHeader.LENGTH + 8;
            if (!data)
            {
                return;
            }
            if (capturedAtNanos == 0)
            {
                captured.clear().put(datagram.duplicate()).flip();
                capturedAtNanos = System.nanoTime();
            }
            if (++datagrams % 50 == 0)
            {
                // the same frame with other bytes, sent just ahead of the real one: first come, first written
                final int at = base + FrameHeader.LENGTH + 8;
                subscriber.send(forge(datagram, b -> b.put(at, (byte)~b.get(at))));
                forgedData.incrementAndGet();
            }
            if (datagrams % 200 == 0)
            {
                subscriber.send(forge(datagram, b ->
                {
                    b.putInt(base, 0); // a heartbeat: a data header alone
                    b.put(base + 5, (byte)(b.get(base + 5) | FrameHeader.EOS_FLAG));
                    b.limit(base + FrameHeader.LENGTH);
                }));
                forgedEndOfStream.incrementAndGet();
            }
        }

        /** Where the frames start: after the auth header, if the datagram has one. */
        private static int base(final ByteBuffer datagram)
        {
            return datagram.limit() >= AuthHeader.LENGTH && datagram.getInt(0) == AuthHeader.LENGTH &&
                (datagram.get(4) & 0xFF) == AuthHeader.VERSION ? AuthHeader.LENGTH : 0;
        }

        private ByteBuffer forge(final ByteBuffer real, final java.util.function.Consumer<ByteBuffer> change)
        {
            forged.clear();
            forged.put(real.duplicate()).flip();
            change.accept(forged);
            return forged;
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
