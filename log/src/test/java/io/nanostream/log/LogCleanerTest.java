package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogCleanerTest
{
    private static final int TERM_LENGTH = 64 * 1024;

    @Test
    void cleansOnlyWhatItHasNotCleanedAndNothingPastThePosition()
    {
        final LogBuffers log = LogBuffers.inMemory(AtomicBuffer.allocateHeap(3 * TERM_LENGTH +
            LogLayout.METADATA_LENGTH), TERM_LENGTH, 1408, 0, 1, 2);
        final AtomicBuffer term = log.term(0);
        term.fill((byte)7);
        final LogCleaner cleaner = new LogCleaner(log, 1024);

        assertThat(cleaner.cleanTo(4096, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(term.getByte(1023)).as("before the start: taken as clean, left alone").isEqualTo((byte)7);
        assertThat(term.getByte(1024)).isZero();
        assertThat(term.getByte(4095)).isZero();
        assertThat(term.getByte(4096)).as("not past the position").isEqualTo((byte)7);

        term.putByte(2000, (byte)9);
        assertThat(cleaner.cleanTo(4096, Long.MAX_VALUE)).as("already clean that far").isZero();
        assertThat(cleaner.cleanTo(2048, Long.MAX_VALUE)).isZero();
        assertThat(term.getByte(2000)).isEqualTo((byte)9);
        assertThat(cleaner.cleanPosition()).isEqualTo(4096);
    }

    @Test
    void aPositionReadFromSharedMemoryCannotMakeItCleanMoreThanATermAtATimeNorPastTheLimit()
    {
        final LogBuffers log = LogBuffers.inMemory(AtomicBuffer.allocateHeap(3 * TERM_LENGTH +
            LogLayout.METADATA_LENGTH), TERM_LENGTH, 1408, 0, 1, 2);
        final LogCleaner cleaner = new LogCleaner(log, 0);
        final long producer = 5L * TERM_LENGTH + 64;

        assertThat(cleaner.cleanTo(Long.MAX_VALUE, producer)).isEqualTo(1);
        assertThat(cleaner.cleanPosition()).as("one term per call").isEqualTo(TERM_LENGTH);
        for (int i = 0; i < 10; i++)
        {
            cleaner.cleanTo(Long.MAX_VALUE - i, producer);
        }
        assertThat(cleaner.cleanPosition()).as("never past the limit, however far the position says").isEqualTo(producer);
        assertThat(cleaner.cleanTo(Long.MAX_VALUE, producer)).isZero();
        assertThat(cleaner.cleanTo(Long.MIN_VALUE, producer)).as("never backwards").isZero();
        assertThat(cleaner.cleanPosition()).isEqualTo(producer);
    }
}
