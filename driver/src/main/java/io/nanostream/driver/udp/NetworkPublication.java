package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.driver.faults.LossGenerator;
import io.nanostream.driver.status.SenderCounters;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.wire.Nak;
import io.nanostream.driver.wire.RttMeasurement;
import io.nanostream.driver.wire.Setup;
import io.nanostream.driver.wire.StatusMessage;
import io.nanostream.driver.wire.WireFrame;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A publication sent over UDP. Clients append to its log exactly as for IPC; the {@link Sender} thread
 * sends the log's frames as datagrams up to the limit the receivers' status messages allow, answers
 * NAKs by resending from the log, sends SETUP until a receiver answers and heartbeats when idle. The
 * conductor thread raises the publisher limit from the sender position and cleans behind it.
 */
public final class NetworkPublication
{
    static final long SETUP_INTERVAL_NANOS = 100_000_000L;
    static final long HEARTBEAT_INTERVAL_NANOS = 100_000_000L;
    private static final int DATAGRAMS_PER_DUTY_CYCLE = 8;

    /** The registration id of the first client that added it. */
    public final long registrationId;
    /** The session id. */
    public final int sessionId;
    /** The stream id. */
    public final int streamId;
    /** The log. */
    public final LogBuffers log;
    /** The channel it sends to. */
    public final UdpChannel channel;
    private final int termLength;
    private final int mtu;
    private final int positionBitsToShift;
    private final int initialTermId;
    private final AtomicBuffer[] terms = new AtomicBuffer[LogLayout.PARTITION_COUNT];
    private final ByteBuffer[] termBuffers = new ByteBuffer[LogLayout.PARTITION_COUNT];
    private final AtomicBuffer metadata;
    private final DatagramChannel socket;
    private final LossGenerator sendLoss;
    private final LossGenerator receiveLoss;
    private final TransportCounters transport;
    private final SenderCounters counters;
    private final long connectionTimeoutNanos;
    private final FlowControl flowControl;
    private final ByteBuffer controlBytes = ByteBuffer.allocateDirect(64 * 1024);
    private final AtomicBuffer control = AtomicBuffer.wrap(MemorySegment.ofBuffer(controlBytes));
    private final ByteBuffer frameBytes = ByteBuffer.allocateDirect(64);
    private final AtomicBuffer frame = AtomicBuffer.wrap(MemorySegment.ofBuffer(frameBytes));
    private final RetransmitLinger retransmits = new RetransmitLinger();

    private long senderPosition;
    private long senderLimit;
    private long lastSendNanos;
    private long lastSetupNanos;
    private long lastStatusNanos;
    private boolean needsSetup = true;
    private boolean connected;

    /**
     * Creates a publication and opens its socket (on the conductor thread).
     *
     * @param registrationId          the registration id.
     * @param log                     the log, created for it.
     * @param channel                 where to send.
     * @param sendLoss                loss injected on sending.
     * @param receiveLoss             loss injected on receiving control frames.
     * @param transport               the transport counters.
     * @param counters                its own counters.
     * @param connectionTimeoutNanos  how long without a status message before it counts as unconnected.
     * @param flowControl             how status messages set the limit.
     */
    public NetworkPublication(
        final long registrationId, final LogBuffers log, final UdpChannel channel, final LossGenerator sendLoss,
        final LossGenerator receiveLoss, final TransportCounters transport, final SenderCounters counters, final long connectionTimeoutNanos,
        final FlowControl flowControl)
    {
        this.registrationId = registrationId;
        this.sessionId = log.sessionId();
        this.streamId = log.streamId();
        this.log = log;
        this.channel = channel;
        this.termLength = log.termLength();
        this.mtu = log.mtu();
        this.positionBitsToShift = LogLayout.positionBitsToShift(termLength);
        this.initialTermId = log.initialTermId();
        for (int i = 0; i < LogLayout.PARTITION_COUNT; i++)
        {
            terms[i] = log.term(i);
            termBuffers[i] = terms[i].segment().asByteBuffer();
        }
        this.metadata = log.metadata();
        this.sendLoss = sendLoss;
        this.receiveLoss = receiveLoss;
        this.transport = transport;
        this.counters = counters;
        this.connectionTimeoutNanos = connectionTimeoutNanos;
        this.flowControl = flowControl;
        this.socket = UdpSockets.openSender(channel);
    }

