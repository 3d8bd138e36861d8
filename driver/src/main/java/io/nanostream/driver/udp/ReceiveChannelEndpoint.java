package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.Counter;
import io.nanostream.driver.auth.DatagramAuthenticator;
import io.nanostream.driver.loss.LossGenerator;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.wire.AuthHeader;
import io.nanostream.driver.wire.Nak;
import io.nanostream.driver.wire.Setup;
import io.nanostream.driver.wire.StatusMessage;
import io.nanostream.driver.wire.WireFrame;
import io.nanostream.log.FrameChecksums;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One UDP socket that subscriptions on a channel share: it receives data, padding, SETUP and RTTM
 * frames for every stream subscribed on it, hands them to the right {@link PublicationImage}, asks
 * unknown sessions for a SETUP, and sends the images' status messages and NAKs back to their senders.
 * Used by the {@link Receiver} thread only, except for construction and closing.
 */
public final class ReceiveChannelEndpoint
{
    private static final long SETUP_REQUEST_INTERVAL_NANOS = 100_000_000L;
    /** A requested image not created within this time (the conductor failed) may be requested again. */
    private static final long PENDING_IMAGE_TIMEOUT_NANOS = 1_000_000_000L;

    /** A subscription with {@code control=} asks its publication for data this often, as Aeron's receivers do. */
    static final long CONTROL_SETUP_REQUEST_INTERVAL_NANOS = 1_000_000_000L;

    /** The channel. */
    public final UdpChannel channel;
    /**
     * This endpoint's id in its status messages: a multi-destination-cast or multicast sender tells receivers apart by
     * it, so two endpoints of one driver count as two receivers.
     */
    public final long receiverId = ThreadLocalRandom.current().nextLong();
    private final ReceiveSocket socket;
    private final LossGenerator sendLoss;
    private final LossGenerator receiveLoss;
    private final TransportCounters transport;
    private final CommandQueue<ConductorCommand> conductor;
    private final ImageAdmission admission;
    private final long imageIdleNanos;
    /** Checks each data frame's CRC32C on a {@code crc=crc32c} channel; else null. */
    private final FrameChecksums checksums;
    /**
     * Checks every datagram's signature before anything else reads it, and signs control
     * frames, on an {@code auth=} channel.
     */
    private final DatagramAuthenticator authenticator;
    private final Consumer<Throwable> errors;
    /** Where control frames go on multicast (the control group, as Aeron's receivers send them); null on unicast. */
    private final InetSocketAddress multicastControl;
    /** Where {@link #onDatagram(int, InetSocketAddress, long)} reads, for tests and fuzzing. */
    private final AtomicBuffer datagram = AtomicBuffer.wrap(MemorySegment.ofBuffer(ByteBuffer.allocateDirect(64 * 1024)));
    private final ByteBuffer controlBytes = ByteBuffer.allocateDirect(128);
    private final AtomicBuffer control = AtomicBuffer.wrap(MemorySegment.ofBuffer(controlBytes));
    final List<PublicationImage> images = new ArrayList<>();
    private final SubscribedStreams streams = new SubscribedStreams();
    private final SessionTimes setupRequests = new SessionTimes(16);
    private final SessionTimes pendingImages = new SessionTimes(16);
    /**
     * A subscription with several destinations ({@code control-mode=manual}): a socket per destination, and no other.
     */
    private final List<ReceiveSocket> destinationSockets = new ArrayList<>();
    /** The socket the datagram being handled came in on. */
    private ReceiveSocket receivingFrom;
    /** Several destinations: the socket each requested image's SETUP came in on, its first source. */
    private final Map<Long, ReceiveSocket> setupSockets = new HashMap<>();
    /** When a setup-eliciting status message last went to the channel's {@code control=} address. */
    private long lastControlSetupRequestNanos = Long.MIN_VALUE;

