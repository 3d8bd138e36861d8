package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.driver.loss.RandomLoss;
import io.nanostream.log.FrameType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reliable=false} end to end: with data lost on receive, the subscriber gets what arrived, in order and once
 * each, and the stream goes on past every gap without a NAK.
 */
class UdpUnreliableTest
{
    private static final int STREAM_ID = 77;
    private static final int MESSAGES = 20_000;

    @Test
    void gapsAreSkippedInOrderAndNeverNaked()
    {
        final DriverContext receiving = UdpRoundTripTest.context(ThreadingMode.SHARED);
        receiving.lossInjection().receive(() -> new RandomLoss(0.05, 11, FrameType.DATA));
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver sender = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             MediaDriver receiver = MediaDriver.launch(receiving);
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
             Subscription subscription = subscriberClient.addSubscription(channel + "|reliable=false", STREAM_ID);
             ExclusivePublication publication = publisherClient.addExclusivePublication(channel + "|term-length=64k",
                 STREAM_ID))
        {
            final AtomicBuffer message = AtomicBuffer.allocateDirect(64);
            final List<Long> received = new ArrayList<>();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long next = 0;
            // offer past the last message until one at or past it arrives: the last ones may be lost too
            while (received.isEmpty() || received.get(received.size() - 1) < MESSAGES - 1)
            {
                assertThat(System.nanoTime()).as("the stream went on past its gaps").isLessThan(deadline);
                message.putLong(0, next);
                final long result = publication.offer(message, 0, 64);
                if (result > 0)
                {
                    next++;
                }
                else if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    throw new AssertionError("offer failed with " + result);
                }
                subscription.poll((buffer, offset, length, header) -> received.add(buffer.getLong(offset)), 100);
                if (result <= 0)
                {
                    Thread.yield();
                }
            }
            for (int i = 1; i < received.size(); i++)
            {
                assertThat(received.get(i)).as("in order, once each, at %d", i).isGreaterThan(received.get(i - 1));
            }
            assertThat(received).as("most arrived").hasSizeGreaterThan(MESSAGES / 2);
            assertThat(received.size()).as("some were lost and skipped").isLessThan((int)next);
            final long naks = receiver.transportCounters().value("udp NAKs sent");
            assertThat(naks).as("an unreliable subscription never NAKs").isZero();
            assertThat(receiver.transportCounters().value("udp gaps skipped (reliable=false)")).isPositive();
        }
    }
}