    /**
     * One duty cycle on the sender thread: control frames, SETUP, data, heartbeat, liveness.
     *
     * @param nowNanos the time.
     * @return work done.
     */
    int send(final long nowNanos)
    {
        int work = pollControl(nowNanos);
        if (needsSetup && nowNanos - lastSetupNanos >= SETUP_INTERVAL_NANOS)
        {
            sendSetup(nowNanos);
            work++;
        }
        final int sent = sendData(nowNanos);
        work += sent;
        if (sent == 0 && nowNanos - lastSendNanos >= HEARTBEAT_INTERVAL_NANOS)
        {
            sendHeartbeat(nowNanos);
            work++;
        }
        if (flowControl.isMinimum())
        {
            setLimit(flowControl.onIdle(senderLimit, nowNanos));
        }
        if (connected && nowNanos - lastStatusNanos > connectionTimeoutNanos)
        {
            connected = false;
            needsSetup = true;
            metadata.putIntRelease(LogLayout.IS_CONNECTED_OFFSET, 0); // release: publishers see the receivers gone
        }
        return work;
    }

    private int sendData(final long nowNanos)
    {
        int datagrams = 0;
        while (datagrams < DATAGRAMS_PER_DUTY_CYCLE && senderPosition < senderLimit)
        {
            final int index = LogLayout.indexByPosition(senderPosition, positionBitsToShift);
            final int termOffset = (int)senderPosition & (termLength - 1);
            final int maxLength = (int)Math.min(senderLimit - senderPosition, mtu);
            final long scan = scan(terms[index], termOffset, maxLength);
            final int length = (int)scan;
            if (length == 0)
            {
                break;
            }
            final boolean padding = scan < 0;
            if (!transmit(index, termOffset, padding ? FrameHeader.LENGTH : length, padding ? FrameType.PAD : FrameType.DATA))
            {
                break;
            }
            senderPosition += length;
            datagrams++;
        }
        if (datagrams > 0)
        {
            lastSendNanos = nowNanos;
            counters.position().set(senderPosition); // release: the conductor may clean and raise the limit behind it
        }
        return datagrams;
    }

    /**
     * Finds the complete frames at an offset that fit in one datagram; a padding frame goes alone.
     *
     * @return the bytes to send in the low 32 bits (for padding, its whole aligned length), negative if padding.
     */
    private long scan(final AtomicBuffer term, final int termOffset, final int maxLength)
    {
        int length = 0;
        while (length < maxLength && termOffset + length < termLength)
        {
            final int frameOffset = termOffset + length;
            final int frameLength = FrameHeader.frameLengthAcquire(term, frameOffset); // acquire: the frame is complete
            if (frameLength <= 0)
            {
                break;
            }
            final int aligned = FrameHeader.align(frameLength);
            if (FrameHeader.isPadding(term, frameOffset))
            {
                return length == 0 ? (0xFFFF_FFFF_0000_0000L | aligned) : length;
            }
            if (length + aligned > maxLength)
            {
                break;
            }
            length += aligned;
        }
        return length;
    }