    /**
     * Opens the socket (conductor thread).
     *
     * @param channel       the channel.
     * @param sendLoss      loss injected on sending control frames.
     * @param receiveLoss   loss injected on receiving.
     * @param transport     the transport counters.
     * @param conductor     the conductor's queue, where requests for new images go.
     * @param limits        what the network may ask of it.
     * @param errors        where errors and the first refusal of each kind are reported (any thread may call it).
     * @param batching      JDK channel, or batched native socket.
     * @param authenticator checks what it receives and signs what it sends on an {@code auth=} channel; null on others.
     */
    public ReceiveChannelEndpoint(
        final UdpChannel channel, final LossGenerator sendLoss, final LossGenerator receiveLoss,
        final TransportCounters transport, final CommandQueue<ConductorCommand> conductor, final ReceiverLimits limits,
        final Consumer<Throwable> errors, final SocketBatching batching, final DatagramAuthenticator authenticator)
    {
        this(channel, sendLoss, receiveLoss, transport, conductor, limits, errors,
            channel.isMultiDestination() ? null : ReceiveSocket.open(channel, batching, transport, errors),
            authenticator);
    }

    /** For tests and fuzzing: an endpoint without a socket. */
    ReceiveChannelEndpoint(
        final UdpChannel channel, final TransportCounters transport, final CommandQueue<ConductorCommand> conductor,
        final ReceiverLimits limits, final Consumer<Throwable> errors)
    {
        this(channel, transport, conductor, limits, errors, null);
    }

    /** For tests and fuzzing: an endpoint without a socket, checking signatures if given an authenticator. */
    ReceiveChannelEndpoint(
        final UdpChannel channel, final TransportCounters transport, final CommandQueue<ConductorCommand> conductor,
        final ReceiverLimits limits, final Consumer<Throwable> errors, final DatagramAuthenticator authenticator)
    {
        this(channel, LossGenerator.NONE, LossGenerator.NONE, transport, conductor, limits, errors, (ReceiveSocket)null,
            authenticator);
    }

    private ReceiveChannelEndpoint(
        final UdpChannel channel, final LossGenerator sendLoss, final LossGenerator receiveLoss,
        final TransportCounters transport, final CommandQueue<ConductorCommand> conductor, final ReceiverLimits limits,
        final Consumer<Throwable> errors, final ReceiveSocket socket, final DatagramAuthenticator authenticator)
    {
        this.authenticator = authenticator;
        this.channel = channel;
        this.sendLoss = sendLoss;
        this.receiveLoss = receiveLoss;
        this.transport = transport;
        this.conductor = conductor;
        this.errors = errors;
        this.admission = new ImageAdmission(limits, transport, errors);
        this.imageIdleNanos = limits.imageIdleNanos();
        this.checksums = channel.checks().crc32c() ? new FrameChecksums() : null;
        this.multicastControl = channel.isMulticast() ? channel.controlEndpoint() : null;
        this.socket = socket;
    }

    /**
     * Reads and dispatches what has arrived.
     *
     * @param nowNanos the time.
     * @return datagrams handled.
     */
    int poll(final long nowNanos)
    {
        int work = channel.control() != null ? requestFromControl(nowNanos) : 0;
        if (socket != null)
        {
            receivingFrom = socket;
            work += socket.poll(this, nowNanos);
        }
        for (int i = 0, n = destinationSockets.size(); i < n; i++)
        {
            receivingFrom = destinationSockets.get(i);
            work += receivingFrom.poll(this, nowNanos);
        }
        return work;
    }

    /** {@return whether this is a subscription's endpoint with several destinations ({@code control-mode=manual})} */
    boolean isMultiDestination()
    {
        return channel.isMultiDestination();
    }

    /**
     * Starts receiving on a destination's socket as well (receiver thread).
     *
     * @param destination the destination, opened by the conductor.
     */
    void addDestination(final ReceiveDestination destination)
    {
        destinationSockets.add(destination.socket);
    }

    /**
     * Stops receiving on a destination's socket; its images no longer answer senders through it (receiver thread).
     *
     * @param destination the destination; the conductor closes it.
     */
    void removeDestination(final ReceiveDestination destination)
    {
        destinationSockets.remove(destination.socket);
        for (int i = 0, n = images.size(); i < n; i++)
        {
            final ImageSources sources = images.get(i).sources;
            if (sources != null)
            {
                sources.removeSocket(destination.socket);
            }
        }
    }

