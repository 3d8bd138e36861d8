package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.concurrent.net.NativeUdpSocket;
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
 * receivers' control datagrams, and applies injected loss both ways. Datagrams are staged, then sent together: one
 * at a time through a JDK channel, or up to {@link #batchCapacity()} per {@code sendmmsg} through a
 * {@link NativeUdpSocket} when batching is on. A send that the socket cannot take now reports false (try again
 * next cycle); a socket error counts and is treated as a lost datagram. Used on the sender thread; opened and
 * closed by the conductor.
 */
final class PublicationSocket
{
    /** The largest control datagram read: more than any control frame, as a peer may send anything. */
    static final int CONTROL_BUFFER_LENGTH = 64 * 1024;

    private final UdpChannel channel;
    /** The JDK channel, or null when {@link #batched} sends. */
    private final DatagramChannel socket;
    /** The batched socket, or null. */
    private final NativeUdpSocket batched;
    /** Multicast only: the socket on the control group, where receivers send status messages and NAKs; else null. */
    private final DatagramChannel controlSocket;
    private final LossGenerator sendLoss;
    private final LossGenerator receiveLoss;
    private final TransportCounters transport;
    private final ByteBuffer controlBytes = ByteBuffer.allocateDirect(CONTROL_BUFFER_LENGTH);
    private final AtomicBuffer control = AtomicBuffer.wrap(MemorySegment.ofBuffer(controlBytes));
    private final ByteBuffer frameBytes = ByteBuffer.allocateDirect(64);
    private final AtomicBuffer frame = AtomicBuffer.wrap(MemorySegment.ofBuffer(frameBytes));
    /** The channel path's one staged datagram. */
    private ByteBuffer stagedBytes;
    private int stagedOffset;
    private int stagedLength;

    /**
     * Opens the sockets (conductor thread).
     *
     * @param channel     where to send.
     * @param batch       datagrams per system call through a native socket; 0 for a JDK channel (also used for IPv6).
     * @param sendLoss    loss injected on sending.
     * @param receiveLoss loss injected on receiving control frames.
     * @param transport   the transport counters.
     */
    PublicationSocket(final UdpChannel channel, final int batch, final LossGenerator sendLoss, final LossGenerator receiveLoss,
        final TransportCounters transport)
    {
        this.channel = channel;
        this.sendLoss = sendLoss;
        this.receiveLoss = receiveLoss;
        this.transport = transport;
        final boolean useBatches = UdpSockets.batches(channel, batch);
        this.batched = useBatches ? UdpSockets.openBatchedSender(channel, batch) : null;
        this.socket = useBatches ? null : UdpSockets.openSender(channel);
        try
        {
            this.controlSocket = channel.isMulticast() ? UdpSockets.openControlReceiver(channel) : null;
        }
        catch (final RuntimeException ex)
        {
            closeDataSocket();
            throw ex;
        }
    }

    /** {@return how many datagrams one {@link #sendStaged} call may send} */
    int batchCapacity()
    {
        return batched != null ? batched.batchCapacity() : 1;
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
        return !stage(0, term, termBytes, termOffset, length, type) || sendStaged(1) == 1;
    }

    /**
     * Stages datagram {@code i} of the next {@link #sendStaged} call, unless injected loss drops it.
     *
     * @param i          0 to {@link #batchCapacity()} - 1.
     * @param term       the memory it is in.
     * @param termBytes  the same memory as a byte buffer, for a JDK channel.
     * @param termOffset where the datagram starts.
     * @param length     its length.
     * @param type       its first frame's type, for loss injection.
     * @return false if loss dropped it: it counts as sent and is not staged.
     */
    boolean stage(final int i, final AtomicBuffer term, final ByteBuffer termBytes, final int termOffset, final int length, final int type)
    {
        if (sendLoss.drop(type, term, termOffset, length))
        {
            transport.lossDropped.add(1);
            return false;
        }
        if (batched != null)
        {
            batched.stage(i, term.segment(), termOffset, length);
        }
        else
        {
            stagedBytes = termBytes;
            stagedOffset = termOffset;
            stagedLength = length;
        }
        return true;
    }

    /**
     * Sends the first {@code count} staged datagrams in order.
     *
     * @param count datagrams staged.
     * @return how many the socket took: fewer if its buffer filled (send the rest later); all if it failed, as they count as lost.
     */
    int sendStaged(final int count)
    {
        if (batched == null)
        {
            stagedBytes.clear().position(stagedOffset).limit(stagedOffset + stagedLength);
            return write(stagedBytes) ? 1 : 0;
        }
        final int sent = batched.sendStaged(count);
        if (sent < 0)
        {
            transport.socketErrors.add(1); // e.g. ECONNREFUSED while no receiver listens: lost, as on a lossy network
            return count;
        }
        return sent;
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
        return sendTerm(frame, frameBytes, 0, length, type);
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
            length = batched != null ? receiveBatched() : controlSocket != null ? receiveMulticast() : Math.max(socket.read(controlBytes), 0);
        }
        catch (final IOException ex)
        {
            transport.socketErrors.add(1);
            return 0;
        }
        return length == 0 ? 0 : checkControl(length);
    }

    /** From the control group first, then from the batched socket, where unicast receivers send. */
    private int receiveBatched() throws IOException
    {
        if (controlSocket != null && controlSocket.receive(controlBytes) != null)
        {
            return controlBytes.position();
        }
        final int length = batched.receiveInto(control.segment());
        if (length < 0)
        {
            transport.socketErrors.add(1); // e.g. ECONNREFUSED reported by an ICMP message: nothing to read
            return 0;
        }
        return length;
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
        closeDataSocket();
        if (controlSocket != null)
        {
            UdpSockets.close(controlSocket);
        }
    }

    private void closeDataSocket()
    {
        if (batched != null)
        {
            batched.close();
        }
        else
        {
            UdpSockets.close(socket);
        }
    }
}
