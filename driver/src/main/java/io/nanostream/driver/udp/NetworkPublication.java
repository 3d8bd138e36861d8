package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.Counter;
import io.nanostream.driver.auth.DatagramAuthenticator;
import io.nanostream.driver.loss.LossGenerator;
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

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A publication sent over UDP. Clients append to its log exactly as for IPC; the sender thread sends
 * the log's frames up to the limit the receivers' status messages allow, sends SETUP until a receiver
 * answers and heartbeats when idle, and answers NAKs ({@link Retransmitter}) and RTT measurements.
 * Threads: the conductor creates it, reads {@link #senderPosition()} and {@link #isConnected()} (both
 * published with release stores) and closes its socket once the sender has dropped it; everything else
 * runs on the sender thread.
 */
public final class NetworkPublication
{
    static final long SETUP_INTERVAL_NANOS = 100_000_000L;
    static final long HEARTBEAT_INTERVAL_NANOS = 100_000_000L;
    private static final int DATAGRAMS_PER_DUTY_CYCLE = 8;
    private static final int CONTROL_FRAMES_PER_DUTY_CYCLE = 16;
    /** The most frames one duty cycle steps over to follow spies ({@code ssc=true}). */
    private static final int MAX_FRAMES_FOLLOWED = 4096;

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
    private final PublicationSocket socket;
    private final AtomicBuffer control;
    private final TransportCounters transport;
    private final SenderCounters counters;
    private final long connectionTimeoutNanos;
    private final FlowControl flowControl;
    private final Retransmitter retransmitter;
    private final TermSender termSender;
    /** Where it sends on a multi-destination-cast channel; else null. */
    private final Destinations destinations;