    /**
     * On a channel with {@code control=}: asks the multi-destination-cast publication there to send here, at once and
     * then every second, with a status message that names no session and no stream and asks for a SETUP, as Aeron's
     * receivers do. A dynamic publication adds this endpoint as a destination when it arrives, and keeps it while this
     * endpoint's status messages keep coming.
     */
    private int requestFromControl(final long nowNanos)
    {
        if (lastControlSetupRequestNanos != Long.MIN_VALUE &&
            nowNanos - lastControlSetupRequestNanos < CONTROL_SETUP_REQUEST_INTERVAL_NANOS || streams.isEmpty())
        {
            return 0;
        }
        lastControlSetupRequestNanos = nowNanos;
        StatusMessage.put(control, StatusMessage.SETUP_FLAG, 0, 0, 0, 0, 0, receiverId);
        sendControl(FrameType.SM, StatusMessage.LENGTH, channel.control());
        transport.setupRequestsToControl.add(1);
        return 1;
    }

    /**
     * The buffer {@link #onDatagram(int, InetSocketAddress, long)} reads, for tests and fuzzing.
     *
     * @return the buffer.
     */
    AtomicBuffer datagramBuffer()
    {
        return datagram;
    }

    /**
     * Handles one datagram sitting in {@link #datagramBuffer()}: checks it, drops it if loss is injected, then
     * hands data to its image, SETUP to a new image, and answers unknown sessions. Whatever goes wrong is
     * counted and reported, never thrown: the other datagrams and images on the endpoint go on.
     *
     * @param length   the datagram's length.
     * @param source   who sent it.
     * @param nowNanos the time.
     */
    void onDatagram(final int length, final InetSocketAddress source, final long nowNanos)
    {
        onDatagram(datagram, length, source, nowNanos);
    }

    /**
     * Handles one datagram as {@link #onDatagram(int, InetSocketAddress, long)} does, from the memory it arrived in.
     *
     * @param datagram the memory.
     * @param length   the datagram's length.
     * @param source   who sent it.
     * @param nowNanos the time.
     */
    void onDatagram(final AtomicBuffer datagram, final int length, final InetSocketAddress source, final long nowNanos)
    {
        try
        {
            if (authenticator != null)
            {
                final int verified = authenticator.verify(datagram, length);
                if (verified < 0)
                {
                    refuse(verified == DatagramAuthenticator.STALE ? transport.authStale : transport.authFailures,
                        authenticator.reason(verified));
                    return;
                }
                dispatch(authenticator.verified(), verified, source, nowNanos);
            }
            else
            {
                dispatch(datagram, length, source, nowNanos);
            }
        }
        catch (final RuntimeException ex)
        {
            TransportErrors.report(transport, errors, ex);
        }
    }

    private void dispatch(final AtomicBuffer datagram, final int length, final InetSocketAddress source,
        final long nowNanos)
    {
        final int type = WireFrame.check(datagram, length);
        if (type < 0)
        {
            if (AuthHeader.isSigned(datagram,
                length)) // its version byte is not Aeron's: looked at only once refused as invalid
            {
                refuse(transport.signedOnPlainChannel, "a signed datagram arrived on " + channel.endpoint() +
                    ", whose subscriptions " +
                    "have no auth=; add the publication's auth=<key name> to the subscription channel");
                return;
            }
            transport.invalidFrames.add(1);
            return;
        }
        if (receiveLoss.drop(type, datagram, 0, length))
        {
            transport.lossDropped.add(1);
            return;
        }
        switch (type)
        {
            case FrameType.DATA, FrameType.PAD -> onData(datagram, length, source, nowNanos);
            case FrameType.SETUP -> onSetup(datagram, source, nowNanos);
            case FrameType.RTTM, FrameType.RSP_SETUP ->
            {
                // replies to measurements this receiver does not make, and response channels it does not offer
            }
            default -> transport.invalidFrames.add(1); // control frames belong on the sender's socket
        }
    }

