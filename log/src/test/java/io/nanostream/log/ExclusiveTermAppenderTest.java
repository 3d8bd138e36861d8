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
        final LogBuffers log = LogBuffers.inMemory(AtomicBuffer.allocateHeap(3 * TERM_LENGTH + 4096), TERM_LENGTH, 1408,
            5, 1, 2);
        final ExclusiveTermAppender appender = new ExclusiveTermAppender(log.term(0), log.metadata(), 0, 1,
            2).termId(5);
        final AtomicBuffer source = AtomicBuffer.allocateHeap(8192);
        for (int i = 0; i < 8192; i++)
        {
            source.putByte(i, (byte)i);
        }
        int offset = appender.appendUnfragmented(0, source, 0, 100, null);
        assertThat(offset).isEqualTo(160);
        assertThat(log.metadata().getLongAcquire(LogLayout.tailCounterOffset(0))).isEqualTo(LogLayout.packTail(5, 160));
        offset = appender.appendFragmented(offset, source, 0, 3000, 1376, null);
        final BufferClaim claim = new BufferClaim();
        offset = appender.claim(offset, 8, claim);
        claim.buffer().putLong(claim.offset(), 99);
        claim.commit();

        final List<Integer> lengths = new ArrayList<>();
        final FragmentAssembler assembler = new FragmentAssembler((buffer, o, length, h) -> lengths.add(length));
        final long outcome = TermReader.read(log.term(0), 0, assembler, 100, new Header(5, 16));
        assertThat(lengths).containsExactly(100, 3000, 8);
        assertThat(TermReader.offset(outcome)).isEqualTo(offset);

        while (offset != ExclusiveTermAppender.TERM_FULL)
        {
            offset = appender.appendUnfragmented(offset, source, 0, 1000, null);
        }
        assertThat(LogLayout.termOffset(log.metadata().getLongAcquire(LogLayout.tailCounterOffset(0)),
            TERM_LENGTH)).isEqualTo(TERM_LENGTH);
        final long all = TermReader.read(log.term(0), 0, (buffer, o, length, h) -> { }, Integer.MAX_VALUE,
            new Header(5, 16));
        assertThat(TermReader.offset(all)).as("padded to the end").isEqualTo(TERM_LENGTH);
    }

    @Test
    void aReservedValueSupplierSeesTheWholeUnfinishedFrameAndItsValueReachesTheReader()
    {
        final LogBuffers log = LogBuffers.inMemory(AtomicBuffer.allocateDirect(3 * TERM_LENGTH + 4096), TERM_LENGTH,
            1408, 5, 1, 2);
        final ExclusiveTermAppender appender = new ExclusiveTermAppender(log.term(0), log.metadata(), 0, 1,
            2).termId(5);
        final AtomicBuffer source = AtomicBuffer.allocateDirect(4096);
        source.setMemory(0, 4096, (byte)7);
        final List<String> seen = new ArrayList<>();
        final ReservedValueSupplier checksum = (term, frameOffset, frameLength) ->
        {
            seen.add(term.getInt(frameOffset) + "/" + term.getInt(frameOffset + FrameHeader.SESSION_ID_OFFSET) + "/" +
                term.getInt(frameOffset + FrameHeader.STREAM_ID_OFFSET) + "/" + term.getInt(frameOffset +
                FrameHeader.TERM_ID_OFFSET) + "/" + term.getByte(frameOffset + FrameHeader.LENGTH +
                frameLength - FrameHeader.LENGTH - 1));
            return 1000L + frameOffset;
        };
        int offset = appender.appendUnfragmented(0, source, 0, 40, checksum);
        offset = appender.appendFragmented(offset, source, 0, 3000, 1376, checksum);
        assertThat(seen).as("negative length until complete, header and payload already there")
            .containsExactly("-72/1/2/5/7", "-1408/1/2/5/7", "-1408/1/2/5/7", "-280/1/2/5/7");

        final List<Long> reserved = new ArrayList<>();
        final long outcome = TermReader.read(log.term(0), 0,
            (buffer, o, length, header) -> reserved.add(header.reservedValue()), 10, new Header(5, 16));
        assertThat(TermReader.offset(outcome)).isEqualTo(offset);
        assertThat(reserved).containsExactly(1000L, 1096L, 2504L, 3912L);
    }
}
