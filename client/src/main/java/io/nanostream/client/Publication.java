package io.nanostream.client;

import io.nanostream.client.protocol.Commands;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.log.BufferClaim;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;
import io.nanostream.log.ReservedValueSupplier;

/**
 * Sends messages on a channel and stream by appending them to a log that subscribers read. An offer
 * returns the new stream position, or one of the negative results below; it never blocks and never
 * allocates. Messages longer than {@link #maxPayloadLength()} are split into fragments (reassemble them
 * with a {@code FragmentAssembler}), up to {@link #maxMessageLength()}.
 *
 * <p>Threads: {@link ConcurrentPublication} may be offered to from many threads at once,
 * {@link ExclusivePublication} from one at a time. {@code close} may be called from any thread, even while
 * another offers: a racing offer either completes or returns {@link #CLOSED}, and the log stays mapped
 * for the client's resource linger (3 s by default) after the close, so an offer in flight never touches
 * unmapped memory.
 */
public abstract sealed class Publication implements AutoCloseable permits ConcurrentPublication, ExclusivePublication
{
    /** No subscriber is connected: nothing would read the message. */
    public static final long NOT_CONNECTED = -1;
    /** The slowest subscriber is a whole window behind: retry later. */
    public static final long BACK_PRESSURED = -2;
    /** The log moved to its next term during the offer: retry at once. */
    public static final long ADMIN_ACTION = -3;
    /** The publication is closed (by the application, or because the driver went away). */
    public static final long CLOSED = -4;
    /** The stream reached the largest position its term length allows: use a new publication. */
    public static final long MAX_POSITION_EXCEEDED = -5;

    final NanoStream client;
    final long registrationId;
    final String channel;
    final int streamId;
    final int sessionId;
    final LogBuffers log;
    final AtomicBuffer metadata;
    final int termLength;
    final int positionBitsToShift;
    final int initialTermId;
    final int maxPayloadLength;
    final int maxMessageLength;
    final long maxPossiblePosition;
    final AtomicBuffer counterValues;
    final int limitOffset;
    final int backPressureOffset;
    volatile boolean closed;

    Publication(
        final NanoStream client, final long registrationId, final String channel, final int streamId,
        final int sessionId, final LogBuffers log, final AtomicBuffer counterValues, final int limitCounterId,
        final int backPressureCounterId)
    {
        this.client = client;
        this.registrationId = registrationId;
        this.channel = channel;
        this.streamId = streamId;
        this.sessionId = sessionId;
        this.log = log;
        this.metadata = log.metadata();
        this.termLength = log.termLength();
        this.positionBitsToShift = LogLayout.positionBitsToShift(termLength);
        this.initialTermId = log.initialTermId();
        this.maxPayloadLength = log.mtu() - FrameHeader.LENGTH;
        this.maxMessageLength = FrameHeader.maxMessageLength(termLength);
        this.maxPossiblePosition = LogLayout.maxPosition(termLength);
        this.counterValues = counterValues;
        this.limitOffset = CountersDescriptor.valueOffset(limitCounterId);
        this.backPressureOffset = CountersDescriptor.valueOffset(backPressureCounterId);
    }

    /**
     * Offers a message.
     *
     * @param buffer the message's buffer.
     * @param offset where it starts.
     * @param length its length, at most {@link #maxMessageLength()}.
     * @return the new position (positive), or a negative result.
     * @throws IllegalArgumentException if the offset or length is negative, the message runs past the buffer, or it is
     * longer than {@link #maxMessageLength()}; nothing is claimed, so other publishers are not held up.
     */
    public final long offer(final AtomicBuffer buffer, final int offset, final int length)
    {
        return offer(buffer, offset, length, null);
    }

    /**
     * Offers a message and sets each frame's reserved value.
     *
     * @param buffer   the message's buffer.
     * @param offset   where it starts.
     * @param length   its length.
     * @param supplier computes the reserved value of each frame, or null for 0.
     * @return the new position (positive), or a negative result.
     * @throws IllegalArgumentException as {@link #offer(AtomicBuffer, int, int)} does, before anything is claimed.
     */
    public abstract long offer(AtomicBuffer buffer, int offset, int length, ReservedValueSupplier supplier);

    /**
     * Offers one message made of several parts, copied back to back.
     *
     * @param vectors the parts, in order.
     * @return the new position (positive), or a negative result.
     */
    public final long offer(final BufferVector... vectors)
    {
        int length = 0;
        for (final BufferVector vector : vectors)
        {
            length += vector.length();
        }
        final AtomicBuffer gathered = client.scratch(length);
        int position = 0;
        for (final BufferVector vector : vectors)
        {
            gathered.putBytes(position, vector.buffer(), vector.offset(), vector.length());
            position += vector.length();
        }
        return offer(gathered, 0, length, null);
    }

    /**
     * Claims space for a message of at most {@link #maxPayloadLength()} bytes, to be written in place and
     * then committed (or aborted) through the claim.
     *
     * @param length the payload length.
     * @param claim  the claim to fill.
     * @return the position after the claimed frame (positive), or a negative result.
     * @throws IllegalArgumentException if the length is over {@link #maxPayloadLength()}.
     */
    public abstract long tryClaim(int length, BufferClaim claim);

