package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import static io.nanostream.buffer.CountersDescriptor.FREE_FOR_REUSE_DEADLINE_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.KEY_LENGTH;
import static io.nanostream.buffer.CountersDescriptor.KEY_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.LABEL_LENGTH_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.LABEL_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.MAX_LABEL_LENGTH;
import static io.nanostream.buffer.CountersDescriptor.METADATA_LENGTH;
import static io.nanostream.buffer.CountersDescriptor.OWNER_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.REGISTRATION_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.SESSION_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.STATE_ALLOCATED;
import static io.nanostream.buffer.CountersDescriptor.STATE_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.STATE_RECLAIMED;
import static io.nanostream.buffer.CountersDescriptor.STREAM_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.TYPE_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.VALUE_LENGTH;
import static io.nanostream.buffer.CountersDescriptor.VALUE_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.VALUE_REGISTRATION_ID_OFFSET;
import static io.nanostream.buffer.CountersDescriptor.metadataOffset;
import static io.nanostream.buffer.CountersDescriptor.valueOffset;
import static org.assertj.core.api.Assertions.assertThat;

/** The counters' diagrams add up, and allocation writes where they say. */
class CountersDescriptorTest
{
    @Test
    void theMetadataFieldsFollowOneAnotherAndTheLabelFillsTheRecord()
    {
        assertThat(TYPE_ID_OFFSET).isEqualTo(STATE_OFFSET + Integer.BYTES);
        assertThat(FREE_FOR_REUSE_DEADLINE_OFFSET).isEqualTo(TYPE_ID_OFFSET + Integer.BYTES);
        assertThat(KEY_OFFSET).isEqualTo(FREE_FOR_REUSE_DEADLINE_OFFSET + Long.BYTES);
        assertThat(REGISTRATION_ID_OFFSET).isEqualTo(KEY_OFFSET);
        assertThat(SESSION_ID_OFFSET).isEqualTo(REGISTRATION_ID_OFFSET + Long.BYTES);
        assertThat(STREAM_ID_OFFSET).isEqualTo(SESSION_ID_OFFSET + Integer.BYTES);
        assertThat(OWNER_ID_OFFSET).isEqualTo(STREAM_ID_OFFSET + Integer.BYTES);
        assertThat(OWNER_ID_OFFSET + Long.BYTES).isLessThanOrEqualTo(KEY_OFFSET + KEY_LENGTH);
        assertThat(LABEL_LENGTH_OFFSET).isEqualTo(KEY_OFFSET + KEY_LENGTH).isEqualTo(128);
        assertThat(LABEL_OFFSET).isEqualTo(LABEL_LENGTH_OFFSET + Integer.BYTES);
        assertThat(LABEL_OFFSET + MAX_LABEL_LENGTH).isEqualTo(METADATA_LENGTH);
        assertThat(MAX_LABEL_LENGTH).isEqualTo(380);
        assertThat(FREE_FOR_REUSE_DEADLINE_OFFSET % Long.BYTES).as("an aligned long").isZero();
        assertThat(REGISTRATION_ID_OFFSET % Long.BYTES).as("an aligned long").isZero();
        assertThat(OWNER_ID_OFFSET % Long.BYTES).as("an aligned long").isZero();
    }

    @Test
    void aValueRecordIsACacheLinePairWithTheValueFirst()
    {
        assertThat(VALUE_LENGTH).isEqualTo(128);
        assertThat(VALUE_OFFSET).isZero();
        assertThat(VALUE_REGISTRATION_ID_OFFSET).isEqualTo(VALUE_OFFSET + Long.BYTES);
        assertThat(VALUE_REGISTRATION_ID_OFFSET + Long.BYTES).isLessThanOrEqualTo(VALUE_LENGTH);
        assertThat(new int[] {valueOffset(0), valueOffset(3), metadataOffset(0), metadataOffset(3)})
            .containsExactly(0, 3 * 128, 0, 3 * 512);
        assertThat(CountersDescriptor.counterCount(4L * METADATA_LENGTH, 3L * VALUE_LENGTH)).isEqualTo(3);
        assertThat(CountersDescriptor.counterCount(2L * METADATA_LENGTH, 5L * VALUE_LENGTH)).isEqualTo(2);
    }

    @Test
    void allocationAndFreeingWriteWhereTheDiagramSays()
    {
        final AtomicBuffer metadata = AtomicBuffer.allocateHeap(4 * METADATA_LENGTH);
        final AtomicBuffer values = AtomicBuffer.allocateHeap(4 * VALUE_LENGTH);
        final CounterSet counters = new CounterSet(metadata, values, 1_000);
        counters.allocate(1, 1L, 0, 0, 0L, "first", 0);
        final int id = counters.allocate(9, 77L, 5, 6, 88L, "sub-pos", 0);
        final int record = metadataOffset(id);
        assertThat(record).isEqualTo(METADATA_LENGTH);
        assertThat(metadata.getInt(record + STATE_OFFSET)).isEqualTo(STATE_ALLOCATED);
        assertThat(metadata.getInt(record + TYPE_ID_OFFSET)).isEqualTo(9);
        assertThat(metadata.getLong(record + REGISTRATION_ID_OFFSET)).isEqualTo(77L);
        assertThat(metadata.getInt(record + SESSION_ID_OFFSET)).isEqualTo(5);
        assertThat(metadata.getInt(record + STREAM_ID_OFFSET)).isEqualTo(6);
        assertThat(metadata.getLong(record + OWNER_ID_OFFSET)).isEqualTo(88L);
        assertThat(metadata.getInt(record + LABEL_LENGTH_OFFSET)).isEqualTo(7);
        assertThat(metadata.getByte(record + LABEL_OFFSET)).isEqualTo((byte)'s');
        assertThat(values.getLong(valueOffset(id) + VALUE_REGISTRATION_ID_OFFSET)).isEqualTo(77L);
        counters.set(id, 4096);
        assertThat(values.getLong(valueOffset(id) + VALUE_OFFSET)).isEqualTo(4096);
        counters.free(id, 500);
        assertThat(metadata.getInt(record + STATE_OFFSET)).isEqualTo(STATE_RECLAIMED);
        assertThat(metadata.getLong(record + FREE_FOR_REUSE_DEADLINE_OFFSET)).isEqualTo(1_500);
    }
}
