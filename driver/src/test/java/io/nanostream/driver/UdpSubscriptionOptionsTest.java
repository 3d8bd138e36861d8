package io.nanostream.driver;

import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.CountersReader;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a UDP subscription's channel asks of its images ({@code reliable=}, {@code rcv-wnd=}, {@code nak-delay=}): the
 * receiver window reaches the sender, subscriptions of one stream on one channel must agree, and values out of range
 * are refused with the range.
 */
class UdpSubscriptionOptionsTest
{
    private static final int STREAM_ID = 78;

    @Test
    void theReceiverWindowIsWhatTheSenderMayRunAhead()
    {
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver sender = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             MediaDriver receiver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
             Subscription subscription = subscriberClient.addSubscription(channel + "|rcv-wnd=20k", STREAM_ID);
             ExclusivePublication publication = publisherClient.addExclusivePublication(channel + "|term-length=1m",
                 STREAM_ID))
        {
            final CountersReader counters = publisherClient.counters();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long limit = -1;
            while (limit != 20 * 1024)
            {
                assertThat(System.nanoTime()).as("sender limit %d, not yet the window", limit).isLessThan(deadline);
                limit = senderLimit(counters, publication.sessionId());
                Thread.yield();
            }
            assertThat(subscription.channel()).contains("rcv-wnd=20k");
        }
    }

    private static long senderLimit(final CountersReader counters, final int sessionId)
    {
        for (int id = 0; id <= counters.maxCounterId(); id++)
        {
            if (counters.state(id) == CountersDescriptor.STATE_ALLOCATED && counters.sessionId(id) == sessionId &&
                counters.label(id).startsWith("snd-lmt"))
            {
                return counters.value(id);
            }
        }
        return -1;
    }

    @Test
    void subscriptionsOfOneStreamMustAgreeAndBadValuesAreRefusedWithTheRange()
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
            try (Subscription unreliable = client.addSubscription(channel + "|reliable=false|nak-delay=2ms", STREAM_ID))
            {
                assertThatThrownBy(() -> client.addSubscription(channel, STREAM_ID))
                    .hasMessageContaining("conflicts with subscription " + unreliable.registrationId())
                    .hasMessageContaining("reliable=false").hasMessageContaining("nak-delay=2000000ns")
                    .hasMessageContaining("give both the same values");
                assertThatThrownBy(() -> client.addSubscription(channel + "|reliable=false|nak-delay=2ms|rcv-wnd=64k",
                    STREAM_ID))
                    .hasMessageContaining("rcv-wnd=65536");
                client.addSubscription(channel + "|nak-delay=2000us|reliable=false",
                    STREAM_ID).close(); // the same, written otherwise
                client.addSubscription(channel, STREAM_ID + 1).close(); // another stream decides for itself
            }
            client.addSubscription(channel, STREAM_ID).close(); // once the other has gone
            assertThatThrownBy(() -> client.addSubscription(channel + "|reliable=maybe", STREAM_ID))
                .hasMessageContaining("reliable must be true or false, was 'maybe' (true NAKs gaps, the default; false skips them)");
            assertThatThrownBy(() -> client.addSubscription(channel + "|rcv-wnd=2k", STREAM_ID))
                .hasMessageContaining("rcv-wnd 2k is out of range: from 4k to 1g");
            assertThatThrownBy(() -> client.addSubscription(channel + "|nak-delay=2s", STREAM_ID))
                .hasMessageContaining("nak-delay 2s is out of range: from 0 to 1s");
            assertThatThrownBy(() -> client.addSubscription(channel + "|nak-delay=soon", STREAM_ID))
                .hasMessageContaining("nak-delay 'soon' is not a duration like 100us");
        }
    }
}
