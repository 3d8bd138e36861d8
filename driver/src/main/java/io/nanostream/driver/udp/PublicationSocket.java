package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.driver.faults.LossGenerator;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.wire.WireFrame;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import io.nanostream.log.TermScanner;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A UDP publication's socket: sends term bytes and single frames to the channel's endpoint, receives its
 * receivers' control datagrams, and applies injected loss both ways. A send that the socket cannot take
 * now reports false (try again next cycle); a socket error counts and is treated as a lost datagram.
 * Used on the sender thread; opened and closed by the conductor.
 */
final class PublicationSocket
{
    /** The largest control datagram read: more than any control frame, as a peer may send anything. */
    static final int CONTROL_BUFFER_LENGTH = 64 * 1024;

    private final UdpChannel channel;
    private final DatagramChannel socket;
    /** Multicast only: the socket on the control group, where receivers send status messages and NAKs; else null. */
    private final DatagramChannel controlSocket;
    private final LossGenerator sendLoss;
    private final LossGenerator receiveLoss;
    private final TransportCounters transport;
    private final ByteBuffer controlBytes = ByteBuffer.allocateDirect(CONTROL_BUFFER_LENGTH);
    private final AtomicBuffer control = AtomicBuffer.wrap(MemorySegment.ofBuffer(controlBytes));
    private final ByteBuffer frameBytes = ByteBuffer.allocateDirect(64);
    private final AtomicBuffer frame = AtomicBuffer.wrap(MemorySegment.ofBuffer(frameBytes));

    PublicationSocket(final UdpChannel channel, final LossGenerator sendLoss, final LossGenerator receiveLoss, final TransportCounters transport)
    {
        this.channel = channel;
        this.sendLoss = sendLoss;
        this.receiveLoss = receiveLoss;
        this.transport = transport;
        this.socket = UdpSockets.openSender(channel);
        try
        {
            this.controlSocket = channel.isMulticast() ? UdpSockets.openControlReceiver(channel) : null;
        }
        catch (final RuntimeException ex)
        {
            UdpSockets.close(socket);
            throw ex;
        }
    }

    /** The buffer the next control datagram lands in. */
    AtomicBuffer control()
    {
        return control;
    }

    /** The buffer a single frame (SETUP, heartbeat, RTTM reply) is built in before {@link #sendFrame}. */
    AtomicBuffer frame()
    {
        return frame;
    }

    /**
     * Sends bytes of a term as one datagram.
     *
     * @param term       the term.
     * @param termBytes  the same memory as a byte buffer, for the socket.
     * @param termOffset where the datagram starts.
     * @param length     its length.
     * @param type       its first frame's type, for loss injection.
     * @return false if the socket could not take it now.
     */
    boolean sendTerm(final AtomicBuffer term, final ByteBuffer termBytes, final int termOffset, final int length, final int type)
    {
        if (sendLoss.drop(type, term, termOffset, length))
        {
            transport.lossDropped.add(1);
            return true;
        }
        termBytes.clear().position(termOffset).limit(termOffset + length);
        return write(termBytes);
    }

    /**
     * Sends what a {@link TermScanner#scan} found: whole frames, or a padding frame as its header alone.
     *
     * @param term       the term.
     * @param termBytes  the same memory as a byte buffer.
     * @param termOffset where the scan started.
     * @param scan       what it found.
     * @return false if the socket could not take it now.
     */
    boolean sendScanned(final AtomicBuffer term, final ByteBuffer termBytes, final int termOffset, final long scan)
    {
        final boolean padding = TermScanner.isPadding(scan);
        return sendTerm(term, termBytes, termOffset, padding ? FrameHeader.LENGTH : TermScanner.length(scan),
            padding ? FrameType.PAD : FrameType.DATA);
    }

    /**
     * Sends the frame built in {@link #frame()}.
     *
     * @param type   its type, for loss injection.
     * @param length its length.
     * @return false if the socket could not take it now.
     */
    boolean sendFrame(final int type, final int length)
    {
        if (sendLoss.drop(type, frame, 0, length))
        {
            transport.lossDropped.add(1);
            return true;
        }
        frameBytes.clear().limit(length);
        return write(frameBytes);
    }

    private boolean write(final ByteBuffer bytes)
    {
        try
        {
            final int written = channel.isMulticast() ? socket.send(bytes, channel.endpoint()) : socket.write(bytes);
            return written > 0;
        }
        catch (final IOException ex)
        {
            transport.socketErrors.add(1); // e.g. ICMP port unreachable while no receiver listens: the datagram is gone, as on a lossy network
            return true;
        }
    }

    /**
     * Receives one control datagram into {@link #control()}, checks its header and applies injected loss.
     *
     * @return its frame type; 0 if nothing waits; -1 for a datagram dropped (malformed, injected loss, socket error).
     */
    int receiveControl()
    {
        controlBytes.clear();
        final int length;
        try
        {
            length = controlSocket != null ? receiveMulticast() : Math.max(socket.read(controlBytes), 0);
        }
        catch (final IOException ex)
        {
            transport.socketErrors.add(1);
            return 0;
        }
        return length == 0 ? 0 : checkControl(length);
    }

    /** From the control group first, then from receivers that answer the source address (e.g. older ones). */
    private int receiveMulticast() throws IOException
    {
        if (controlSocket.receive(controlBytes) != null || socket.receive(controlBytes) != null)
        {
            return controlBytes.position();
        }
        return 0;
    }

    /**
     * Checks a control datagram already in {@link #control()} and applies injected loss.
     *
     * @param length its length.
     * @return its frame type, or -1 if it was dropped.
     */
    int checkControl(final int length)
    {
        final int type = WireFrame.check(control, length);
        if (type < 0)
        {
            transport.invalidFrames.add(1);
            return -1;
        }
        if (receiveLoss.drop(type, control, 0, length))
        {
            transport.lossDropped.add(1);
            return -1;
        }
        return type;
    }

    void close()
    {
        UdpSockets.close(socket);
        if (controlSocket != null)
        {
            UdpSockets.close(controlSocket);
        }
    }
}
