package io.nanostream.stress;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FragmentHandler;
import io.nanostream.log.Header;
import io.nanostream.log.LogLayout;
import io.nanostream.log.TermAppender;
import io.nanostream.log.TermReader;
import io.nanostream.log.FrameType;

/**
 * A small term and its metadata for the frame stress tests, with payloads that say whether they are
 * intact: every payload is 16 bytes, the same long twice, so a torn or stale read shows as two
 * different longs.
 */
final class Terms
{
    static final int SESSION_ID = 0x5E55;
    static final int STREAM_ID = 0x57;
    static final int PAYLOAD_LENGTH = 16;
    /** A 16-byte payload plus the 32-byte header, aligned to 32. */
    static final int FRAME_SPACE = 64;

    final AtomicBuffer term;
    final AtomicBuffer metadata = AtomicBuffer.allocateHeap(64);
    final TermAppender appender;
    final Header header = new Header(0, LogLayout.positionBitsToShift(LogLayout.TERM_MIN_LENGTH));

    Terms(final int termLength)
    {
        term = AtomicBuffer.allocateHeap(termLength);
        appender = new TermAppender(term, metadata, 0);
    }

    /** Moves the tail as if earlier frames had been appended up to {@code termOffset}. */
    void tailAt(final int termOffset)
    {
        metadata.putLong(LogLayout.tailCounterOffset(0), LogLayout.packTail(0, termOffset));
    }

    static AtomicBuffer payload(final long value)
    {
        final AtomicBuffer source = AtomicBuffer.allocateHeap(PAYLOAD_LENGTH);
        source.putLong(0, value);
        source.putLong(8, value);
        return source;
    }

    int append(final AtomicBuffer payload)
    {
        return appender.appendUnfragmented(SESSION_ID, STREAM_ID, payload, 0, PAYLOAD_LENGTH, null);
    }

    /**
     * Reads the data frames from an offset on and checks each one.
     *
     * @return the fragments read in the upper half, how many of them were whole frames of this session in
     * the lower half; see {@link #read(int)} for the details of a check.
     */
    long readAll(final int termOffset)
    {
        final int[] whole = new int[1];
        final FragmentHandler check = (buffer, offset, length, h) ->
        {
            if (length == PAYLOAD_LENGTH && h.sessionId() == SESSION_ID && h.streamId() == STREAM_ID &&
                h.type() == FrameType.DATA && h.flags() == FrameHeader.UNFRAGMENTED &&
                buffer.getLong(offset) == buffer.getLong(offset + 8) && buffer.getLong(offset) != 0)
            {
                whole[0]++;
            }
        };
        final long outcome = TermReader.read(term, termOffset, check, 16, header);
        return ((long)TermReader.fragments(outcome) << 32) | whole[0];
    }

    /**
     * Reads at most one frame at an offset.
     *
     * @return -1 if no frame was complete, 0 if a frame was read but its header or payload was wrong,
     * else the payload's value.
     */
    long read(final int termOffset)
    {
        final long[] seen = {-1};
        final FragmentHandler check = (buffer, offset, length, h) ->
        {
            final long first = buffer.getLong(offset);
            final boolean whole = length == PAYLOAD_LENGTH && h.sessionId() == SESSION_ID &&
                h.streamId() == STREAM_ID && h.termOffset() == termOffset && first == buffer.getLong(offset + 8);
            seen[0] = whole ? first : 0;
        };
        TermReader.read(term, termOffset, check, 1, header);
        return seen[0];
    }
}
