package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.Counter;
import io.nanostream.driver.loss.LossRecorder;
import io.nanostream.driver.status.ImageCounters;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.wire.WireFrame;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogCleaner;
import io.nanostream.log.LogLayout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;

/**
 * The receiving side's copy of one remote publication (one session on one stream): the {@link Receiver}
 * thread writes each arriving frame into the image's log at its term offset, so out-of-order frames
 * land where they belong and subscribers read the log as for IPC. It tracks the contiguous rebuild
 * position and the highest position seen, NAKs the first gap after a short delay (and again until it is
 * filled), sends status messages by time and by consumption, and cleans terms behind the subscribers.
 */
public final class PublicationImage
{
    private static final VarHandle LAST_DATA_NANOS;

    static
    {
        try
        {
            LAST_DATA_NANOS = MethodHandles.lookup().findVarHandle(PublicationImage.class, "lastDataNanos", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Status messages at least this often. */
    static final long STATUS_INTERVAL_NANOS = 200_000_000L;
    /** Any progress is reported at least this often, so a lost status message stalls the sender briefly. */
    static final long PROGRESS_STATUS_INTERVAL_NANOS = 1_000_000L;

    /** The image's correlation id, used in client notifications. */
    public final long correlationId;
    /** The session. */
    public final int sessionId;
    /** The stream. */
    public final int streamId;
    /** The log subscribers read. */
    public final LogBuffers log;
    /** Where the publication's control frames go. */
    public final InetSocketAddress controlAddress;
    /**
     * On a subscription with several destinations, where its frames come from; null on others
     * (pinned to {@link #controlAddress}).
     */
    final ImageSources sources;
    /** The position the image started at. */
    public final long joinPosition;
    final ReceiveChannelEndpoint endpoint;
    private final int termLength;
    private final int positionBitsToShift;
    private final int initialTermId;
    private final int window;
    private final AtomicBuffer[] terms = new AtomicBuffer[LogLayout.PARTITION_COUNT];
    private final ImageCounters counters;
    private final TransportCounters transport;
    private final LossRecorder lossRecorder;
    private final LossDetector lossDetector;
    /** The most gaps after the first NAKed in one round. */
    static final int MAX_GAPS_AHEAD = 15;
    /** Where the last gap counted and reported started; a gap is counted once, when it is first NAKed. */
    private long lastGapRecorded = -1;
    /** False for {@code reliable=false}: gaps are skipped, never NAKed. */
    private final boolean reliable;
    private final long livenessTimeoutNanos;
    private final long receiverId;
    /** Subscriber position counters; replaced whole by the conductor when subscriptions come and go. */
    private volatile Counter[] subscriberPositions;

    private long rebuildPosition;
    private long hwmPosition;
    private final LogCleaner cleaner;
    private long lastStatusPosition = -1;
    private long lastStatusNanos;
    private long lastPacketNanos;
    /**
     * When data (not a heartbeat) last arrived, or the image became active: written by the
     * receiver, read by the conductor.
     */
    private long lastDataNanos;
    private long endOfStreamPosition = Long.MAX_VALUE;
    private boolean endOfStreamMarked;
    /** Whether a data frame (not a heartbeat) has arrived: until one has, the image sends no NAK. */
    private boolean dataReceived;
    private volatile boolean closed;

    /**
     * Creates an image (on the conductor thread) starting where the SETUP said the sender is.
     *
     * @param correlationId        the correlation id.
     * @param log                  the image's log, created for it.
     * @param endpoint             the endpoint it arrives on.
     * @param controlAddress       where to send status messages and NAKs.
     * @param joinPosition         the sender's position in its SETUP.
     * @param transport            the transport counters.
     * @param counters             its own counters.
     * @param subscriberPositions  the subscribers' position counters, set to the join position.
     * @param livenessTimeoutNanos how long without a frame before the image is dropped.
     * @param receiverId           this receiver's id in status messages.
     * @param nowNanos             the time.
     * @param lossRecorder         where gaps are recorded.
     * @param options              what its subscriptions' channel asks: repair or skip gaps, the window, the NAK delay.
     */
    public PublicationImage(
        final long correlationId, final LogBuffers log, final ReceiveChannelEndpoint endpoint,
        final InetSocketAddress controlAddress, final long joinPosition, final TransportCounters transport,
        final ImageCounters counters, final Counter[] subscriberPositions, final long livenessTimeoutNanos,
        final long receiverId, final long nowNanos, final LossRecorder lossRecorder, final ImageOptions options)
    {
        this.correlationId = correlationId;
        this.reliable = options.reliable();
        this.sessionId = log.sessionId();
        this.streamId = log.streamId();
        this.log = log;
        this.endpoint = endpoint;
        this.controlAddress = controlAddress;
        this.sources = endpoint.isMultiDestination() ? new ImageSources() : null;
        this.joinPosition = joinPosition;
        this.termLength = log.termLength();
        this.positionBitsToShift = LogLayout.positionBitsToShift(termLength);
        this.initialTermId = log.initialTermId();
        this.window = Math.min(options.receiverWindow(), termLength / 2);
        for (int i = 0; i < LogLayout.PARTITION_COUNT; i++)
        {
            terms[i] = log.term(i);
        }
        this.transport = transport;
        this.counters = counters;
        this.lossRecorder = lossRecorder;
        this.lossDetector = new LossDetector(endpoint.channel.isMulticast(), options.nakDelayNanos());
        this.subscriberPositions = subscriberPositions.clone();
        this.livenessTimeoutNanos = livenessTimeoutNanos;
        this.receiverId = receiverId;
        this.rebuildPosition = joinPosition;
        this.hwmPosition = joinPosition;
        this.cleaner = new LogCleaner(log,
            joinPosition - (joinPosition & (termLength - 1))); // zero up to here: the file is new
        this.lastPacketNanos = nowNanos;
        this.lastStatusNanos = nowNanos - STATUS_INTERVAL_NANOS;
        counters.highWaterMark().set(joinPosition);
        counters.rebuild().set(joinPosition);
    }

    /**
     * The image's own counters.
     *
     * @return the counters.
     */
    public ImageCounters counters()
    {
        return counters;
    }

    /**
     * Writes a checked data datagram of this session into the log.
     *
     * @param datagram the datagram.
     * @param length   its length.
     * @param nowNanos the time.
     */
    void insert(final AtomicBuffer datagram, final int length, final long nowNanos)
    {
        lastPacketNanos = nowNanos;
        final int termId = datagram.getInt(FrameHeader.TERM_ID_OFFSET);
        final int termOffset = datagram.getInt(FrameHeader.TERM_OFFSET_OFFSET);
        final long position = LogLayout.position(termId, termOffset, positionBitsToShift, initialTermId);
        if (WireFrame.isHeartbeat(datagram))
        {
            if (termOffset <= termLength && position >= rebuildPosition && position <= consumption() + termLength)
            {
                if (position > hwmPosition)
                {
                    hwmPosition = position;
                    counters.highWaterMark().set(position); // release: for monitoring only
                }
                if ((WireFrame.flags(datagram, 0) & (FrameHeader.EOS_FLAG & 0xFF)) != 0)
                {
                    endOfStreamPosition = position;
                }
            }
            return;
        }
        dataReceived = true;
        LAST_DATA_NANOS.setOpaque(this,
            nowNanos); // opaque: the conductor reads it to find idle images, no order needed
        final int span = WireFrame.termSpan(datagram, length);
        if (span <= 0 || (long)termOffset + span > termLength)
        {
            transport.invalidFrames.add(1); // a frame across the end of a term: the sender's log never holds one
            return;
        }
        if (position < rebuildPosition)
        {
            transport.duplicateFrames.add(1);
            return;
        }
        if (position + span > consumption() + termLength)
        {
            transport.windowOverruns.add(1);
            return;
        }
        final AtomicBuffer term = terms[LogLayout.indexByPosition(position, positionBitsToShift)];
        if (term.getInt(termOffset) != 0)
        {
            transport.duplicateFrames.add(1);
            return;
        }
        term.putBytes(termOffset + 4, datagram, 4, length - 4);
        term.putIntRelease(termOffset, datagram.getInt(WireFrame.FRAME_LENGTH_OFFSET)); // release: the frames are whole before readers see the first length
        if (position + span > hwmPosition)
        {
            hwmPosition = position + span;
            counters.highWaterMark().set(hwmPosition); // release: for monitoring only
        }
        if (position == rebuildPosition)
        {
            rebuild();
        }
    }

    private void rebuild()
    {
        long position = rebuildPosition;
        while (position < hwmPosition)
        {
            final int termOffset = (int)position & (termLength - 1);
            final int frameLength = terms[LogLayout.indexByPosition(position, positionBitsToShift)].getInt(termOffset);
            if (frameLength <= 0)
            {
                break;
            }
            // datagrams that overlapped at different frame boundaries can leave a length that is not a frame's:
            // stop at it rather than walk past what was received
            if (frameLength < FrameHeader.LENGTH || frameLength > termLength - termOffset ||
                position + FrameHeader.align(frameLength) > hwmPosition)
            {
                transport.invalidFrames.add(1);
                break;
            }
            position += FrameHeader.align(frameLength);
        }
        if (position != rebuildPosition)
        {
            rebuildPosition = position;
            counters.rebuild().set(position); // release: for monitoring only
        }
    }

    private long consumption()
    {
        final Counter[] positions = subscriberPositions;
        long minimum = rebuildPosition; // positions are in shared memory: no subscriber reads past what is contiguous
        for (final Counter position : positions)
        {
            minimum = Math.min(minimum,
                position.get()); // acquire (in get): the subscriber is done with what lies behind it
        }
        return minimum;
    }

    /**
     * The duty cycle for this image: end of stream, gaps and NAKs, status messages, cleaning, liveness.
     *
     * @param nowNanos the time.
     * @return work done.
     */
    int poll(final long nowNanos)
    {
        int work = 0;
        if (!endOfStreamMarked && rebuildPosition >= endOfStreamPosition)
        {
            endOfStreamMarked = true;
            log.metadata().putLongRelease(LogLayout.END_OF_STREAM_POSITION_OFFSET,
                endOfStreamPosition); // release: all frames before it are in
        }
        work += checkGap(nowNanos);
        final long consumption = consumption();
        final long sinceStatus = nowNanos - lastStatusNanos;
        if (sinceStatus >= STATUS_INTERVAL_NANOS || consumption - lastStatusPosition >= window / 4 ||
            (consumption > lastStatusPosition && sinceStatus >= PROGRESS_STATUS_INTERVAL_NANOS))
        {
            sendStatus(consumption, nowNanos);
            work++;
        }
        work += cleaner.cleanTo(consumption - termLength, rebuildPosition - termLength);
        if (nowNanos - lastPacketNanos > livenessTimeoutNanos ||
            (endOfStreamMarked && consumption >= endOfStreamPosition &&
            nowNanos - lastPacketNanos > STATUS_INTERVAL_NANOS))
        {
            closed = true;
        }
        return work;
    }

    private int checkGap(final long nowNanos)
    {
        rebuild();
        if (!lossDetector.isNakDue(rebuildPosition, hwmPosition, nowNanos))
        {
            return 0;
        }
        if (!dataReceived)
        {
            // heartbeats alone opened the gap: a forged SETUP and heartbeat must not turn
            // this receiver into a NAK reflector
            transport.naksHeldBack.add(1);
            lossDetector.onNakSent(nowNanos);
            return 0;
        }
        final AtomicBuffer term = terms[LogLayout.indexByPosition(rebuildPosition, positionBitsToShift)];
        final int termOffset = (int)rebuildPosition & (termLength - 1);
        final int limit = (int)Math.min(termLength, termOffset + (hwmPosition - rebuildPosition));
        final int end = LossDetector.gapEnd(term, termOffset, limit);
        if (!reliable)
        {
            skipGap(term, termOffset, end - termOffset);
            return 1;
        }
        final int termId = LogLayout.termIdAt(rebuildPosition, positionBitsToShift, initialTermId);
        endpoint.sendNak(this, termId, termOffset, end - termOffset);
        counters.naksSent().add(1);
        lossDetector.onNakSent(nowNanos);
        recordGap(rebuildPosition, end - termOffset);
        return 1 + nakGapsAhead(term, termId, rebuildPosition - termOffset, end, limit);
    }

    /** Counts and reports a gap the first time it is NAKed, first or ahead: gaps start further on each time. */
    private void recordGap(final long position, final int length)
    {
        if (position > lastGapRecorded)
        {
            lastGapRecorded = position;
            transport.gapsNaked.add(1);
            counters.gapBytes().add(length);
            lossRecorder.record(length);
        }
    }

    /**
     * NAKs the gaps after the first in the same term that a received frame follows, up to {@link #MAX_GAPS_AHEAD},
     * in the same round: a receiver that lost three frames of a term asks for all three in one round trip, where
     * asking for one at a time costs a round trip each. Each NAK keeps Aeron's wire format (one range), so an
     * Aeron sender repairs them all too. The loss detector times the first gap only; these go again whenever it is
     * NAKed again, while they stay open.
     *
     * @return the NAKs sent.
     */
    private int nakGapsAhead(final AtomicBuffer term, final int termId, final long termBase, final int from,
        final int limit)
    {
        int offset = from;
        int naks = 0;
        while (offset < limit && naks < MAX_GAPS_AHEAD)
        {
            final int frameLength = term.getInt(offset); // written by this thread: the frames received ahead of the gap
            if (frameLength > 0)
            {
                if (frameLength < FrameHeader.LENGTH || frameLength > limit - offset)
                {
                    break; // not a frame this receiver would rebuild over (the sender's to answer for): look no further
                }
                offset += FrameHeader.align(frameLength);
                continue;
            }
            final int end = LossDetector.gapEnd(term, offset, limit);
            if (end >= limit)
            {
                break; // no frame after it: only a heartbeat says it exists, and heartbeats alone never make this receiver NAK
            }
            endpoint.sendNak(this, termId, offset, end - offset);
            counters.naksSent().add(1);
            transport.gapsNakedAhead.add(1);
            recordGap(termBase + offset, end - offset);
            naks++;
            offset = end;
        }
        return naks;
    }

    /**
     * Fills a gap with one padding frame, which subscribers step over, and records it as lost: what
     * {@code reliable=false} does instead of a NAK. A frame of the gap that comes later lands behind the
     * rebuild position and is dropped as a duplicate.
     */
    private void skipGap(final AtomicBuffer term, final int termOffset, final int length)
    {
        FrameHeader.writeInProgress(term, termOffset, length, FrameHeader.UNFRAGMENTED, FrameType.PAD, sessionId,
            streamId, LogLayout.termIdAt(rebuildPosition, positionBitsToShift, initialTermId));
        FrameHeader.frameLengthRelease(term, termOffset,
            length); // release: the header is whole before a subscriber steps over it
        transport.gapsSkipped.add(1);
        counters.gapBytes().add(length);
        lossRecorder.record(length);
        rebuild();
    }

    private void sendStatus(final long consumption, final long nowNanos)
    {
        counters.statusMessages().add(1);
        final int termId = LogLayout.termIdAt(consumption, positionBitsToShift, initialTermId);
        endpoint.sendStatus(this, 0, termId, (int)consumption & (termLength - 1), window, receiverId);
        lastStatusNanos = nowNanos;
        lastStatusPosition = consumption;
    }

    /**
     * Replaces the subscriber position counters (conductor thread; the receiver thread reads the new array).
     *
     * @param positions the counters.
     */
    public void subscriberPositions(final Counter[] positions)
    {
        this.subscriberPositions = positions.clone();
    }

    /** {@return the endpoint it arrives on} */
    public ReceiveChannelEndpoint endpoint()
    {
        return endpoint;
    }

    /**
     * Starts the liveness clock when the receiver takes the image (receiver thread).
     *
     * @param nowNanos the time.
     */
    void activate(final long nowNanos)
    {
        lastPacketNanos = nowNanos;
        LAST_DATA_NANOS.setOpaque(this, nowNanos); // opaque: read by the conductor
    }

    /**
     * How long the image has gone without data, heartbeats not counting, from its activation (any thread; the conductor
     * asks when a cap is full).
     *
     * @param nowNanos the time, on the receiver's clock.
     * @return nanoseconds since data last arrived; 0 before the receiver activated it.
     */
    public long idleNanos(final long nowNanos)
    {
        final long last = (long)LAST_DATA_NANOS.getOpaque(this); // opaque: a recent value is enough to choose an idle image
        return last == 0 ? 0 : nowNanos - last;
    }

    /**
     * Closes the image to make room for a new session, when it has been idle and a cap is full (any thread: the
     * receiver drops it at its next look, as it drops a silent one).
     */
    public void giveWay()
    {
        closed = true;
    }

    /**
     * Moves the liveness clock on by a time the receiver thread was away and could not
     * read datagrams (receiver thread).
     *
     * @param awayNanos how long.
     */
    void excuse(final long awayNanos)
    {
        lastPacketNanos += awayNanos;
    }

    /** Gives up on the image: the receiver drops it and the conductor frees it (receiver thread). */
    void close()
    {
        closed = true;
    }

    /** {@return whether the receiver has given up on the image (silent too long, ended and consumed, or broken)} */
    public boolean isClosed()
    {
        return closed;
    }

    /** {@return the contiguous position as last published} */
    public long rebuildPosition()
    {
        return counters.rebuild().get();
    }

    /** {@return how far the sender may go past the slowest subscriber, in bytes} */
    public int window()
    {
        return window;
    }

    @Override
    public String toString()
    {
        return "PublicationImage{session " + sessionId + ", stream " + streamId + ", from " + controlAddress + "}";
    }
}
