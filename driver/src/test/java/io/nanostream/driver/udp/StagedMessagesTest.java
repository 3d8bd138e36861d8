package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.natives.net.NativeUdpSocket;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which datagrams may share a segmented message: the kernel cuts a message into equal
 * datagrams, the last maybe shorter.
 */
class StagedMessagesTest
{
    private final AtomicBuffer term = AtomicBuffer.allocateHeap(1 << 20);
    private final AtomicBuffer otherTerm = AtomicBuffer.allocateHeap(1 << 20);
    private final ByteBuffer bytes = ByteBuffer.allocate(0);

    @Test
    void runsOfEqualContiguousDatagramsShareAMessageAndAShorterOneEndsIt()
    {
        final StagedMessages staged = new StagedMessages(4, true);
        assertThat(staged.add(term, bytes, 0, 1408)).isZero();
        assertThat(staged.canAppend(term, 1408, 1408)).isTrue();
        assertThat(staged.append(1408)).isZero();
        assertThat(staged.canAppend(term, 2816, 1500)).as("longer than the run's datagrams").isFalse();
        assertThat(staged.canAppend(term, 2817, 1408)).as("not right after the run").isFalse();
        assertThat(staged.canAppend(otherTerm, 2816, 1408)).as("another term").isFalse();
        assertThat(staged.canAppend(term, 2816, 64)).isTrue();
        staged.append(64);
        assertThat(staged.canAppend(term, 2880, 64)).as("a shorter datagram ended the run").isFalse();
        assertThat(staged.length(0)).isEqualTo(2880);
        assertThat(staged.segmentLength(0)).isEqualTo(1408);
        assertThat(staged.segmented(1)).isEqualTo(1);
    }

    @Test
    void aMessageStaysWithinTheKernelsLimits()
    {
        final StagedMessages staged = new StagedMessages(2, true);
        staged.add(term, bytes, 0, 1400);
        int offset = 1400;
        while (staged.canAppend(term, offset, 1400))
        {
            staged.append(1400);
            offset += 1400;
        }
        assertThat(staged.length(0)).isLessThanOrEqualTo(NativeUdpSocket.MAX_SEGMENTED_LENGTH).isGreaterThan(NativeUdpSocket.MAX_SEGMENTED_LENGTH - 1400);

        final StagedMessages small = new StagedMessages(2, true);
        small.add(term, bytes, 0, 32);
        for (int i = 1; i < NativeUdpSocket.MAX_SEGMENTS; i++)
        {
            assertThat(small.canAppend(term, i * 32, 32)).isTrue();
            small.append(32);
        }
        assertThat(small.canAppend(term, NativeUdpSocket.MAX_SEGMENTS * 32, 32)).as("segment count limit").isFalse();
    }

    @Test
    void withoutSegmentationEachDatagramIsAMessageUntilFull()
    {
        final StagedMessages staged = new StagedMessages(2, false);
        staged.add(term, bytes, 0, 1408);
        assertThat(staged.canAppend(term, 1408, 1408)).isFalse();
        assertThat(staged.add(term, bytes, 1408, 1408)).isEqualTo(1);
        assertThat(staged.isFull()).isTrue();
        assertThat(staged.hasRoom()).isFalse();
        assertThat(staged.segmentLength(1)).isZero();
        assertThat(staged.clear()).isEqualTo(2);
        assertThat(staged.hasRoom()).isTrue();
    }

    @Test
    void aSocketThatCannotSegmentStopsMergingFromThenOn()
    {
        final StagedMessages staged = new StagedMessages(2, true);
        staged.add(term, bytes, 0, 100);
        staged.stopSegmenting();
        assertThat(staged.canAppend(term, 100, 100)).isFalse();
    }
}
