package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.nanostream.buffer.MessageRingDescriptor.ALIGNMENT;
import static io.nanostream.buffer.MessageRingDescriptor.CONSUMER_HEARTBEAT_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.CORRELATION_COUNTER_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.HEADER_LENGTH;
import static io.nanostream.buffer.MessageRingDescriptor.HEAD_CACHE_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.HEAD_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.LENGTH_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.PADDING_TYPE;
import static io.nanostream.buffer.MessageRingDescriptor.TAIL_OFFSET;
import static io.nanostream.buffer.MessageRingDescriptor.TRAILER_LENGTH;
import static io.nanostream.buffer.MessageRingDescriptor.TYPE_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command ring's diagram adds up, and the ring writes where the diagram says. */
class MessageRingDescriptorTest
{
    private static final int CAPACITY = 1024;

    @Test
    void theRecordHeaderIsLengthThenTypeInOneAlignedWord()
    {
        assertThat(TYPE_OFFSET).isEqualTo(LENGTH_OFFSET + Integer.BYTES);
        assertThat(HEADER_LENGTH).isEqualTo(TYPE_OFFSET + Integer.BYTES).isEqualTo(Long.BYTES);
        assertThat(Integer.bitCount(ALIGNMENT)).isOne();
        assertThat(HEADER_LENGTH % ALIGNMENT).isZero();
        final AtomicBuffer buffer = AtomicBuffer.allocateHeap(64);
        buffer.putLong(16, MessageRingDescriptor.header(-24, 5));
        assertThat(buffer.getInt(MessageRingDescriptor.lengthOffset(16))).isEqualTo(-24);
        assertThat(buffer.getInt(MessageRingDescriptor.typeOffset(16))).isEqualTo(5);
        assertThat(MessageRingDescriptor.payloadOffset(16)).isEqualTo(16 + HEADER_LENGTH);
        assertThat(new int[] {MessageRingDescriptor.align(0), MessageRingDescriptor.align(1),
            MessageRingDescriptor.align(8), MessageRingDescriptor.align(9)}).containsExactly(0, 8, 8, 16);
    }

    @Test
    void eachTrailerCounterSitsOnA128ByteLineOfItsOwn()
    {
        final List<Integer> fields = List.of(TAIL_OFFSET, HEAD_CACHE_OFFSET, HEAD_OFFSET, CORRELATION_COUNTER_OFFSET,
            CONSUMER_HEARTBEAT_OFFSET);
        for (int i = 0; i < fields.size(); i++)
        {
            assertThat(fields.get(i)).as("field %d", i).isEqualTo(i * 128);
            assertThat(fields.get(i) + Long.BYTES).isLessThanOrEqualTo(TRAILER_LENGTH);
        }
        assertThat(TRAILER_LENGTH).isEqualTo(5 * 128);
    }

    @Test
    void theCapacityIsCheckedAndAnEighthOfItIsTheLongestMessage()
    {
        assertThat(MessageRingDescriptor.checkCapacity(CAPACITY + TRAILER_LENGTH)).isEqualTo(CAPACITY);
        assertThatThrownBy(() -> MessageRingDescriptor.checkCapacity(1000 +
            TRAILER_LENGTH)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> MessageRingDescriptor.checkCapacity(512 +
            TRAILER_LENGTH)).hasMessageContaining("from 1 KiB");
        assertThat(MessageRingDescriptor.maxMessageLength(CAPACITY)).isEqualTo(128);
        assertThat(new MessageRing(AtomicBuffer.allocateHeap(CAPACITY +
            TRAILER_LENGTH)).maxMessageLength()).isEqualTo(128);
    }

    @Test
    void theRingWritesRecordsAndTrailerWhereTheDiagramSays()
    {
        final AtomicBuffer memory = AtomicBuffer.allocateHeap(CAPACITY + TRAILER_LENGTH);
        final MessageRing ring = new MessageRing(memory);
        final AtomicBuffer source = AtomicBuffer.allocateHeap(CAPACITY);
        source.putInt(0, 42);
        assertThat(ring.write(7, source, 0, 4)).isTrue();
        assertThat(memory.getInt(LENGTH_OFFSET)).isEqualTo(HEADER_LENGTH + 4);
        assertThat(memory.getInt(TYPE_OFFSET)).isEqualTo(7);
        assertThat(memory.getInt(HEADER_LENGTH)).isEqualTo(42);
        assertThat(memory.getLong(CAPACITY + TAIL_OFFSET)).isEqualTo(16);
        assertThat(ring.nextCorrelationId()).isEqualTo(memory.getLong(CAPACITY + CORRELATION_COUNTER_OFFSET));
        ring.consumerHeartbeat(12_345);
        assertThat(memory.getLong(CAPACITY + CONSUMER_HEARTBEAT_OFFSET)).isEqualTo(12_345);
        ring.read((type, buffer, offset, length) -> { }, 10);
        assertThat(memory.getLong(CAPACITY + HEAD_OFFSET)).isEqualTo(16);

        // 16 bytes left before the wrap: a 24-byte record pads them and starts again at 0
        while (ring.producerPosition() < CAPACITY - 16)
        {
            assertThat(ring.write(1, source, 0, 8)).isTrue();
            ring.read((type, buffer, offset, length) -> { }, 10);
        }
        assertThat(ring.write(2, source, 0, 16)).isTrue();
        assertThat(memory.getInt(CAPACITY - 16 + LENGTH_OFFSET)).isEqualTo(16);
        assertThat(memory.getInt(CAPACITY - 16 + TYPE_OFFSET)).isEqualTo(PADDING_TYPE);
        assertThat(memory.getInt(LENGTH_OFFSET)).isEqualTo(HEADER_LENGTH + 16);
        assertThat(memory.getInt(TYPE_OFFSET)).isEqualTo(2);
        assertThat(memory.getLong(CAPACITY + TAIL_OFFSET)).isEqualTo(CAPACITY + 24);
    }
}
