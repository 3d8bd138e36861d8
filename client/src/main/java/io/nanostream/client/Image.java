package io.nanostream.client;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.log.ControlledFragmentHandler;
import io.nanostream.log.FragmentHandler;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.Header;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;
import io.nanostream.log.TermReader;

/**
 * One publisher's stream as one subscription sees it: the log the publisher writes, read from this
 * subscriber's position. The position is published to the driver (release store to a counter) after
 * every poll that moved it, and gates the publisher.
 */
public final class Image
{
    private final long correlationId;
    private final long subscriptionRegistrationId;
    private final int sessionId;
    private final LogBuffers log;
    private final AtomicBuffer[] terms = new AtomicBuffer[LogLayout.PARTITION_COUNT];
    private final int termLengthMask;
    private final int positionBitsToShift;
    private final Header header;
    private final AtomicBuffer positionValues;
    private final int positionOffset;
    private final long joinPosition;
    private long position;
    private volatile boolean closed;

    Image(
        final long correlationId, final long subscriptionRegistrationId, final int sessionId, final LogBuffers log,
        final AtomicBuffer counterValues, final int positionCounterId, final long joinPosition)
    {
        this.correlationId = correlationId;
        this.subscriptionRegistrationId = subscriptionRegistrationId;
        this.sessionId = sessionId;
        this.log = log;
        for (int i = 0; i < LogLayout.PARTITION_COUNT; i++)
        {
            terms[i] = log.term(i);
        }
        this.termLengthMask = log.termLength() - 1;
        this.positionBitsToShift = LogLayout.positionBitsToShift(log.termLength());
        this.header = new Header(log.initialTermId(), positionBitsToShift);
        this.positionValues = counterValues;
        this.positionOffset = CountersDescriptor.valueOffset(positionCounterId);
        this.joinPosition = joinPosition;
        this.position = joinPosition;
    }

    /**
     * Hands complete fragments to the handler, from this subscriber's position on.
     *
     * @param handler       receives each fragment.
     * @param fragmentLimit the most fragments.
     * @return the number of fragments handed over.
     */
    public int poll(final FragmentHandler handler, final int fragmentLimit)
    {
        if (closed)
        {
            return 0;
        }
        final long position = this.position;
        final int termOffset = (int)position & termLengthMask;
        final AtomicBuffer term = terms[LogLayout.indexByPosition(position, positionBitsToShift)];
        final long outcome = TermReader.read(term, termOffset, handler, fragmentLimit, header);
        final long newPosition = position + (TermReader.offset(outcome) - termOffset);
        if (newPosition > position)
        {
            updatePosition(newPosition);
        }
        return TermReader.fragments(outcome);
    }

    /**
     * Hands fragments to a handler that decides, per fragment, whether to go on, stop, commit or abort.
     *
     * @param handler       the handler.
     * @param fragmentLimit the most fragments.
     * @return the number of fragments consumed.
     */
    public int controlledPoll(final ControlledFragmentHandler handler, final int fragmentLimit)
    {
        if (closed)
        {
            return 0;
        }
        final long initialPosition = this.position;
        final int initialOffset = (int)initialPosition & termLengthMask;
        final AtomicBuffer term = terms[LogLayout.indexByPosition(initialPosition, positionBitsToShift)];
        final int capacity = (int)term.capacity();
        header.buffer(term);
        int offset = initialOffset;
        int committedOffset = initialOffset;
        int fragments = 0;
        while (fragments < fragmentLimit && offset < capacity)
        {
            final int frameLength = FrameHeader.frameLengthAcquire(term, offset);
            if (frameLength <= 0)
            {
                break;
            }
            final int frameOffset = offset;
            final int nextOffset = offset + FrameHeader.align(frameLength);
            if (FrameHeader.isPadding(term, frameOffset))
            {
                offset = nextOffset;
                continue;
            }
            header.offset(frameOffset);
            final ControlledFragmentHandler.Action action =
                handler.onFragment(term, frameOffset + FrameHeader.LENGTH, frameLength - FrameHeader.LENGTH, header);
            if (action == ControlledFragmentHandler.Action.ABORT)
            {
                break;
            }
            offset = nextOffset;
            fragments++;
            if (action == ControlledFragmentHandler.Action.BREAK)
            {
                break;
            }
            if (action == ControlledFragmentHandler.Action.COMMIT)
            {
                committedOffset = offset;
                updatePosition(initialPosition + (committedOffset - initialOffset));
            }
        }
        final long resultingPosition = initialPosition + (offset - initialOffset);
        if (resultingPosition > this.position)
        {
            updatePosition(resultingPosition);
        }
        return fragments;
    }

