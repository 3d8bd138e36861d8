package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A frame a dead publisher claimed becomes padding of the right length, and nothing else is touched. */
class TermUnblockerTest
{
    private static final int TERM_LENGTH = 64 * 1024;
    private static final int SESSION = 42;
    private static final int STREAM = 7;
    private static final int INITIAL_TERM_ID = 1000;

    private final LogBuffers log = LogBuffers.inMemory(AtomicBuffer.allocateHeap(3 * TERM_LENGTH +
        LogLayout.METADATA_LENGTH), TERM_LENGTH, 1408, INITIAL_TERM_ID, SESSION, STREAM);
    private final TermAppender appender = new TermAppender(log.term(0), log.metadata(), 0);
    private final AtomicBuffer payload = AtomicBuffer.allocateHeap(256);
    private final AtomicBuffer term = log.term(0);

    private int append(final int length)
    {
        return appender.appendUnfragmented(SESSION, STREAM, payload, 0, length, null);
    }

    /** Reads the term from 0 and lists each frame as type@offset+length. */
    private List<String> frames()
    {
        final List<String> frames = new ArrayList<>();
        int offset = 0;
        int length;
        while (offset < TERM_LENGTH && (length = FrameHeader.frameLengthAcquire(term, offset)) > 0)
        {
            frames.add(FrameType.name(FrameHeader.type(term, offset)) + "@" + offset + "+" + length);
            offset += FrameHeader.align(length);
        }
        return frames;
    }

    @Test
    void aClaimedFrameWhoseWriterDiedIsPaddedToItsOwnLength()
    {
        append(32); // 64-byte frame at 0
        final BufferClaim claim = new BufferClaim();
        appender.claim(SESSION, STREAM, 100, claim); // 160-byte frame at 64, never committed
        append(32); // at 224, complete, behind the dead claim
        assertThat(frames()).containsExactly("data@0+64");

        assertThat(TermUnblocker.unblock(log, 64, appender.rawTailVolatile() & 0xFFFF_FFFFL)).isTrue();

        assertThat(frames()).containsExactly("data@0+64", "pad@64+160", "data@224+64");
        assertThat(term.getInt(64 + FrameHeader.SESSION_ID_OFFSET)).isEqualTo(SESSION);
        assertThat(term.getInt(64 + FrameHeader.TERM_ID_OFFSET)).isEqualTo(INITIAL_TERM_ID);
    }

    @Test
    void aClaimWithNothingWrittenIsPaddedUpToTheNextFrame()
    {
        append(32);
        appender.claim(SESSION, STREAM, 100, new BufferClaim());
        term.putInt(64, 0); // the writer died between claiming the space and writing the first word
        append(32);

        assertThat(TermUnblocker.unblock(log, 64, 288)).isTrue();

        assertThat(frames()).containsExactly("data@0+64", "pad@64+160", "data@224+64");
    }

    @Test
    void aClaimAtTheEndOfTheTermIsPaddedToTheEndWhenTheProducerHasMovedOn()
    {
        final int lastFrame = TERM_LENGTH - 128;
        final long producerInNextTerm = TERM_LENGTH + 64;

        assertThat(TermUnblocker.unblock(log, lastFrame, producerInNextTerm)).isTrue();

        assertThat(FrameHeader.frameLengthAcquire(term, lastFrame)).isEqualTo(128);
        assertThat(FrameHeader.type(term, lastFrame)).isEqualTo(FrameType.PAD);
    }

    @Test
    void aTornLengthPastWhatWasClaimedIsNotTrusted()
    {
        append(32);
        appender.claim(SESSION, STREAM, 0, new BufferClaim()); // a 32-byte frame at 64, never committed
        term.putInt(64, -(TERM_LENGTH * 2));                   // and its length torn: longer than the term
        append(32);                                            // lands at 96: the producer is at 160

        assertThat(TermUnblocker.unblock(log, 64, 160)).isTrue();

        assertThat(FrameHeader.frameLengthAcquire(term,
            64)).as("padded up to the next frame, not past the term").isEqualTo(32);
        term.putInt(64, Integer.MIN_VALUE); // negating it overflows
        assertThat(TermUnblocker.unblock(log, 64, 160)).isTrue();
        assertThat(FrameHeader.frameLengthAcquire(term, 64)).isEqualTo(32);
    }

    @Test
    void aCompleteFrameOrAProducerBehindIsLeftAlone()
    {
        append(32);
        assertThat(TermUnblocker.unblock(log, 0, 64)).as("the frame is complete").isFalse();
        assertThat(TermUnblocker.unblock(log, 64, 64)).as("nothing claimed past the reader").isFalse();
        assertThat(frames()).containsExactly("data@0+64");
    }
}