    private void onData(final AtomicBuffer datagram, final int length, final InetSocketAddress source,
        final long nowNanos)
    {
        final int sessionId = datagram.getInt(FrameHeader.SESSION_ID_OFFSET);
        final int streamId = datagram.getInt(FrameHeader.STREAM_ID_OFFSET);
        final PublicationImage image = image(sessionId, streamId);
        if (image != null)
        {
            if (image.sources != null)
            {
                // several destinations feed the image (a replay and the live stream): answer each that carries it
                if (!image.sources.add(receivingFrom, source, nowNanos))
                {
                    transport.framesFromWrongSource.add(1);
                    return;
                }
            }
            else if (!source.equals(image.controlAddress))
            {
                transport.framesFromWrongSource.add(1); // the session is pinned to its SETUP's source
                return;
            }
            if (checksums != null && checksums.firstMismatch(datagram, length) >= 0)
            {
                onChecksumMismatch(); // dropped whole: the gap is NAKed as a loss
                return;
            }
            image.insert(datagram, length, nowNanos);
            return;
        }
        transport.unknownSessionFrames.add(1);
        if (!isSubscribed(streamId))
        {
            return;
        }
        if (!hears(streamId, sessionId, source.getAddress()))
        {
            transport.framesRefusedByFilter.add(1); // source= or session-id= leave it out: no SETUP is asked for
            return;
        }
        if (shouldRequestSetup(sessionId, streamId, nowNanos))
        {
            StatusMessage.put(control, StatusMessage.SETUP_FLAG, sessionId, streamId,
                datagram.getInt(FrameHeader.TERM_ID_OFFSET), 0, 0, receiverId);
            sendControl(FrameType.SM, StatusMessage.LENGTH, multicastControl != null ? multicastControl : source);
        }
    }

    private void refuse(final Counter counter, final String message)
    {
        TransportErrors.refuseOnce(counter, errors, message);
    }

    private void onChecksumMismatch()
    {
        refuse(transport.framesFailingChecksum, "a datagram on " + channel.endpoint() + " held a data frame whose payload does not " +
            "match its CRC32C (crc=crc32c): damaged on the way, or sent by a publication without crc=crc32c on its channel; " +
            "it was dropped and is NAKed as lost");
    }

    private void onSetup(final AtomicBuffer datagram, final InetSocketAddress source, final long nowNanos)
    {
        final int sessionId = datagram.getInt(Setup.SESSION_ID_OFFSET);
        final int streamId = datagram.getInt(Setup.STREAM_ID_OFFSET);
        if (!isSubscribed(streamId) || image(sessionId, streamId) != null)
        {
            return;
        }
        if (!hears(streamId, sessionId, source.getAddress()))
        {
            transport.framesRefusedByFilter.add(1);
            return;
        }
        final String problem = Setup.problem(datagram);
        if (problem != null)
        {
            transport.invalidFrames.add(1);
            return;
        }
        if (!isPending(sessionId, streamId, nowNanos) &&
            admission.admit(datagram.getInt(Setup.TERM_LENGTH_OFFSET), images.size(), hasIdleImage(nowNanos), nowNanos))
        {
            pendingImages.mark(SessionTimes.key(sessionId, streamId), nowNanos);
            if (isMultiDestination())
            {
                if (setupSockets.size() >= 64)
                {
                    setupSockets.clear(); // requests whose images never came: a later SETUP asks again
                }
                setupSockets.put(SessionTimes.key(sessionId, streamId), receivingFrom);
            }
            // a full conductor queue drops the request: the pending mark lapses and the next SETUP asks again
            conductor.tryOffer(new ConductorCommand.CreateImage(this, sessionId, streamId,
                datagram.getInt(Setup.INITIAL_TERM_ID_OFFSET), datagram.getInt(Setup.ACTIVE_TERM_ID_OFFSET),
                datagram.getInt(Setup.TERM_OFFSET_OFFSET), datagram.getInt(Setup.TERM_LENGTH_OFFSET),
                datagram.getInt(Setup.MTU_OFFSET), source));
        }
    }

    private boolean hasIdleImage(final long nowNanos)
    {
        for (int i = 0, n = images.size(); i < n; i++)
        {
            if (images.get(i).idleNanos(nowNanos) >= imageIdleNanos)
            {
                return true;
            }
        }
        return false;
    }

    private PublicationImage image(final int sessionId, final int streamId)
    {
        for (int i = 0, n = images.size(); i < n; i++)
        {
            final PublicationImage image = images.get(i);
            if (image.sessionId == sessionId && image.streamId == streamId)
            {
                return image;
            }
        }
        return null;
    }

    /**
     * Whether any subscription on this endpoint wants a stream.
     *
     * @param streamId the stream.
     * @return true if subscribed.
     */
    boolean isSubscribed(final int streamId)
    {
        return streams.contains(streamId);
    }

    private boolean shouldRequestSetup(final int sessionId, final int streamId, final long nowNanos)
    {
        final long key = SessionTimes.key(sessionId, streamId);
        final long last = setupRequests.time(key);
        if (last != Long.MIN_VALUE && nowNanos - last < SETUP_REQUEST_INTERVAL_NANOS)
        {
            return false;
        }
        setupRequests.mark(key, nowNanos);
        return true;
    }

