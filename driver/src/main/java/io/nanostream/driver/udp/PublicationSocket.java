package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.driver.auth.DatagramAuthenticator;
import io.nanostream.driver.loss.LossGenerator;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.wire.WireFrame;
import io.nanostream.log.FrameChecksums;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import io.nanostream.log.TermScanner;
import io.nanostream.natives.net.NativeUdpSocket;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.Consumer;

/**
 * A UDP publication's socket: sends term bytes and single frames to the channel's endpoint, receives its
 * receivers' control datagrams, and applies injected loss both ways. Datagrams are staged, then sent together: one
 * at a time through a JDK channel, or, when batching is on, as many messages per {@code sendmmsg} through a
 * {@link NativeUdpSocket} as it takes, each message one datagram or (segmenting) several equal ones the kernel cuts. A
 * send that the socket cannot take now reports false (try again next cycle); a socket error counts and is treated as a
 * lost datagram. Used on the sender thread; opened and closed by the conductor.
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
    private final StagedMessages staged;
    /** Stamps each data frame's CRC32C on a {@code crc=crc32c} channel; else null. */
    private final FrameChecksums checksums;
    /** Signs what it sends and checks what it receives on an {@code auth=} channel; else null. */
    private final DatagramAuthenticator authenticator;
    /** Where each datagram goes on a multi-destination-cast channel; else null. */
    private final Destinations destinations;
    /** Multi-destination-cast: who sent the last control datagram; else null. */
    private InetSocketAddress controlSource;
    private final SocketErrors socketErrors;

    /**
     * Opens the sockets (conductor thread).
     *
     * @param channel     where to send.
     * @param batching    JDK channel, or batched native socket (IPv6 channels always take the JDK channel).
     * @param sendLoss    loss injected on sending.
     * @param receiveLoss loss injected on receiving control frames.
     * @param transport   the transport counters.
     * @param authenticator signs and checks its datagrams on an {@code auth=} channel (which sends through a JDK
     * channel, one datagram at a time); null on others.
     * @param destinations  where to send on a multi-destination-cast channel (which sends through a JDK channel, one
     * datagram at a time, to each); null on others.
     * @param errors        the distinct-error log, for the sockets' failures.
     */
    PublicationSocket(final UdpChannel channel, final SocketBatching batching, final LossGenerator sendLoss,
        final LossGenerator receiveLoss, final TransportCounters transport, final DatagramAuthenticator authenticator,
        final Destinations destinations, final Consumer<Throwable> errors)
    {
        this.socketErrors = new SocketErrors(transport.socketErrors, errors, channel.canonical());
        this.authenticator = authenticator;
        this.destinations = destinations;
        this.channel = channel;
        this.sendLoss = sendLoss;
        this.receiveLoss = receiveLoss;
        this.transport = transport;
        this.checksums = channel.checks().crc32c() ? new FrameChecksums() : null;
        final boolean useBatches = authenticator == null && UdpSockets.batches(channel, batching);
        this.batched = useBatches ? UdpSockets.openBatchedSender(channel, batching.datagramsPerCall()) : null;
        this.socket = useBatches ? null : UdpSockets.openSender(channel);
        // multicast loops segmented messages back unreliably on some kernels: segment unicast only
        this.staged = new StagedMessages(useBatches ? batched.batchCapacity() : 1,
            useBatches && batching.offload() && !channel.isMulticast() && batched.options().segmentsDatagrams());
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

    /** {@return whether another datagram may be staged: a message is free, or one may grow} */
    boolean hasRoom()
    {
        return staged.hasRoom();
    }

    /** {@return the most messages one {@link #sendStaged} call sends} */
    int messageCapacity()
    {
        return staged.capacity();
    }

    /** {@return the most datagrams one {@link #sendStaged} call may send} */
    int datagramCapacity()
    {
        return staged.capacity() * (staged.isSegmenting() ? NativeUdpSocket.MAX_SEGMENTS : 1);
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
    boolean sendTerm(final AtomicBuffer term, final ByteBuffer termBytes, final int termOffset, final int length,
        final int type)
    {
        return stage(term, termBytes, termOffset, length, type) == DROPPED || sendStaged() == 1;
    }

    /** {@link #stage} dropped the datagram (injected loss): it counts as sent. */
    static final int DROPPED = -1;
    /** {@link #stage} found no room: send what is staged first. */
    static final int FULL = -2;

    /**
     * Stages a datagram for the next {@link #sendStaged} call, unless injected loss drops it: as a message of its own,
     * or, segmenting, appended to the last message when it follows that message's bytes in the same term and is no
     * longer than its datagrams (a shorter one ends the message).
     *
     * @param term       the memory it is in.
     * @param termBytes  the same memory as a byte buffer, for a JDK channel.
     * @param termOffset where the datagram starts.
     * @param length     its length.
     * @param type       its first frame's type, for loss injection.
     * @return the index of the message it went into, {@link #DROPPED} or {@link #FULL}.
     */
    int stage(final AtomicBuffer term, final ByteBuffer termBytes, final int termOffset, final int length,
        final int type)
    {
        final boolean appends = staged.canAppend(term, termOffset, length);
        if (!appends && staged.isFull())
        {
            return FULL;
        }
        if (checksums != null && type == FrameType.DATA)
        {
            checksums.stamp(termBytes, termOffset,
                length); // into the log's reserved values: a resend carries the same ones
        }
        if (sendLoss.drop(type, term, termOffset, length))
        {
            transport.lossDropped.add(1);
            return DROPPED;
        }
        return appends ? staged.append(length) : staged.add(term, termBytes, termOffset, length);
    }

    /**
     * Sends the staged messages in order, and clears them.
     *
     * @return how many messages the socket took: fewer if its buffer filled (stage the rest again later); all if it
     *         failed, as they count as lost.
     */
    int sendStaged()
    {
        final int count = staged.clear();
        if (authenticator != null)
        {
            final int signed = authenticator.sign(staged.term(0), staged.offset(0), staged.length(0));
            if (signed < 0)
            {
                transport.authFailures.add(1); // the key lost its signing generation: the datagram is lost until it is back
                return 1;
            }
            return write(authenticator.signedBytes(signed)) ? 1 : 0;
        }
        if (batched == null)
        {
            final ByteBuffer bytes = staged.termBytes(0);
            bytes.clear().position(staged.offset(0)).limit(staged.offset(0) + staged.length(0));
            return write(bytes) ? 1 : 0;
        }
        for (int i = 0; i < count; i++)
        {
            batched.stage(i, staged.term(i).segment(), staged.offset(i), staged.length(i), staged.segmentLength(i));
        }
        final int sent = batched.sendStaged(count);
        if (sent < 0)
        {
            socketErrors.onErrno("send", channel.endpoint(), sent);
            if (staged.segmentLength(0) > 0 && (sent == -NativeUdpSocket.EIO || sent == -NativeUdpSocket.EINVAL ||
                sent == -NativeUdpSocket.EMSGSIZE))
            {
                // the route cannot segment (no checksum offload: EIO; datagrams longer than
                // the path MTU: EINVAL or EMSGSIZE)
                staged.stopSegmenting(); // send each datagram on its own from now on, starting with these
                return 0;
            }
            return 1; // the first message failed and the rest were not tried: lose that one, as a JDK channel loses its datagram
        }
        final int segmented = staged.segmented(sent);
        if (segmented > 0)
        {
            transport.segmentedMessagesSent.add(segmented);
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
        if (destinations != null)
        {
            return writeToDestinations(bytes);
        }
        try
        {
            final int written = channel.isMulticast() ? socket.send(bytes, channel.endpoint()) : socket.write(bytes);
            return written > 0;
        }
        catch (final IOException ex)
        {
            socketErrors.onException("send", channel.endpoint(), ex); // e.g. ICMP port unreachable while no receiver listens: the datagram is gone, as on a lossy network
            return true;
        }
    }

    /**
     * Sends a datagram to every destination, starting with a different one each time. The first send that the socket
     * cannot take means none was sent: false, to try again. A later destination whose send the socket cannot take, or
     * that fails, misses this datagram and asks for it again by NAK, as on a lossy network.
     */
    private boolean writeToDestinations(final ByteBuffer bytes)
    {
        final int count = destinations.count();
        final int start = bytes.position();
        final int first = destinations.nextFirst();
        for (int n = 0; n < count; n++)
        {
            final int i = first + n < count ? first + n : first + n - count;
            bytes.position(start);
            try
            {
                if (socket.send(bytes, destinations.address(i)) == 0)
                {
                    if (n == 0)
                    {
                        return false;
                    }
                    transport.destinationSendsMissed.add(1);
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                socketErrors.onException("send", destinations.address(i),
                    ex); // e.g. ICMP port unreachable from a receiver that went away: it misses this datagram
            }
        }
        return true;
    }

    /**
     * Sends to a new unicast address from now on (the endpoint's name moved), and hears from it; if the socket
     * cannot, it stays with the old one.
     *
     * @param address the new address.
     * @return false if the socket could not send there (counted as a socket error); a later lookup tries again.
     */
    boolean reconnect(final InetSocketAddress address)
    {
        try
        {
            if (batched != null)
            {
                batched.connect(address); // a UDP connect replaces the last: nothing to undo if it fails
                return true;
            }
            final java.net.SocketAddress old = socket.getRemoteAddress();
            socket.disconnect();
            try
            {
                socket.connect(address);
                return true;
            }
            catch (final IOException | RuntimeException ex)
            {
                socket.connect(old);
                throw ex;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            socketErrors.onException("connect to", address, ex);
            return false;
        }
    }

    /**
     * On a multi-destination-cast channel, who sent the control datagram last received.
     *
     * @return its address; null on other channels.
     */
    InetSocketAddress controlSource()
    {
        return controlSource;
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
            length = batched != null ? receiveBatched() : controlSocket != null ? receiveMulticast() :
                destinations != null ? receiveFromAny() : Math.max(socket.read(controlBytes), 0);
        }
        catch (final IOException ex)
        {
            socketErrors.onException("receive control frames", null, ex);
            return 0;
        }
        if (length == 0)
        {
            return 0;
        }
        if (authenticator == null)
        {
            return checkControl(length);
        }
        final int verified = authenticator.verify(control, length);
        if (verified < 0)
        {
            (verified == DatagramAuthenticator.STALE ? transport.authStale : transport.authFailures).add(1);
            return -1;
        }
        control.putBytes(0, authenticator.verified(), 0, verified);
        return checkControl(verified);
    }

    /**
     * Multi-destination-cast: from any receiver, noting which (the JDK reuses the address object
     * while the sender stays the same).
     */
    private int receiveFromAny() throws IOException
    {
        final java.net.SocketAddress source = socket.receive(controlBytes);
        if (source == null)
        {
            return 0;
        }
        controlSource = (InetSocketAddress)source;
        return controlBytes.position();
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
            socketErrors.onErrno("receive control frames", null,
                length); // e.g. ECONNREFUSED reported by an ICMP message: nothing to read
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
