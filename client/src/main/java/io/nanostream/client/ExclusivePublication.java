package io.nanostream.client;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.BufferClaim;
import io.nanostream.log.ExclusiveTermAppender;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;
import io.nanostream.log.ReservedValueSupplier;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A publication with one writer thread and a log of its own: it keeps its place in the term itself, so
 * an offer needs no atomic instruction. Calling it from two threads at once corrupts the stream: messages are lost and
 * others overwritten, and the stream may stall for good, with every offer still returning success. With assertions on
 * ({@code -ea}) an offer or claim that starts while another thread's is under way throws {@link IllegalStateException}
 * naming both threads; with them off the check costs nothing and catches nothing. Handing the publication from one
 * thread to another is fine, with a happens-before between them (a queue, a lock); to offer from several threads at
 * once, use a {@link ConcurrentPublication}.
 */
public final class ExclusivePublication extends Publication
{
    private static final VarHandle OFFERING;

    static
    {
        try
        {
            OFFERING = MethodHandles.lookup().findVarHandle(ExclusivePublication.class, "offering", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final ExclusiveTermAppender[] appenders = new ExclusiveTermAppender[LogLayout.PARTITION_COUNT];
    private int termId;
    private int termOffset;
    private int termCount;
    private long termBeginPosition;
    private long cachedLimit;
    private ExclusiveTermAppender appender;
    /** With assertions on: the thread inside an offer or claim now, to catch a second one at the same time. */
    @SuppressWarnings("unused")
    private Thread offering;

    ExclusivePublication(
        final NanoStream client, final long registrationId, final String channel, final int streamId,
        final int sessionId, final LogBuffers log, final AtomicBuffer counterValues, final int limitCounterId,
        final int backPressureCounterId)
    {
        super(client, registrationId, channel, streamId, sessionId, log, counterValues, limitCounterId,
            backPressureCounterId);
        for (int i = 0; i < LogLayout.PARTITION_COUNT; i++)
        {
            appenders[i] = new ExclusiveTermAppender(log.term(i), log.metadata(), i, sessionId, streamId);
        }
        termCount = LogLayout.activeTermCount(metadata);
        final long rawTail = metadata.getLongVolatile(LogLayout.tailCounterOffset(LogLayout.indexByTermCount(termCount)));
        termId = LogLayout.termId(rawTail);
        termOffset = LogLayout.termOffset(rawTail, termLength);
        termBeginPosition = LogLayout.position(termId, 0, positionBitsToShift, initialTermId);
        appender = appenders[LogLayout.indexByTermCount(termCount)].termId(termId);
    }

    @Override
    public long offer(final AtomicBuffer buffer, final int offset, final int length,
        final ReservedValueSupplier supplier)
    {
        assert enter();
        try
        {
            return append(buffer, offset, length, supplier);
        }
        finally
        {
            assert leave();
        }
    }

    private long append(final AtomicBuffer buffer, final int offset, final int length,
        final ReservedValueSupplier supplier)
    {
        checkMessage(buffer, offset, length);
        if (closed)
        {
            return CLOSED;
        }
        final long position = termBeginPosition + termOffset;
        // the shared limit only grows: read it again only once we reach what we last saw
        if (position >= cachedLimit && position >= (cachedLimit = positionLimit()))
        {
            return backPressureStatus(position, length);
        }
        final int result;
        if (length <= maxPayloadLength)
        {
            result = appender.appendUnfragmented(termOffset, buffer, offset, length, supplier);
        }
        else
        {
            result = appender.appendFragmented(termOffset, buffer, offset, length, maxPayloadLength, supplier);
        }
        return newPosition(result);
    }

    @Override
    public long tryClaim(final int length, final BufferClaim claim)
    {
        assert enter();
        try
        {
            return claim(length, claim);
        }
        finally
        {
            assert leave();
        }
    }

    /** Under {@code -ea}: marks this thread inside an offer, or names both threads if another one is. */
    private boolean enter()
    {
        final Thread current = Thread.currentThread();
        final Thread other = (Thread)OFFERING.compareAndExchange(this, (Thread)null,
            current); // volatile: sees another's entry
        if (other != null && other != current)
        {
            throw new IllegalStateException("two threads offer on one ExclusivePublication (session " + sessionId +
                ", stream " + streamId + ") at once: " + other + " and " + current +
                "; that corrupts the stream. Offer from one thread, or use a " +
                "ConcurrentPublication (NanoStream.addPublication) for several");
        }
        return true;
    }

    /** Under {@code -ea}: this thread's offer is done. */
    private boolean leave()
    {
        OFFERING.setRelease(this, (Thread)null); // release: the next thread's entry sees this offer's writes
        return true;
    }

    private long claim(final int length, final BufferClaim claim)
    {
        checkPayloadLength(length);
        if (closed)
        {
            return CLOSED;
        }
        final long position = termBeginPosition + termOffset;
        if (position >= cachedLimit && position >= (cachedLimit = positionLimit()))
        {
            return backPressureStatus(position, length);
        }
        return newPosition(appender.claim(termOffset, length, claim));
    }

    /**
     * Appends a block of whole frames from a log of the same term length at the same position, such as a recording
     * being replayed: headers, flags, padding and reserved values are kept, and each frame gets this publication's
     * session, stream and term. The block starts at this publication's position and ends within its term.
     *
     * @param buffer the block's buffer.
     * @param offset the block's first frame.
     * @param length the block's length, whole aligned frames.
     * @return the new position, or a negative status as for {@link #offer}; {@link #ADMIN_ACTION} when the term was
     * full and the publication moved to the next one (offer the block again).
     * @throws IllegalArgumentException if the block is not whole frames at this position, or crosses the term's end.
     */
    public long offerBlock(final AtomicBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (termOffset == termLength)
        {
            return newPosition(ExclusiveTermAppender.TERM_FULL);
        }
        final int frameTermOffset = buffer.getInt(offset + FrameHeader.TERM_OFFSET_OFFSET);
        if (frameTermOffset != termOffset)
        {
            throw new IllegalArgumentException("a block from term offset " + frameTermOffset +
                " offered at term offset " + termOffset + ": a block goes at the position it was recorded at");
        }
        final long position = termBeginPosition + termOffset;
        if (position >= cachedLimit && position >= (cachedLimit = positionLimit()))
        {
            return backPressureStatus(position, length);
        }
        return newPosition(appender.appendBlock(termOffset, buffer, offset, length));
    }

    private long newPosition(final int result)
    {
        if (result > 0)
        {
            termOffset = result;
            return termBeginPosition + result;
        }
        if (termBeginPosition + termLength >= maxPossiblePosition)
        {
            return MAX_POSITION_EXCEEDED;
        }
        // the term is padded to its end: move to the next one, which the driver has cleaned
        final int nextTermId = termId + 1;
        final int nextTermCount = termCount + 1;
        metadata.putLongRelease(LogLayout.tailCounterOffset(LogLayout.indexByTermCount(nextTermCount)),
            LogLayout.packTail(nextTermId, 0)); // release: the padded term is complete before the next term is active
        metadata.putIntRelease(LogLayout.ACTIVE_TERM_COUNT_OFFSET, nextTermCount); // release: the new tail is set first
        termId = nextTermId;
        termCount = nextTermCount;
        termOffset = 0;
        termBeginPosition += termLength;
        appender = appenders[LogLayout.indexByTermCount(nextTermCount)].termId(nextTermId);
        return ADMIN_ACTION;
    }

    @Override
    public long position()
    {
        return closed ? CLOSED : termBeginPosition + termOffset;
    }
}
