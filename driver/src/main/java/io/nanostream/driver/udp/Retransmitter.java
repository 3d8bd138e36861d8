package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.driver.status.SenderCounters;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.wire.Nak;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;
import io.nanostream.log.TermScanner;

import java.nio.ByteBuffer;

/**
 * Answers a UDP publication's NAKs: checks the range, ignores what was never sent or is no longer kept, drops (and
 * counts) a NAK whose offset is not the start of a frame,
 * resends each range at most once per {@link RetransmitLinger#LINGER_NANOS}, and resends whole frames from
 * the log, never more than was sent before. A NAK costs at most {@link #MAX_RESEND_MTUS_PER_NAK} MTUs of resends, and
 * all NAKs together (on multicast, anyone may NAK) at most {@link #MAX_RESEND_MTUS_PER_INTERVAL} MTUs per
 * {@link #BUDGET_INTERVAL_NANOS}: a receiver asks again for the rest. Used on the sender thread.
 */
final class Retransmitter
{
    /** The most one NAK makes the sender resend, in MTUs. */
    static final int MAX_RESEND_MTUS_PER_NAK = 16;
    /** The most all NAKs make the sender resend in one interval, in MTUs. */
    static final int MAX_RESEND_MTUS_PER_INTERVAL = 64;
    /** The interval of the resend budget. */
    static final long BUDGET_INTERVAL_NANOS = 1_000_000L;

    private final AtomicBuffer[] terms;
    private final ByteBuffer[] termBuffers;
    private final PublicationSocket socket;
    private final TransportCounters transport;
    private final SenderCounters counters;
    private RetransmitLinger linger = new RetransmitLinger();
    private final int termLength;
    private final int mtu;
    private final int positionBitsToShift;
    private final int initialTermId;
    private long intervalStartNanos;
    private long resentInInterval;

    Retransmitter(
        final LogBuffers log, final AtomicBuffer[] terms, final ByteBuffer[] termBuffers,
        final PublicationSocket socket, final TransportCounters transport, final SenderCounters counters)
    {
        this.terms = terms;
        this.termBuffers = termBuffers;
        this.socket = socket;
        this.transport = transport;
        this.counters = counters;
        this.termLength = log.termLength();
        this.mtu = log.mtu();
        this.positionBitsToShift = LogLayout.positionBitsToShift(termLength);
        this.initialTermId = log.initialTermId();
    }

    /**
     * Sets how many resends may be in flight at once ({@code max-resend=}); before the sender has the publication.
     *
     * @param maxResends how many.
     */
    void maxResends(final int maxResends)
    {
        linger = new RetransmitLinger(maxResends);
    }

    /**
     * Handles a NAK for this publication, in the control buffer.
     *
     * @param nak            the control buffer holding it.
     * @param senderPosition how far the publication has sent.
     * @param nowNanos       the time.
     */
    void onNak(final AtomicBuffer nak, final long senderPosition, final long nowNanos)
    {
        transport.naksReceived.add(1);
        counters.naksReceived().add(1);
        final int termId = nak.getInt(Nak.TERM_ID_OFFSET);
        final int termOffset = nak.getInt(Nak.TERM_OFFSET_OFFSET);
        final int length = nak.getInt(Nak.LENGTH_OFFSET);
        if (termOffset < 0 || termOffset >= termLength || (termOffset & (FrameHeader.ALIGNMENT - 1)) != 0 ||
            length <= 0)
        {
            transport.invalidFrames.add(1);
            return;
        }
        final long position = LogLayout.position(termId, termOffset, positionBitsToShift, initialTermId);
        if (position >= senderPosition || position < senderPosition - termLength)
        {
            return; // not sent yet, or no longer kept
        }
        final int index = LogLayout.indexByPosition(position, positionBitsToShift);
        if (!isFrameStart(terms[index], termId, termOffset))
        {
            transport.naksNotAtFrameStart.add(1); // bytes read there would be payload taken for a header
            return;
        }
        if (!linger.admit(termId, termOffset, nowNanos))
        {
            return;
        }
        final int asked = (int)Math.min(Math.min(length, senderPosition - position), termLength - termOffset);
        final int allowed = allowance(asked, nowNanos);
        if (allowed < asked)
        {
            transport.resendBytesOverBudget.add(asked - allowed);
        }
        if (allowed > 0)
        {
            resentInInterval += resend(termOffset, allowed, index);
        }
    }

    /**
     * Whether a frame of the term starts at an offset: its header there names this term and this offset, as every frame
     * the publication wrote does (the log is this publication's own, so session and stream are ours).
     */
    private static boolean isFrameStart(final AtomicBuffer term, final int termId, final int termOffset)
    {
        return FrameHeader.frameLengthAcquire(term, termOffset) >= FrameHeader.LENGTH && // acquire: the header is whole
            term.getInt(termOffset + FrameHeader.TERM_OFFSET_OFFSET) == termOffset &&
            term.getInt(termOffset + FrameHeader.TERM_ID_OFFSET) == termId;
    }

    /** How much of a NAKed range the budget lets the sender resend now. */
    private int allowance(final int asked, final long nowNanos)
    {
        if (nowNanos - intervalStartNanos >= BUDGET_INTERVAL_NANOS)
        {
            intervalStartNanos = nowNanos;
            resentInInterval = 0;
        }
        final long left = (long)MAX_RESEND_MTUS_PER_INTERVAL * mtu - resentInInterval;
        return (int)Math.max(0, Math.min(Math.min(asked, (long)MAX_RESEND_MTUS_PER_NAK * mtu), left));
    }

    /** Resends whole frames covering a range, never past what was sent before; returns the bytes resent. */
    private int resend(final int termOffset, final int length, final int index)
    {
        final AtomicBuffer term = terms[index];
        int offset = termOffset;
        int remaining = length;
        while (remaining > 0)
        {
            final int firstFrame = FrameHeader.align(Math.max(FrameHeader.frameLengthAcquire(term, offset),
                FrameHeader.LENGTH));
            // frames inside the range, and at least the first one (it was sent whole, so it may run past the range)
            final long scan = TermScanner.scan(term, offset, Math.min(mtu, Math.max(remaining, firstFrame)));
            final int scanned = TermScanner.length(scan);
            if (scanned == 0)
            {
                break;
            }
            if (!socket.sendScanned(term, termBuffers[index], offset, scan))
            {
                break;
            }
            transport.retransmits.add(1);
            counters.retransmits().add(1);
            // what went out: a padding frame goes as its header alone, however much of the term it pads
            transport.retransmittedBytes.add(TermScanner.isPadding(scan) ? FrameHeader.LENGTH : scanned);
            offset += scanned;
            remaining -= scanned;
        }
        return offset - termOffset;
    }
}
