package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import static io.nanostream.buffer.BroadcastDescriptor.ALIGNMENT;
import static io.nanostream.buffer.BroadcastDescriptor.HEADER_LENGTH;
import static io.nanostream.buffer.BroadcastDescriptor.LATEST_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.LENGTH_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.PADDING_TYPE;
import static io.nanostream.buffer.BroadcastDescriptor.TAIL_INTENT_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.TAIL_OFFSET;
import static io.nanostream.buffer.BroadcastDescriptor.TRAILER_LENGTH;
import static io.nanostream.buffer.BroadcastDescriptor.TYPE_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The broadcast buffer's diagram adds up, and the transmitter writes where the diagram says. */
class BroadcastDescriptorTest
{
    private static final int CAPACITY = 1024;

    @Test
    void theRecordHeaderIsLengthThenTypeAndKeepsTheAlignment()
    {
        assertThat(TYPE_OFFSET).isEqualTo(LENGTH_OFFSET + Integer.BYTES);
        assertThat(HEADER_LENGTH).isEqualTo(TYPE_OFFSET + Integer.BYTES);
        assertThat(Integer.bitCount(ALIGNMENT)).isOne();
        assertThat(HEADER_LENGTH % ALIGNMENT).isZero();
        assertThat(new int[] {BroadcastDescriptor.lengthOffset(16), BroadcastDescriptor.typeOffset(16),
            BroadcastDescriptor.payloadOffset(16)}).containsExactly(16, 20, 24);
        assertThat(new int[] {BroadcastDescriptor.align(1), BroadcastDescriptor.align(8), BroadcastDescriptor.align(9)})
            .containsExactly(8, 8, 16);
    }

    @Test
    void theTrailerHoldsThreeLongsInOrder()
    {
        assertThat(TAIL_OFFSET).isEqualTo(TAIL_INTENT_OFFSET + Long.BYTES);
        assertThat(LATEST_OFFSET).isEqualTo(TAIL_OFFSET + Long.BYTES);
        assertThat(LATEST_OFFSET + Long.BYTES).isLessThanOrEqualTo(TRAILER_LENGTH);
        assertThat(TRAILER_LENGTH).isEqualTo(128);
    }

    @Test
    void theCapacityIsCheckedAndAnEighthOfItIsTheLongestMessage()
    {
        assertThat(BroadcastDescriptor.checkCapacity(CAPACITY + TRAILER_LENGTH)).isEqualTo(CAPACITY);
        assertThatThrownBy(() -> BroadcastDescriptor.checkCapacity(1000 +
            TRAILER_LENGTH)).hasMessageContaining("power of two");
        assertThat(BroadcastDescriptor.maxMessageLength(CAPACITY)).isEqualTo(128);
        assertThat(new BroadcastTransmitter(AtomicBuffer.allocateHeap(CAPACITY +
            TRAILER_LENGTH)).maxMessageLength()).isEqualTo(128);
    }

    @Test
    void theTransmitterWritesRecordsAndTrailerWhereTheDiagramSays()
    {
        final AtomicBuffer memory = AtomicBuffer.allocateHeap(CAPACITY + TRAILER_LENGTH);
        final BroadcastTransmitter transmitter = new BroadcastTransmitter(memory);
        final AtomicBuffer message = AtomicBuffer.allocateHeap(128);
        message.putInt(0, 42);
        transmitter.transmit(3, message, 0, 4);
        assertThat(memory.getInt(LENGTH_OFFSET)).isEqualTo(HEADER_LENGTH + 4);
        assertThat(memory.getInt(TYPE_OFFSET)).isEqualTo(3);
        assertThat(memory.getInt(HEADER_LENGTH)).isEqualTo(42);
        assertThat(memory.getLong(CAPACITY + TAIL_INTENT_OFFSET)).isEqualTo(16);
        assertThat(memory.getLong(CAPACITY + TAIL_OFFSET)).isEqualTo(16);
        assertThat(memory.getLong(CAPACITY + LATEST_OFFSET)).isZero();

        // 16-byte records up to 16 bytes before the wrap; a 112-byte one pads those and starts again at 0
        while (memory.getLong(CAPACITY + TAIL_OFFSET) < CAPACITY - 16)
        {
            transmitter.transmit(1, message, 0, 8);
        }
        transmitter.transmit(2, message, 0, 100);
        assertThat(memory.getInt(CAPACITY - 16 + LENGTH_OFFSET)).isEqualTo(16);
        assertThat(memory.getInt(CAPACITY - 16 + TYPE_OFFSET)).isEqualTo(PADDING_TYPE);
        assertThat(memory.getInt(LENGTH_OFFSET)).isEqualTo(HEADER_LENGTH + 100);
        assertThat(memory.getInt(TYPE_OFFSET)).isEqualTo(2);
        assertThat(memory.getLong(CAPACITY + LATEST_OFFSET)).isEqualTo(CAPACITY);
        assertThat(memory.getLong(CAPACITY + TAIL_OFFSET)).isEqualTo(CAPACITY + 112);
        assertThat(memory.getLong(CAPACITY + TAIL_INTENT_OFFSET)).isEqualTo(CAPACITY + 112);
    }
}