    private long senderPosition;
    private long senderLimit;
    private long lastSendNanos;
    private long lastSetupNanos;
    private long lastStatusNanos;
    private boolean needsSetup = true;
    /** False with {@code eos=false}: its receivers are not told of its end, and see it go when it falls silent. */
    private boolean signalsEndOfStream = true;
    private boolean connected;
    /** {@code ssc=true}: spies count as a connection when no receiver answers. */
    private boolean spiesSimulateConnection;
    /** The spies' positions, for {@code ssc=true}; replaced whole by the conductor. */
    private volatile Counter[] spyPositions = new Counter[0];
    /** Where a unicast publication sends: written by the sender thread when the endpoint's name moves. */
    private volatile InetSocketAddress sendingTo;

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
     * @param batching                JDK channel, or batched native socket.
     * @param authenticator           signs and checks its datagrams on an {@code auth=} channel; null on others.
     * @param conductor               where a multi-destination-cast publication reports destinations coming and going;
     * may be null on other channels.
     * @param errors                  the distinct-error log, for its sockets' failures.
     */
    public NetworkPublication(
        final long registrationId, final LogBuffers log, final UdpChannel channel, final LossGenerator sendLoss,
        final LossGenerator receiveLoss, final TransportCounters transport, final SenderCounters counters,
        final long connectionTimeoutNanos, final FlowControl flowControl, final SocketBatching batching,
        final DatagramAuthenticator authenticator, final CommandQueue<ConductorCommand> conductor,
        final Consumer<Throwable> errors)
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
        this.senderPosition = log.producerPosition(); // 0, or where the channel placed the log's start
        this.senderLimit = senderPosition;
        counters.position().set(senderPosition); // release: for the conductor, which raises the limit from it
        this.transport = transport;
        this.counters = counters;
        this.connectionTimeoutNanos = connectionTimeoutNanos;
        this.flowControl = flowControl;
        this.sendingTo = channel.endpoint();
        this.destinations = channel.isMultiDestination() ?
            new Destinations(channel.controlMode() == UdpChannel.ControlMode.DYNAMIC, connectionTimeoutNanos,
            new DestinationReport(this, conductor)) : null;
        this.socket = new PublicationSocket(channel, batching, sendLoss, receiveLoss, transport, authenticator,
            destinations, errors);
        this.control = socket.control();
        this.retransmitter = new Retransmitter(log, terms, termBuffers, socket, transport, counters);
        this.termSender = new TermSender(terms, termBuffers, mtu, socket);
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
        if (destinations != null)
        {
            destinations.expire(nowNanos);
        }
        if (connected && nowNanos - lastStatusNanos > connectionTimeoutNanos)
        {
            connected = false;
            needsSetup = true;
            showConnected(); // publishers see the receivers gone
        }
        if (spiesSimulateConnection)
        {
            work += followSpies();
        }
        return work;
    }

    /**
     * {@code ssc=true} without receivers: the spies are the connection. The sender position follows the
     * fastest spy, as if what it read had been sent, so a receiver that joins later starts there and the
     * log behind is free for cleaning.
     */
    private int followSpies()
    {
        final Counter[] spies = spyPositions;
        showConnected();
        if (connected || spies.length == 0)
        {
            return 0;
        }
        long fastest = senderPosition;
        for (final Counter spy : spies)
        {
            fastest = Math.max(fastest, spy.get()); // acquire (in get): the spy read up to there
        }
        fastest = Math.min(fastest,
            log.producerPosition()); // a spy's position is in shared memory: never past what was written
        // step over whole frames only, up to the spy: a position from shared memory may point into the middle of one
        long position = senderPosition;
        for (int frames = 0; position < fastest && frames < MAX_FRAMES_FOLLOWED; frames++)
        {
            final AtomicBuffer term = terms[LogLayout.indexByPosition(position, positionBitsToShift)];
            final int termOffset = (int)position & (termLength - 1);
            final int frameLength = FrameHeader.frameLengthAcquire(term, termOffset); // acquire: the frame is whole
            if (frameLength < FrameHeader.LENGTH || frameLength > termLength - termOffset)
            {
                break; // not yet written (or not a frame): go on next cycle
            }
            position += FrameHeader.align(frameLength);
        }
        if (position <= senderPosition)
        {
            return 0;
        }
        senderPosition = position;
        setLimit(Math.max(senderLimit, senderPosition));
        counters.position().set(senderPosition); // release: the conductor raises the publishers' limit from it
        return 1;
    }

    /** Publishes whether anyone reads: receivers, or with {@code ssc=true} spies. */
    private void showConnected()
    {
        final int value = connected || spiesSimulateConnection && spyPositions.length > 0 ? 1 : 0;
        if (metadata.getInt(LogLayout.IS_CONNECTED_OFFSET) != value)
        {
            metadata.putIntRelease(LogLayout.IS_CONNECTED_OFFSET,
                value); // release: publishers may offer; the conductor raises their limit
        }
    }

    /**
     * For {@code ssc=true}: the spies' positions, set by the conductor as spies come and go.
     *
     * @param positions their position counters.
     */
    public void spyPositions(final Counter[] positions)
    {
        this.spyPositions = positions.clone();
    }

    /**
     * Makes flow control forget a receiver no longer sent to (sender thread).
     *
     * @param receiverId its id.
     */
    void forgetReceiver(final long receiverId)
    {
        flowControl.forget(receiverId);
    }

    /**
     * For {@code max-resend=}: how many resends may be in flight at once (conductor thread, before the sender has it).
     *
     * @param maxResends 1 to 64.
     */
    public void maxResends(final int maxResends)
    {
        retransmitter.maxResends(maxResends);
    }

    /** For {@code ssc=true}: spies count as a connection (conductor thread, before the sender has it). */
    public void spiesSimulateConnection()
    {
        spiesSimulateConnection = true;
    }

    /**
     * Moves the receivers' timeouts on by a time the sender thread was away and could not read their status messages.
     *
     * @param awayNanos how long.
     */
    void excuse(final long awayNanos)
    {
        lastStatusNanos += awayNanos;
        flowControl.excuse(awayNanos);
        if (destinations != null)
        {
            destinations.excuse(awayNanos);
        }
    }

    private int sendData(final long nowNanos)
    {
        if (senderPosition >= senderLimit)
        {
            return 0;
        }
        senderPosition = termSender.send(senderPosition, senderLimit, Math.max(DATAGRAMS_PER_DUTY_CYCLE,
            socket.datagramCapacity()));
        final int datagrams = termSender.datagrams();
        if (datagrams > 0)
        {
            lastSendNanos = nowNanos;
            counters.position().set(senderPosition); // release: the conductor may clean and raise the limit behind it
        }
        return datagrams;
    }

    private void sendSetup(final long nowNanos)
    {
        final int termId = LogLayout.termIdAt(senderPosition, positionBitsToShift, initialTermId);
        Setup.put(socket.frame(), (int)senderPosition & (termLength - 1), sessionId, streamId, initialTermId, termId,
            termLength, mtu, channel.ttl());
        socket.sendFrame(FrameType.SETUP, Setup.LENGTH);
        lastSetupNanos = nowNanos;
        transport.setupsSent.add(1);
    }

    private void sendHeartbeat(final long nowNanos)
    {
        final int termId = LogLayout.termIdAt(senderPosition, positionBitsToShift, initialTermId);
        final boolean endOfStream = signalsEndOfStream && senderPosition >= log.endOfStreamPosition();
        WireFrame.putHeartbeat(socket.frame(), sessionId, streamId, termId, (int)senderPosition & (termLength - 1),
            endOfStream);
        socket.sendFrame(FrameType.DATA, WireFrame.DATA_HEADER_LENGTH);
        lastSendNanos = nowNanos;
        transport.heartbeatsSent.add(1);
    }

    private int pollControl(final long nowNanos)
    {
        int work = 0;
        int type;
        while (work < CONTROL_FRAMES_PER_DUTY_CYCLE && (type = socket.receiveControl()) != 0)
        {
            work++;
            dispatchControl(type, nowNanos);
        }
        return work;
    }

    /**
     * Handles one control datagram, already received into the control buffer and checked.
     *
     * @param type     its frame type, or -1 if it was dropped.
     * @param nowNanos the time.
     */
    private void dispatchControl(final int type, final long nowNanos)
    {
        if (type > 0 && destinations != null && !destinations.isDynamic() &&
            !destinations.contains(socket.controlSource()))
        {
            transport.unknownSessionFrames.add(1); // manual: only the destinations the application added may steer it
            return;
        }
        switch (type)
        {
            case -1 ->
            {
            }
            case FrameType.SM -> onStatusMessage(nowNanos);
            case FrameType.NAK -> onNak(nowNanos);
            case FrameType.RTTM -> onRttMeasurement();
            case FrameType.ERR -> transport.errorFramesReceived.add(1);
            default -> transport.invalidFrames.add(1);
        }
    }

    /**
     * Handles a control datagram placed in {@link #controlBuffer()} as if it had just
     * arrived: checked, then dispatched.
     *
     * @param length   the datagram's length.
     * @param nowNanos the time.
     */
    void onControl(final int length, final long nowNanos)
    {
        dispatchControl(socket.checkControl(length), nowNanos);
    }

    private boolean isOurs(final int sessionOffset, final int streamOffset)
    {
        return control.getInt(sessionOffset) == sessionId && control.getInt(streamOffset) == streamId;
    }

    private void onStatusMessage(final long nowNanos)
    {
        final boolean ours = isOurs(StatusMessage.SESSION_ID_OFFSET, StatusMessage.STREAM_ID_OFFSET);
        final int flags = WireFrame.flags(control, 0);
        final boolean asksForSetup = (flags & StatusMessage.SETUP_FLAG) != 0;
        if (destinations != null && (ours || asksForSetup && isForAnySession()))
        {
            // the control address is this publication's alone: a receiver that asks for it,
            // or answers it, is a destination
            if (!destinations.onStatusMessage(control.getLong(StatusMessage.RECEIVER_ID_OFFSET), socket.controlSource(),
                nowNanos))
            {
                transport.destinationsRefused.add(1);
            }
        }
        if (!ours && !(destinations != null && asksForSetup && isForAnySession()))
        {
            transport.unknownSessionFrames.add(1);
            return;
        }
        transport.statusMessagesReceived.add(1);
        counters.statusMessages().add(1);
        if (asksForSetup)
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
        final long position = LogLayout.position(control.getInt(StatusMessage.TERM_ID_OFFSET), termOffset,
            positionBitsToShift, initialTermId);
        needsSetup = false;
        lastStatusNanos = nowNanos;
        final long proposedLimit = Math.min(position, senderPosition) + Math.min(window, termLength / 2);
        setLimit(flowControl.onStatusMessage(senderLimit, control.getLong(StatusMessage.RECEIVER_ID_OFFSET),
            proposedLimit, nowNanos));
        if (!connected)
        {
            connected = true;
            showConnected();
        }
    }

    /**
     * Whether a setup-eliciting status message names this stream, or no stream at all: a receiver that subscribes with
     * {@code control=} asks as Aeron's does, with session and stream 0, for whatever the control address publishes.
     */
    private boolean isForAnySession()
    {
        final int stream = control.getInt(StatusMessage.STREAM_ID_OFFSET);
        return stream == streamId || stream == 0 && control.getInt(StatusMessage.SESSION_ID_OFFSET) == 0;
    }

    /**
     * For {@code eos=false}: never tells receivers of the end of the stream (conductor
     * thread, before the sender has it).
     */
    public void withoutEndOfStream()
    {
        signalsEndOfStream = false;
    }

    /**
     * Manual multi-destination-cast: starts sending to a destination the application added.
     *
     * @param address  where.
     * @param nowNanos the time.
     * @return false if it has its most destinations already.
     */
    boolean addDestination(final InetSocketAddress address, final long nowNanos)
    {
        if (destinations == null)
        {
            return false;
        }
        final boolean added = destinations.add(address, 0, nowNanos);
        if (added)
        {
            needsSetup = true; // the new receiver needs a SETUP to create its image
            lastSetupNanos = nowNanos - SETUP_INTERVAL_NANOS;
        }
        return added;
    }

    /**
     * Sends to a new address from now on: the endpoint's host name points there now. A SETUP follows, for the receiver
     * there to create its image.
     *
     * @param address the new address.
     */
    void changeEndpoint(final InetSocketAddress address)
    {
        if (socket.reconnect(address))
        {
            sendingTo = address; // release (volatile): the conductor compares the next lookup with it
            needsSetup = true;
        }
    }

    /**
     * Where a unicast publication sends now: its endpoint, or where its name moved to.
     *
     * @return the address.
     */
    public InetSocketAddress sendingTo()
    {
        return sendingTo;
    }

    /**
     * Manual multi-destination-cast: stops sending to a destination.
     *
     * @param address where.
     */
    void removeDestination(final InetSocketAddress address)
    {
        if (destinations != null)
        {
            destinations.remove(address);
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
        if (isOurs(Nak.SESSION_ID_OFFSET, Nak.STREAM_ID_OFFSET))
        {
            retransmitter.onNak(control, senderPosition, nowNanos);
        }
        else
        {
            transport.unknownSessionFrames.add(1);
        }
    }

    private void onRttMeasurement()
    {
        if ((WireFrame.flags(control, 0) & RttMeasurement.REPLY_FLAG) != 0 ||
            !isOurs(RttMeasurement.SESSION_ID_OFFSET, RttMeasurement.STREAM_ID_OFFSET))
        {
            return;
        }
        RttMeasurement.put(socket.frame(), RttMeasurement.REPLY_FLAG, sessionId, streamId,
            control.getLong(RttMeasurement.ECHO_TIMESTAMP_OFFSET), 0,
            control.getLong(RttMeasurement.RECEIVER_ID_OFFSET));
        socket.sendFrame(FrameType.RTTM, RttMeasurement.LENGTH);
    }

    /** The buffer control datagrams are received into, for {@link #onControl}. */
    AtomicBuffer controlBuffer()
    {
        return control;
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
        socket.close();
    }

    @Override
    public String toString()
    {
        return "NetworkPublication{" + registrationId + ", session " + sessionId + ", stream " + streamId + ", " +
            channel.canonical() + "}";
    }
}
