package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.nanostream.buffer.ErrorLogDescriptor.ALIGNMENT;
import static io.nanostream.buffer.ErrorLogDescriptor.FIRST_OBSERVATION_TIMESTAMP_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.HEADER_LENGTH;
import static io.nanostream.buffer.ErrorLogDescriptor.LAST_OBSERVATION_TIMESTAMP_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.LENGTH_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.OBSERVATION_COUNT_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.TEXT_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;

/** The error log's diagram adds up, and the log writes records where it says. */
class ErrorLogDescriptorTest
{
    @Test
    void theHeaderFieldsFollowOneAnotherWithTheLongsAligned()
    {
        assertThat(OBSERVATION_COUNT_OFFSET).isEqualTo(LENGTH_OFFSET + Integer.BYTES);
        assertThat(LAST_OBSERVATION_TIMESTAMP_OFFSET).isEqualTo(OBSERVATION_COUNT_OFFSET + Integer.BYTES);
        assertThat(FIRST_OBSERVATION_TIMESTAMP_OFFSET).isEqualTo(LAST_OBSERVATION_TIMESTAMP_OFFSET + Long.BYTES);
        assertThat(TEXT_OFFSET).isEqualTo(FIRST_OBSERVATION_TIMESTAMP_OFFSET + Long.BYTES).isEqualTo(HEADER_LENGTH);
        assertThat(LAST_OBSERVATION_TIMESTAMP_OFFSET % Long.BYTES).isZero();
        assertThat(FIRST_OBSERVATION_TIMESTAMP_OFFSET % Long.BYTES).isZero();
        assertThat(ALIGNMENT % Long.BYTES).as("records keep their longs aligned").isZero();
        assertThat(new int[] {ErrorLogDescriptor.align(25), ErrorLogDescriptor.align(32)}).containsExactly(32, 32);
    }

    @Test
    void recordsLieWhereTheDiagramSaysOneAfterAnother()
    {
        final AtomicBuffer memory = AtomicBuffer.allocateHeap(64 * 1024);
        final long[] now = {1_000};
        final DistinctErrorLog log = new DistinctErrorLog(memory, () -> now[0]);
        final IllegalStateException first = new IllegalStateException("disk full");
        log.record(first);
        now[0] = 2_000;
        log.record(first);
        log.record(new IllegalArgumentException("bad channel"));

        final int length = memory.getInt(LENGTH_OFFSET);
        assertThat(memory.getInt(OBSERVATION_COUNT_OFFSET)).isEqualTo(2);
        assertThat(memory.getLong(FIRST_OBSERVATION_TIMESTAMP_OFFSET)).isEqualTo(1_000);
        assertThat(memory.getLong(LAST_OBSERVATION_TIMESTAMP_OFFSET)).isEqualTo(2_000);
        final byte[] text = new byte[length - HEADER_LENGTH];
        memory.getBytes(TEXT_OFFSET, text, 0, text.length);
        assertThat(new String(text, StandardCharsets.UTF_8)).startsWith("java.lang.IllegalStateException: disk full");

        final int second = ErrorLogDescriptor.align(length);
        assertThat(memory.getInt(second + OBSERVATION_COUNT_OFFSET)).isEqualTo(1);
        assertThat(memory.getLong(second + FIRST_OBSERVATION_TIMESTAMP_OFFSET)).isEqualTo(2_000);
        assertThat(memory.getInt(second + ErrorLogDescriptor.align(memory.getInt(second + LENGTH_OFFSET)) +
            LENGTH_OFFSET))
            .as("no third record").isZero();
    }
}