    /**
     * Hands over a block of complete frames, headers included, up to a length limit, in one call.
     *
     * @param handler          the handler.
     * @param blockLengthLimit the most bytes.
     * @return the number of bytes consumed.
     */
    public int blockPoll(final BlockHandler handler, final int blockLengthLimit)
    {
        if (closed)
        {
            return 0;
        }
        final long position = this.position;
        final int offset = (int)position & termLengthMask;
        final AtomicBuffer term = terms[LogLayout.indexByPosition(position, positionBitsToShift)];
        final int limit = (int)Math.min((long)offset + blockLengthLimit, term.capacity());
        int scan = offset;
        while (scan < limit)
        {
            final int frameLength = FrameHeader.frameLengthAcquire(term, scan);
            if (frameLength <= 0)
            {
                break;
            }
            final int aligned = FrameHeader.align(frameLength);
            if (scan + aligned > limit && scan > offset)
            {
                break;
            }
            scan += aligned;
        }
        final int length = scan - offset;
        if (length > 0)
        {
            handler.onBlock(term, offset, length, sessionId, term.getInt(offset + FrameHeader.TERM_ID_OFFSET));
            updatePosition(position + length);
        }
        return length;
    }

    private void updatePosition(final long newPosition)
    {
        this.position = newPosition;
        positionValues.putLongRelease(positionOffset,
            newPosition); // release: our reads of the frames happen before the publisher may reuse them
    }

    /**
     * This subscriber's position in the stream.
     *
     * @return bytes consumed since the stream began.
     */
    public long position()
    {
        return position;
    }

    /**
     * Where this subscriber joined the stream.
     *
     * @return the join position.
     */
    public long joinPosition()
    {
        return joinPosition;
    }

    /**
     * Whether the publisher ended the stream and this subscriber has read it all.
     *
     * @return true at end of stream.
     */
    public boolean isEndOfStream()
    {
        return position >= log.endOfStreamPosition();
    }

    /**
     * The publisher's session id.
     *
     * @return the session id.
     */
    public int sessionId()
    {
        return sessionId;
    }

    /**
     * The id the driver gave this image.
     *
     * @return the correlation id.
     */
    public long correlationId()
    {
        return correlationId;
    }

    /**
     * The subscription this image belongs to.
     *
     * @return the subscription's registration id.
     */
    public long subscriptionRegistrationId()
    {
        return subscriptionRegistrationId;
    }

    /**
     * The log's term length.
     *
     * @return bytes.
     */
    public int termLength()
    {
        return log.termLength();
    }

    /**
     * The term id the publisher's log began with: with the term length, what turns a frame's term id and offset into a
     * position.
     *
     * @return the initial term id.
     */
    public int initialTermId()
    {
        return log.initialTermId();
    }

    /**
     * The publisher's MTU: its frames are at most this long.
     *
     * @return bytes.
     */
    public int mtu()
    {
        return log.mtu();
    }

    /**
     * The stream id.
     *
     * @return the stream id.
     */
    public int streamId()
    {
        return log.streamId();
    }

    /**
     * Whether the image is closed.
     *
     * @return true once unavailable.
     */
    public boolean isClosed()
    {
        return closed;
    }

    void markClosed()
    {
        closed = true;
    }

    LogBuffers log()
    {
        return log;
    }

    @Override
    public String toString()
    {
        return "Image{session=" + sessionId + ", position=" + position + ", closed=" + closed + "}";
    }
}
