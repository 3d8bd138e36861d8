package io.nanostream.driver.udp;

import io.nanostream.client.ChannelUri;
import org.junit.jupiter.api.Test;

import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code so-sndbuf=} and {@code so-rcvbuf=} reach the sockets (the kernel reports about twice what it keeps). */
class UdpSocketsTest
{
    @Test
    void socketBuffersAreWhatTheChannelAsks() throws Exception
    {
        final String endpoint = "nano:udp?endpoint=127.0.0.1:";
        try (DatagramChannel small = UdpSockets.openReceiver(UdpChannel.of(ChannelUri.parse(endpoint + freePort() +
            "|so-rcvbuf=8k|so-sndbuf=8k")));
             DatagramChannel usual = UdpSockets.openReceiver(UdpChannel.of(ChannelUri.parse(endpoint + freePort()))))
        {
            assertThat(small.getOption(StandardSocketOptions.SO_RCVBUF)).isBetween(8 * 1024, 32 * 1024);
            assertThat(small.getOption(StandardSocketOptions.SO_SNDBUF)).isBetween(8 * 1024, 32 * 1024);
            assertThat(usual.getOption(StandardSocketOptions.SO_RCVBUF)).as("2 MB asked, capped by net.core.rmem_max").isGreaterThan(64 * 1024);
        }
    }

    private static int freePort() throws Exception
    {
        try (DatagramChannel probe = DatagramChannel.open().bind(new java.net.InetSocketAddress("127.0.0.1", 0)))
        {
            return ((java.net.InetSocketAddress)probe.getLocalAddress()).getPort();
        }
    }
}
