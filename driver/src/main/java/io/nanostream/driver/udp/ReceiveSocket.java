package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.natives.net.NativeUdpSocket;
import io.nanostream.natives.net.ReceivedDatagrams;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.Consumer;

/**
 * A {@link ReceiveChannelEndpoint}'s socket: a JDK channel that reads one datagram per call, or, when batching is on,
 * a {@link NativeUdpSocket} that reads up to its batch per {@code recvmmsg} into slots of its own. Either way each
 * datagram goes to {@link ReceiveChannelEndpoint#onDatagram} from the memory it arrived in. Used by the receiver
 * thread; opened and closed by the conductor.
 */
final class ReceiveSocket
{
    /** The most datagrams one poll hands on, so that one busy endpoint does not starve the others. */
    static final int DATAGRAMS_PER_POLL = 32;
    private static final int CALLS_PER_POLL = 4;

    private final DatagramChannel channel;
    private final NativeUdpSocket batched;
    private final AtomicBuffer[] slots;
    private final TransportCounters transport;
    private final SocketErrors socketErrors;
    private final ByteBuffer receiveBytes;
    private final AtomicBuffer received;
    /** Where the second and later datagrams of a coalesced message are copied to be handed on from offset 0. */
    private final AtomicBuffer segmentCopy;

    private ReceiveSocket(final DatagramChannel channel, final NativeUdpSocket batched,
        final TransportCounters transport, final SocketErrors socketErrors)
    {
        this.channel = channel;
        this.batched = batched;
        this.transport = transport;
        this.socketErrors = socketErrors;
        this.receiveBytes = batched == null ? ByteBuffer.allocateDirect(UdpSockets.RECEIVE_SLOT_LENGTH) : null;
        this.received = batched == null ? AtomicBuffer.wrap(MemorySegment.ofBuffer(receiveBytes)) : null;
        this.segmentCopy = batched == null ?
            null : AtomicBuffer.wrap(MemorySegment.ofBuffer(ByteBuffer.allocateDirect(UdpSockets.RECEIVE_SLOT_LENGTH)));
        this.slots = new AtomicBuffer[batched == null ? 0 : batched.batchCapacity()];
        for (int i = 0; i < slots.length; i++)
        {
            slots[i] = AtomicBuffer.wrap(batched.received().slot(i));
        }
    }

    /**
     * Opens the socket for a channel (conductor thread).
     *
     * @param channel   the channel.
     * @param batching  JDK channel, or batched native socket (IPv6 channels always take the JDK channel); with offload,
     *                  the kernel may hand over datagrams of one sender together, to be cut here.
     * @param transport the transport counters.
     * @param errors    the distinct-error log, for the socket's failures.
     * @return the socket.
     */
    static ReceiveSocket open(final UdpChannel channel, final SocketBatching batching,
        final TransportCounters transport, final Consumer<Throwable> errors)
    {
        final SocketErrors socketErrors = new SocketErrors(transport.socketErrors, errors, channel.canonical());
        if (!UdpSockets.batches(channel, batching))
        {
            return new ReceiveSocket(UdpSockets.openReceiver(channel), null, transport, socketErrors);
        }
        final NativeUdpSocket socket = UdpSockets.openBatchedReceiver(channel, batching.datagramsPerCall());
        if (batching.offload())
        {
            socket.options().coalesceDatagrams(); // refused on kernels before 5.0: datagrams then come one per message
        }
        return new ReceiveSocket(null, socket, transport, socketErrors);
    }

    /**
     * Reads what has arrived, up to {@link #DATAGRAMS_PER_POLL}, and hands each datagram to the endpoint.
     *
     * @param endpoint the endpoint.
     * @param nowNanos the time.
     * @return datagrams handled.
     */
    int poll(final ReceiveChannelEndpoint endpoint, final long nowNanos)
    {
        return batched != null ? pollBatched(endpoint, nowNanos) : pollChannel(endpoint, nowNanos);
    }

    private int pollBatched(final ReceiveChannelEndpoint endpoint, final long nowNanos)
    {
        int work = 0;
        for (int calls = 0; calls < CALLS_PER_POLL &&
            work < DATAGRAMS_PER_POLL; calls++) // bounded even if every datagram is refused
        {
            final int max = Math.min(slots.length, DATAGRAMS_PER_POLL - work); // the budget holds for a batch too
            final int count = batched.receive(max);
            final ReceivedDatagrams received = batched.received();
            if (count < 0)
            {
                socketErrors.onErrno("receive", null, count);
                break;
            }
            for (int i = 0; i < count; i++)
            {
                final int length = received.length(i);
                final InetSocketAddress source = received.source(i);
                if (length < 0 || source == null)
                {
                    transport.invalidFrames.add(1); // longer than any UDP datagram, or not from IPv4: not Aeron's protocol
                    continue;
                }
                final int segment = received.segmentLength(i);
                if (segment <= 0 || segment >= length)
                {
                    endpoint.onDatagram(slots[i], length, source, nowNanos);
                    work++;
                    continue;
                }
                transport.coalescedMessagesReceived.add(1);
                endpoint.onDatagram(slots[i], segment, source, nowNanos);
                for (int offset = segment; offset < length; offset += segment)
                {
                    final int datagram = Math.min(segment, length - offset);
                    segmentCopy.putBytes(0, slots[i], offset, datagram);
                    endpoint.onDatagram(segmentCopy, datagram, source, nowNanos);
                }
                work += (length + segment - 1) / segment;
            }
            if (count < max)
            {
                break; // drained
            }
        }
        return work;
    }

    private int pollChannel(final ReceiveChannelEndpoint endpoint, final long nowNanos)
    {
        int work = 0;
        while (work < DATAGRAMS_PER_POLL)
        {
            receiveBytes.clear();
            final SocketAddress source;
            try
            {
                source = channel.receive(receiveBytes);
            }
            catch (final IOException ex)
            {
                socketErrors.onException("receive", null, ex);
                break;
            }
            if (source == null)
            {
                break;
            }
            endpoint.onDatagram(received, receiveBytes.position(), (InetSocketAddress)source, nowNanos);
            work++;
        }
        return work;
    }

    /**
     * Sends a control frame.
     *
     * @param frame       the frame's memory.
     * @param frameBytes  the same memory as a byte buffer.
     * @param length      its length.
     * @param destination where to.
     */
    void send(final AtomicBuffer frame, final ByteBuffer frameBytes, final int length,
        final InetSocketAddress destination)
    {
        if (batched != null)
        {
            final int sent = batched.sendTo(frame.segment(), 0, length, destination);
            if (sent < 0)
            {
                socketErrors.onErrno("send a control frame to", destination, sent);
            }
            return;
        }
        frameBytes.clear().limit(length);
        try
        {
            channel.send(frameBytes, destination);
        }
        catch (final IOException ex)
        {
            socketErrors.onException("send a control frame to", destination, ex);
        }
    }

    /** Closes the socket (after the receiver let go of the endpoint). */
    void close()
    {
        if (batched != null)
        {
            batched.close();
        }
        else
        {
            UdpSockets.close(channel);
        }
    }
}
