package io.nanostream.driver.udp;

import io.nanostream.client.ChannelUri;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A name server that hangs holds a lookup thread, never the conductor; addresses need no name server at all. */
class HostResolverTest
{
    @Test
    void anAddressIsNotLookedUp() throws Exception
    {
        try (HostResolver resolver = new HostResolver(host ->
        {
            throw new AssertionError("looked up " + host);
        }))
        {
            assertThat(resolver.resolve("127.0.0.1")).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(resolver.resolve("::1").isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void aHangingNameServerCostsTheCallerOneShortWaitAndTheRetryGetsTheAnswer() throws Exception
    {
        final CountDownLatch answer = new CountDownLatch(1);
        final AtomicInteger lookups = new AtomicInteger();
        try (HostResolver resolver = new HostResolver(host ->
        {
            lookups.incrementAndGet();
            try
            {
                answer.await(); // a name server that does not answer until the test lets it
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7});
        }))
        {
            // the name server answers only when the test lets it: returning at all shows the wait is bounded
            assertThatThrownBy(() -> resolver.resolve("slow.example")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'slow.example' is still being looked up").hasMessageContaining("give an address");

            assertThatThrownBy(() -> resolver.resolve("other.example")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still answering an earlier lookup");
            assertThat(lookups).as("one lookup at a time: the second was refused, not queued").hasValue(1);

            answer.countDown();
            final UdpChannel channel = UdpChannel.of(ChannelUri.parse("nano:udp?endpoint=slow.example:40123"),
                resolver);
            assertThat(channel.endpoint().getAddress().getAddress()).containsExactly(10, 0, 0, 7);
            assertThat(lookups).as("the retry took the kept answer").hasValue(1);
        }
    }

    @Test
    void anUnknownHostIsNamedAndAskedAgainNextTime()
    {
        final AtomicInteger lookups = new AtomicInteger();
        try (HostResolver resolver = new HostResolver(host ->
        {
            lookups.incrementAndGet();
            throw new UnknownHostException(host);
        }))
        {
            for (int i = 0; i < 2; i++)
            {
                assertThatThrownBy(() -> UdpChannel.of(ChannelUri.parse("nano:udp?endpoint=nowhere.example:40123"),
                    resolver))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host 'nowhere.example' cannot be resolved");
            }
            assertThat(lookups).hasValue(2);
        }
    }
}