    /**
     * The position the next message will start at.
     *
     * @return the position, or {@link #CLOSED}.
     */
    public abstract long position();

    /**
     * How far the slowest subscriber lets publishers go.
     *
     * @return the limit position.
     */
    public final long positionLimit()
    {
        return counterValues.getLongAcquire(limitOffset); // acquire: pairs with the driver's release of the limit
    }

    /**
     * Whether a subscriber is connected.
     *
     * @return true if some subscriber reads this stream.
     */
    public final boolean isConnected()
    {
        return !closed &&
            metadata.getIntAcquire(LogLayout.IS_CONNECTED_OFFSET) == 1; // acquire: the driver's link is complete
    }

    /**
     * Whether the publication is closed.
     *
     * @return true once closed.
     */
    public final boolean isClosed()
    {
        return closed;
    }

    /**
     * The longest message an offer takes: {@code min(termLength / 8, 16 MiB)}.
     *
     * @return bytes.
     */
    public final int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * The longest payload of one frame: MTU - 32.
     *
     * @return bytes.
     */
    public final int maxPayloadLength()
    {
        return maxPayloadLength;
    }

    /**
     * The log's term length.
     *
     * @return bytes.
     */
    public final int termLength()
    {
        return termLength;
    }

    /**
     * The session id frames carry.
     *
     * @return the session id.
     */
    public final int sessionId()
    {
        return sessionId;
    }

    /**
     * The stream id.
     *
     * @return the stream id.
     */
    public final int streamId()
    {
        return streamId;
    }

    /**
     * The channel.
     *
     * @return the channel URI.
     */
    public final String channel()
    {
        return channel;
    }

    /**
     * The driver's id for this publication.
     *
     * @return the registration id.
     */
    public final long registrationId()
    {
        return registrationId;
    }

    /**
     * Adds a destination to a publication whose channel has {@code control-mode=manual} (multi-destination-cast): from
     * now on every datagram goes to it as well. The receiver there subscribes with a plain {@code endpoint=} channel.
     * Waits for the driver's answer.
     *
     * @param destination the destination's channel, naming only its endpoint, e.g. {@code
     * nano:udp?endpoint=10.0.0.7:40123}.
     * @throws RegistrationException if the channel is not {@code control-mode=manual}, the destination is malformed or
     * already added, or the publication has its most destinations (64).
     */
    public final void addDestination(final String destination)
    {
        client.destination(Commands.ADD_DESTINATION, this, destination);
    }

    /**
     * Removes a destination added with {@link #addDestination}; waits for the driver's answer.
     *
     * @param destination the destination's channel, as it was added.
     * @throws RegistrationException if it is not a destination of this publication.
     */
    public final void removeDestination(final String destination)
    {
        client.destination(Commands.REMOVE_DESTINATION, this, destination);
    }

    /** Closes the publication; subscribers read what was sent, then see end of stream. */
    @Override
    public final void close()
    {
        if (!closed)
        {
            client.releasePublication(this);
        }
    }

    /**
     * Checks a message before anything is claimed: a claim left unfinished would hold up every publisher of the log.
     */
    final void checkMessage(final AtomicBuffer buffer, final int offset, final int length)
    {
        if ((offset | length) < 0 || length > maxMessageLength || offset > buffer.capacity() - length)
        {
            throw badMessage(buffer, offset, length);
        }
    }

    private IllegalArgumentException badMessage(final AtomicBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0)
        {
            return new IllegalArgumentException("offset " + offset + " and length " + length + " must not be negative");
        }
        if (length > maxMessageLength)
        {
            return new IllegalArgumentException("message of " + length + " bytes is over the limit of " +
                maxMessageLength + " for term length " + termLength +
                " (termLength / 8, at most 16 MiB); use a larger term-length or split it");
        }
        return new IllegalArgumentException("message at " + offset + " of " + length +
            " bytes runs past the end of its buffer of " + buffer.capacity() + " bytes");
    }

    final void checkPayloadLength(final int length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("claim of " + length + " bytes: a claim's length is 0 or more");
        }
        if (length > maxPayloadLength)
        {
            throw new IllegalArgumentException("claim of " + length + " bytes is over one frame's payload of " +
                maxPayloadLength + " (MTU - 32); use offer for longer messages, or a larger mtu");
        }
    }

    final long backPressureStatus(final long position, final int length)
    {
        if (position + length >= maxPossiblePosition)
        {
            return MAX_POSITION_EXCEEDED;
        }
        if (metadata.getIntAcquire(LogLayout.IS_CONNECTED_OFFSET) == 1) // acquire: the driver's connected flag
        {
            counterValues.getAndAddLong(backPressureOffset, 1);
            return BACK_PRESSURED;
        }
        return NOT_CONNECTED;
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "{" + channel + ", stream " + streamId + ", session " + sessionId + "}";
    }
}
