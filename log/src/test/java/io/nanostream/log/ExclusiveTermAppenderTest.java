package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExclusiveTermAppenderTest
{
    private static final int TERM_LENGTH = 64 * 1024;

    @Test
    void appendsFragmentsClaimsAndPadsForOneWriter()
    {
        final LogBuffers log = LogBuffers.inMemory(AtomicBuffer.allocateHeap(3 * TERM_LENGTH + 4096), TERM_LENGTH, 1408, 5, 1, 2);
        final ExclusiveTermAppender appender = new ExclusiveTermAppender(log.term(0), log.metadata(), 0);
        final AtomicBuffer source = AtomicBuffer.allocateHeap(8192);
        for (int i = 0; i < 8192; i++)
        {
            source.putByte(i, (byte)i);
        }
        int offset = appender.appendUnfragmented(5, 0, 1, 2, source, 0, 100, null);
        assertThat(offset).isEqualTo(160);
        assertThat(log.metadata().getLongAcquire(LogLayout.tailCounterOffset(0))).isEqualTo(LogLayout.packTail(5, 160));
        offset = appender.appendFragmented(5, offset, 1, 2, source, 0, 3000, 1376, null);
        final BufferClaim claim = new BufferClaim();
        offset = appender.claim(5, offset, 1, 2, 8, claim);
        claim.buffer().putLong(claim.offset(), 99);
        claim.commit();

        final List<Integer> lengths = new ArrayList<>();
        final FragmentAssembler assembler = new FragmentAssembler((buffer, o, length, h) -> lengths.add(length));
        final long outcome = TermReader.read(log.term(0), 0, assembler, 100, new Header(5, 16));
        assertThat(lengths).containsExactly(100, 3000, 8);
        assertThat(TermReader.offset(outcome)).isEqualTo(offset);

        while (offset != ExclusiveTermAppender.TERM_FULL)
        {
            offset = appender.appendUnfragmented(5, offset, 1, 2, source, 0, 1000, null);
        }
        assertThat(LogLayout.termOffset(log.metadata().getLongAcquire(LogLayout.tailCounterOffset(0)), TERM_LENGTH)).isEqualTo(TERM_LENGTH);
        final long all = TermReader.read(log.term(0), 0, (buffer, o, length, h) -> { }, Integer.MAX_VALUE, new Header(5, 16));
        assertThat(TermReader.offset(all)).as("padded to the end").isEqualTo(TERM_LENGTH);
    }
}