    private boolean isPending(final int sessionId, final int streamId, final long nowNanos)
    {
        final long since = pendingImages.time(SessionTimes.key(sessionId, streamId));
        return since != Long.MIN_VALUE && nowNanos - since < PENDING_IMAGE_TIMEOUT_NANOS;
    }

    /**
     * Adds an image the conductor created, and forgets that it was pending.
     *
     * @param image the image.
     */
    void addImage(final PublicationImage image)
    {
        images.add(image);
        pendingImages.remove(SessionTimes.key(image.sessionId, image.streamId));
        final ReceiveSocket setupSocket = setupSockets.remove(SessionTimes.key(image.sessionId, image.streamId));
        if (image.sources != null && setupSocket != null && destinationSockets.contains(setupSocket))
        {
            image.sources.add(setupSocket, image.controlAddress,
                System.nanoTime()); // answer the SETUP's sender before its data comes
        }
    }

    /**
     * Counts a subscription to a stream on this endpoint in (receiver thread).
     *
     * @param streamId the stream.
     * @param filter   the sessions it hears.
     */
    void subscribe(final int streamId, final SessionFilter filter)
    {
        streams.add(streamId, filter);
    }

    /**
     * Counts a subscription to a stream on this endpoint out (receiver thread).
     *
     * @param streamId the stream.
     * @param filter   the sessions it heard.
     * @return streams still subscribed on the endpoint.
     */
    int unsubscribe(final int streamId, final SessionFilter filter)
    {
        return streams.remove(streamId, filter);
    }

    /**
     * Whether a subscription of a stream hears a session from a source.
     *
     * @param streamId  the stream.
     * @param sessionId the session.
     * @param source    its address.
     * @return true if one does.
     */
    boolean hears(final int streamId, final int sessionId, final InetAddress source)
    {
        return streams.accepts(streamId, sessionId, source);
    }

    void sendStatus(final PublicationImage image, final int flags, final int termId, final int termOffset,
        final int window, final long receiverId)
    {
        StatusMessage.put(control, flags, image.sessionId, image.streamId, termId, termOffset, window, receiverId);
        sendToImageSources(image, FrameType.SM, StatusMessage.LENGTH);
        transport.statusMessagesSent.add(1);
    }

    void sendNak(final PublicationImage image, final int termId, final int termOffset, final int length)
    {
        Nak.put(control, image.sessionId, image.streamId, termId, termOffset, length);
        sendToImageSources(image, FrameType.NAK, Nak.LENGTH);
        transport.naksSent.add(1);
    }

    /** Sends the control frame just built to where the image's frames come from: each of its sources, or its one. */
    private void sendToImageSources(final PublicationImage image, final int type, final int length)
    {
        if (image.sources == null)
        {
            sendControl(type, length, controlDestination(image));
            return;
        }
        for (int i = 0, n = image.sources.count(); i < n; i++)
        {
            sendControl(type, length, image.sources.address(i), image.sources.socket(i));
        }
    }

    /** An image's SMs and NAKs go to its SETUP's source only, or on multicast to the channel's control group. */
    private InetSocketAddress controlDestination(final PublicationImage image)
    {
        return multicastControl != null ? multicastControl : image.controlAddress;
    }

    private void sendControl(final int type, final int length, final InetSocketAddress destination)
    {
        sendControl(type, length, destination, socket != null ? socket : receivingFrom);
    }

    private void sendControl(final int type, final int length, final InetSocketAddress destination,
        final ReceiveSocket socket)
    {
        if (sendLoss.drop(type, control, 0, length))
        {
            transport.lossDropped.add(1);
            return;
        }
        if (socket == null)
        {
            return;
        }
        if (authenticator == null)
        {
            socket.send(control, controlBytes, length, destination);
            return;
        }
        final int signed = authenticator.sign(control, 0, length);
        if (signed < 0)
        {
            refuse(transport.authFailures, authenticator.reason(signed));
            return;
        }
        socket.send(authenticator.signed(), authenticator.signedBytes(signed), signed, destination);
    }

    /** Closes the socket (after the receiver let go of the endpoint). */
    public void close()
    {
        if (socket != null)
        {
            socket.close();
        }
        destinationSockets.forEach(ReceiveSocket::close); // the destinations still added when the endpoint went
        destinationSockets.clear();
    }
}
