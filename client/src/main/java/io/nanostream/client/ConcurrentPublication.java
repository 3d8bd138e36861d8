package io.nanostream.client;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.BufferClaim;
import io.nanostream.log.LogLayout;
import io.nanostream.log.ReservedValueSupplier;
import io.nanostream.log.TermAppender;

/**
 * A publication shared by every publisher of its channel and stream, in any thread of any process:
 * each offer claims its frames with one atomic add to the active term's tail.
 */
public final class ConcurrentPublication extends Publication
{
    private final TermAppender[] appenders = new TermAppender[LogLayout.PARTITION_COUNT];

    ConcurrentPublication(
        final NanoStream client, final long registrationId, final String channel, final int streamId,
        final int sessionId, final io.nanostream.log.LogBuffers log, final AtomicBuffer counterValues,
        final int limitCounterId, final int backPressureCounterId)
    {
        super(client, registrationId, channel, streamId, sessionId, log, counterValues, limitCounterId,
            backPressureCounterId);
        for (int i = 0; i < LogLayout.PARTITION_COUNT; i++)
        {
            appenders[i] = new TermAppender(log.term(i), log.metadata(), i);
        }
    }

    @Override
    public long offer(final AtomicBuffer buffer, final int offset, final int length,
        final ReservedValueSupplier supplier)
    {
        checkMessage(buffer, offset, length);
        if (closed)
        {
            return CLOSED;
        }
        final long limit = positionLimit();
        final int termCount = LogLayout.activeTermCount(metadata);
        final TermAppender appender = appenders[LogLayout.indexByTermCount(termCount)];
        final long rawTail = appender.rawTailVolatile();
        final int termOffset = LogLayout.termOffset(rawTail, termLength);
        final int termId = LogLayout.termId(rawTail);
        final long position = LogLayout.position(termId, termOffset, positionBitsToShift, initialTermId);
        if (termCount != termId - initialTermId)
        {
            return ADMIN_ACTION;
        }
        if (position >= limit)
        {
            return backPressureStatus(position, length);
        }
        final int result;
        if (length <= maxPayloadLength)
        {
            result = appender.appendUnfragmented(sessionId, streamId, buffer, offset, length, supplier);
        }
        else
        {
            result = appender.appendFragmented(sessionId, streamId, buffer, offset, length, maxPayloadLength, supplier);
        }
        return newPosition(termCount, termId, position - termOffset, result);
    }

    @Override
    public long tryClaim(final int length, final BufferClaim claim)
    {
        checkPayloadLength(length);
        if (closed)
        {
            return CLOSED;
        }
        final long limit = positionLimit();
        final int termCount = LogLayout.activeTermCount(metadata);
        final TermAppender appender = appenders[LogLayout.indexByTermCount(termCount)];
        final long rawTail = appender.rawTailVolatile();
        final int termOffset = LogLayout.termOffset(rawTail, termLength);
        final int termId = LogLayout.termId(rawTail);
        final long position = LogLayout.position(termId, termOffset, positionBitsToShift, initialTermId);
        if (termCount != termId - initialTermId)
        {
            return ADMIN_ACTION;
        }
        if (position >= limit)
        {
            return backPressureStatus(position, length);
        }
        return newPosition(termCount, termId, position - termOffset, appender.claim(sessionId, streamId, length,
            claim));
    }

    private long newPosition(final int termCount, final int termId, final long termBeginPosition, final int result)
    {
        if (result > 0)
        {
            return termBeginPosition + result;
        }
        if (termBeginPosition + termLength >= maxPossiblePosition)
        {
            return MAX_POSITION_EXCEEDED;
        }
        LogLayout.rotate(metadata, termCount, termId);
        return ADMIN_ACTION;
    }

    @Override
    public long position()
    {
        if (closed)
        {
            return CLOSED;
        }
        final long rawTail = appenders[LogLayout.indexByTermCount(LogLayout.activeTermCount(metadata))].rawTailVolatile();
        return LogLayout.position(LogLayout.termId(rawTail), LogLayout.termOffset(rawTail, termLength),
            positionBitsToShift, initialTermId);
    }
}
