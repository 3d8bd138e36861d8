package io.nanostream.driver.conductor;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.client.ChannelUri;
import io.nanostream.concurrent.ManualClock;
import io.nanostream.driver.loss.LossGenerator;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.udp.CommandQueue;
import io.nanostream.driver.udp.ReceiveChannelEndpoint;
import io.nanostream.driver.udp.ReceiverLimits;
import io.nanostream.driver.udp.SocketBatching;
import io.nanostream.driver.udp.UdpChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A channel's receive socket stays open until the receiver has let go of its endpoint, and a subscription in between
 * takes the open endpoint back; whether the socket is open is seen from outside, by binding its port.
 */
class SharedEndpointsTest
{
    private final DriverCounters counters = new DriverCounters(new CounterSet(AtomicBuffer.allocateHeap(64 * CountersDescriptor.METADATA_LENGTH),
        AtomicBuffer.allocateHeap(64 * CountersDescriptor.VALUE_LENGTH), 0), new ManualClock());
    private final List<ReceiveChannelEndpoint> opened = new ArrayList<>();
    private final SharedEndpoints endpoints = new SharedEndpoints(channel ->
    {
        final ReceiveChannelEndpoint endpoint = new ReceiveChannelEndpoint(channel, LossGenerator.NONE,
            LossGenerator.NONE, counters.transport(), new CommandQueue<>("conductor", 16), ReceiverLimits.DEFAULT,
            error -> { }, SocketBatching.OFF, null);
        opened.add(endpoint);
        return endpoint;
    });
    private final int port = freePort();
    private final UdpChannel channel = UdpChannel.of(ChannelUri.parse("nano:udp?endpoint=127.0.0.1:" + port));

    @AfterEach
    void closeAll()
    {
        endpoints.closeAll();
    }

    @Test
    void theLastSubscriptionLeavingClosesTheSocketOnlyOnceTheReceiverHasLetGo()
    {
        final ReceiveChannelEndpoint endpoint = endpoints.acquire(channel);
        assertThat(endpoints.acquire(channel)).isSameAs(endpoint);
        endpoints.release(endpoint);
        endpoints.release(endpoint);
        assertThat(portIsFree()).as("still open while the receiver may poll it").isFalse();
        endpoints.onReleased(endpoint);
        assertThat(portIsFree()).as("closed once the receiver let go").isTrue();
    }

    @Test
    void aSubscriptionBeforeTheReleaseTakesTheOpenEndpointBack()
    {
        final ReceiveChannelEndpoint endpoint = endpoints.acquire(channel);
        endpoints.release(endpoint);
        assertThat(endpoints.acquire(channel)).as("taken back, socket and all").isSameAs(endpoint);
        endpoints.onReleased(endpoint); // the receiver's answer to the first removal
        assertThat(portIsFree()).isFalse();
        endpoints.release(endpoint);
        endpoints.onReleased(endpoint);
        assertThat(portIsFree()).isTrue();
        assertThat(opened).hasSize(1);
    }

    @Test
    void aSecondRemovalStillInTheReceiversQueueKeepsTheSocketOpen()
    {
        final ReceiveChannelEndpoint endpoint = endpoints.acquire(channel);
        endpoints.release(endpoint);                  // removal 1 queued to the receiver
        endpoints.acquire(channel);                   // taken back
        endpoints.release(endpoint);                  // removal 2 queued
        endpoints.onReleased(endpoint);               // the receiver answered removal 1 only: it may still poll
        assertThat(portIsFree()).isFalse();
        endpoints.onReleased(endpoint);
        assertThat(portIsFree()).isTrue();
    }

    private boolean portIsFree()
    {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
        {
            return true;
        }
        catch (final SocketException ex)
        {
            return false;
        }
    }

    private static int freePort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final SocketException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
