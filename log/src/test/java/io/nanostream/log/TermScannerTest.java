package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TermScannerTest
{
    private static final int TERM_LENGTH = 64 * 1024;

    private final LogBuffers log = LogBuffers.inMemory(AtomicBuffer.allocateHeap(3 * TERM_LENGTH +
        LogLayout.METADATA_LENGTH), TERM_LENGTH, 1408, 0, 1, 2);
    private final TermAppender appender = new TermAppender(log.term(0), log.metadata(), 0);
    private final AtomicBuffer payload = AtomicBuffer.allocateHeap(2048);

    @Test
    void takesWholeFramesUpToTheLimitAndStopsAtAnIncompleteOne()
    {
        for (int i = 0; i < 4; i++)
        {
            appender.appendUnfragmented(1, 2, payload, 0, 32, null); // 64-byte frames
        }
        appender.claim(1, 2, 32, new BufferClaim()); // at 256, never committed
        final AtomicBuffer term = log.term(0);

        assertThat(TermScanner.length(TermScanner.scan(term, 0, 1408))).as("up to the incomplete frame").isEqualTo(256);
        assertThat(TermScanner.length(TermScanner.scan(term, 0, 200))).as("whole frames only").isEqualTo(192);
        assertThat(TermScanner.length(TermScanner.scan(term, 0, 63))).as("the first frame does not fit").isZero();
        assertThat(TermScanner.scan(term, 256, 1408)).as("incomplete").isZero();
        assertThat(TermScanner.isPadding(TermScanner.scan(term, 0, 1408))).isFalse();
    }

    @Test
    void aPaddingFrameGoesAloneWithItsWholeLength()
    {
        final int nearEnd = TERM_LENGTH - 128;
        log.metadata().putLong(LogLayout.tailCounterOffset(0),
            nearEnd); // the term is filled up to 128 bytes before its end
        appender.appendUnfragmented(1, 2, payload, 0, 32, null);         // 64 bytes at nearEnd
        appender.appendUnfragmented(1, 2, payload, 0, 2048, null);       // does not fit: pads the rest of the term
        final AtomicBuffer term = log.term(0);

        assertThat(TermScanner.length(TermScanner.scan(term, nearEnd,
            1408))).as("the data frame, not the padding after it").isEqualTo(64);
        final long padding = TermScanner.scan(term, nearEnd + 64, 1408);
        assertThat(TermScanner.isPadding(padding)).isTrue();
        assertThat(TermScanner.length(padding)).isEqualTo(64);
    }

    @Test
    void aFrameLengthPastTheTermIsNotAFrame()
    {
        appender.appendUnfragmented(1, 2, payload, 0, 32, null);
        final AtomicBuffer term = log.term(0);
        for (final int garbage : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 31, TERM_LENGTH - 64 + 1})
        {
            term.putInt(64, garbage); // a length written into shared memory by a broken or hostile client
            assertThat(TermScanner.scan(term, 64, 1408)).as("length %d at 64", garbage).isZero();
            assertThat(TermScanner.scan(term, 0, 1408)).as("the good frame before it").isEqualTo(64);
            term.putShort(64 + FrameHeader.TYPE_OFFSET, (short)FrameType.PAD);
            assertThat(TermScanner.scan(term, 64, 1408)).as("padding of length %d", garbage).isZero();
            term.putShort(64 + FrameHeader.TYPE_OFFSET, (short)FrameType.DATA);
        }
    }
}