    private boolean transmit(final int index, final int termOffset, final int length, final int type)
    {
        if (sendLoss.drop(type, terms[index], termOffset, length))
        {
            transport.lossDropped.add(1);
            return true;
        }
        final ByteBuffer bytes = termBuffers[index];
        bytes.clear().position(termOffset).limit(termOffset + length);
        return write(bytes);
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

    private boolean sendFrame(final int type, final int length)
    {
        if (sendLoss.drop(type, frame, 0, length))
        {
            transport.lossDropped.add(1);
            return true;
        }
        frameBytes.clear().limit(length);
        return write(frameBytes);
    }

    private void sendSetup(final long nowNanos)
    {
        final int termId = LogLayout.termIdAt(senderPosition, positionBitsToShift, initialTermId);
        Setup.put(frame, (int)senderPosition & (termLength - 1), sessionId, streamId, initialTermId, termId, termLength, mtu,
            channel.ttl());
        sendFrame(FrameType.SETUP, Setup.LENGTH);
        lastSetupNanos = nowNanos;
        transport.setupsSent.add(1);
    }

    private void sendHeartbeat(final long nowNanos)
    {
        final int termId = LogLayout.termIdAt(senderPosition, positionBitsToShift, initialTermId);
        final boolean endOfStream = senderPosition >= log.endOfStreamPosition();
        WireFrame.putHeartbeat(frame, sessionId, streamId, termId, (int)senderPosition & (termLength - 1), endOfStream);
        sendFrame(FrameType.DATA, WireFrame.DATA_HEADER_LENGTH);
        lastSendNanos = nowNanos;
        transport.heartbeatsSent.add(1);
    }

    private int pollControl(final long nowNanos)
    {
        int work = 0;
        for (int i = 0; i < 16; i++)
        {
            controlBytes.clear();
            final int length;
            try
            {
                if (channel.isMulticast())
                {
                    length = socket.receive(controlBytes) == null ? 0 : controlBytes.position();
                }
                else
                {
                    length = Math.max(socket.read(controlBytes), 0);
                }
            }
            catch (final IOException ex)
            {
                transport.socketErrors.add(1);
                break;
            }
            if (length == 0)
            {
                break;
            }
            work++;
            onControl(length, nowNanos);
        }
        return work;
    }

    /**
     * Handles one control datagram: checked, possibly dropped by loss injection, then dispatched.
     *
     * @param length   the datagram's length in the control buffer.
     * @param nowNanos the time.
     */
    void onControl(final int length, final long nowNanos)
    {
        final int type = WireFrame.check(control, length);
        if (type < 0)
        {
            transport.invalidFrames.add(1);
            return;
        }
        if (receiveLoss.drop(type, control, 0, length))
        {
            transport.lossDropped.add(1);
            return;
        }
        switch (type)
        {
            case FrameType.SM -> onStatusMessage(nowNanos);
            case FrameType.NAK -> onNak(nowNanos);
            case FrameType.RTTM -> onRttMeasurement();
            case FrameType.ERR -> transport.errorFramesReceived.add(1);
            default -> transport.invalidFrames.add(1);
        }
    }

    private boolean isOurs(final int sessionOffset, final int streamOffset)
    {
        return control.getInt(sessionOffset) == sessionId && control.getInt(streamOffset) == streamId;
    }

    private void onStatusMessage(final long nowNanos)
    {
        if (!isOurs(StatusMessage.SESSION_ID_OFFSET, StatusMessage.STREAM_ID_OFFSET))
        {
            transport.unknownSessionFrames.add(1);
            return;
        }
        transport.statusMessagesReceived.add(1);
        counters.statusMessages().add(1);
        final int flags = WireFrame.flags(control, 0);
        if ((flags & StatusMessage.SETUP_FLAG) != 0)
        {
            needsSetup = true;
            lastSetupNanos = nowNanos - SETUP_INTERVAL_NANOS;
            return;
        }
        final int termOffset = control.getInt(StatusMessage.TERM_OFFSET_OFFSET);
        final int window = control.getInt(StatusMessage.WINDOW_OFFSET);
        if (termOffset < 0 || termOffset > termLength || window < 0)
        {
            transport.invalidFrames.add(1);
            return;
        }
        final long position = LogLayout.position(control.getInt(StatusMessage.TERM_ID_OFFSET), termOffset, positionBitsToShift, initialTermId);
        needsSetup = false;
        lastStatusNanos = nowNanos;
        final long proposedLimit = Math.min(position, senderPosition) + Math.min(window, termLength / 2);
        setLimit(flowControl.onStatusMessage(senderLimit, control.getLong(StatusMessage.RECEIVER_ID_OFFSET), proposedLimit, nowNanos));
        if (!connected)
        {
            connected = true;
            metadata.putIntRelease(LogLayout.IS_CONNECTED_OFFSET, 1); // release: publishers may offer; the conductor raises their limit
        }
    }

    private void setLimit(final long limit)
    {
        if (limit != senderLimit)
        {
            senderLimit = limit;
            counters.limit().set(limit); // release: for monitoring only
        }
    }

    private void onNak(final long nowNanos)
    {
        if (!isOurs(Nak.SESSION_ID_OFFSET, Nak.STREAM_ID_OFFSET))
        {
            transport.unknownSessionFrames.add(1);
            return;
        }
        transport.naksReceived.add(1);
        counters.naksReceived().add(1);
        final int termId = control.getInt(Nak.TERM_ID_OFFSET);
        final int termOffset = control.getInt(Nak.TERM_OFFSET_OFFSET);
        final int length = control.getInt(Nak.LENGTH_OFFSET);
        if (termOffset < 0 || termOffset >= termLength || (termOffset & (FrameHeader.ALIGNMENT - 1)) != 0 || length <= 0)
        {
            transport.invalidFrames.add(1);
            return;
        }
        final long position = LogLayout.position(termId, termOffset, positionBitsToShift, initialTermId);
        if (position >= senderPosition || position < senderPosition - termLength)
        {
            return; // not sent yet, or no longer kept
        }
        if (!retransmits.admit(termId, termOffset, nowNanos))
        {
            return;
        }
        resend(termOffset, (int)Math.min(Math.min(length, senderPosition - position), termLength - termOffset),
            LogLayout.indexByPosition(position, positionBitsToShift));
    }

    /** Resends whole frames covering a NAKed range, never past what was sent before. */
    private void resend(final int termOffset, final int length, final int index)
    {
        final AtomicBuffer term = terms[index];
        int offset = termOffset;
        int remaining = length;
        while (remaining > 0)
        {
            final int firstFrame = FrameHeader.align(Math.max(FrameHeader.frameLengthAcquire(term, offset), FrameHeader.LENGTH));
            // frames inside the range, and at least the first one (it was sent whole, so it may run past the range)
            final long scan = scan(term, offset, Math.min(mtu, Math.max(remaining, firstFrame)));
            final int scanned = (int)scan;
            if (scanned == 0)
            {
                break;
            }
            final boolean padding = scan < 0;
            if (!transmit(index, offset, padding ? FrameHeader.LENGTH : scanned, padding ? FrameType.PAD : FrameType.DATA))
            {
                break;
            }
            transport.retransmits.add(1);
            counters.retransmits().add(1);
            transport.retransmittedBytes.add(scanned);
            offset += scanned;
            remaining -= scanned;
        }
    }

    private void onRttMeasurement()
    {
        if ((WireFrame.flags(control, 0) & RttMeasurement.REPLY_FLAG) != 0 ||
            !isOurs(RttMeasurement.SESSION_ID_OFFSET, RttMeasurement.STREAM_ID_OFFSET))
        {
            return;
        }
        RttMeasurement.put(frame, RttMeasurement.REPLY_FLAG, sessionId, streamId, control.getLong(RttMeasurement.ECHO_TIMESTAMP_OFFSET),
            0, control.getLong(RttMeasurement.RECEIVER_ID_OFFSET));
        sendFrame(FrameType.RTTM, RttMeasurement.LENGTH);
    }

    /** The buffer control datagrams are received into, for {@link #onControl}. */
    AtomicBuffer controlBuffer()
    {
        return control;
    }

    /** The flow-control limit, on the sender thread. */
    long senderLimit()
    {
        return senderLimit;
    }

    /**
     * The sender position as last published by the sender thread.
     *
     * @return the position.
     */
    public long senderPosition()
    {
        return counters.position().get();
    }

    /**
     * Whether a receiver has sent a status message within the connection timeout.
     *
     * @return true if connected.
     */
    public boolean isConnected()
    {
        return metadata.getIntAcquire(LogLayout.IS_CONNECTED_OFFSET) == 1; // acquire: set by the sender thread
    }

    /** Closes the socket; call after the sender has dropped the publication. */
    public void closeSocket()
    {
        UdpSockets.close(socket);
    }

    @Override
    public String toString()
    {
        return "NetworkPublication{" + registrationId + ", session " + sessionId + ", stream " + streamId + ", " + channel.canonical() + "}";
    }
}
