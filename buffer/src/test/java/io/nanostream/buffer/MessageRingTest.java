package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageRingTest
{
    private static final int CAPACITY = 4096;

    private final AtomicBuffer memory = AtomicBuffer.allocateHeap(CAPACITY + MessageRingDescriptor.TRAILER_LENGTH);
    private final MessageRing ring = new MessageRing(memory);
    private final AtomicBuffer source = AtomicBuffer.allocateHeap(1024);

    @Test
    void messagesComeOutInOrderWithTheirTypes()
    {
        for (int i = 0; i < 10; i++)
        {
            source.putInt(0, i);
            assertThat(ring.write(7 + i, source, 0, 4 + i)).isTrue();
        }
        final List<String> seen = new ArrayList<>();
        assertThat(ring.read((type, buffer, offset, length) -> seen.add(type + ":" + buffer.getInt(offset) + ":" +
            length), 100))
            .isEqualTo(10);
        assertThat(seen).startsWith("7:0:4", "8:1:5").endsWith("16:9:13");
        assertThat(ring.read((type, buffer, offset, length) -> seen.add("again"), 100)).isZero();
        assertThat(ring.consumerPosition()).isEqualTo(ring.producerPosition());
    }

    @Test
    void aFullRingRefusesAndRecoversAfterReadingAcrossTheWrap()
    {
        int written = 0;
        while (ring.write(1, source, 0, 100))
        {
            written++;
        }
        assertThat(written).isEqualTo(CAPACITY / 112);
        final int[] read = {0};
        ring.read((type, buffer, offset, length) -> read[0]++, 5);
        for (int lap = 0; lap < 50; lap++)
        {
            assertThat(ring.write(2, source, 0, 100)).isTrue();
            ring.read((type, buffer, offset, length) -> read[0]++, 1);
        }
        ring.read((type, buffer, offset, length) -> read[0]++, Integer.MAX_VALUE);
        ring.read((type, buffer, offset, length) -> read[0]++, Integer.MAX_VALUE);
        assertThat(read[0]).isEqualTo(written + 50);
    }

    @Test
    void badWritesAreRefusedWithAReason()
    {
        assertThatThrownBy(() -> ring.write(0, source, 0, 4)).hasMessageContaining("type must be positive");
        assertThatThrownBy(() -> ring.write(1, source, 0, CAPACITY)).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> new MessageRing(AtomicBuffer.allocateHeap(1000 +
            MessageRingDescriptor.TRAILER_LENGTH)))
            .hasMessageContaining("power of two");
    }

    @Test
    void manyConcurrentWritersLoseAndTearNothing() throws Exception
    {
        final int writers = 4;
        final int perWriter = 50_000;
        final AtomicBoolean done = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++)
        {
            final int writer = w;
            threads.add(Thread.ofPlatform().start(() ->
            {
                final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
                for (int i = 0; i < perWriter; i++)
                {
                    message.putInt(0, writer);
                    message.putInt(4, i);
                    message.putLong(8, (long)writer * 1_000_000 + i);
                    while (!ring.write(1 + writer, message, 0, 8 + (i % 3) * 8 + 8))
                    {
                        if (done.get())
                        {
                            return; // the reader gave up: no room will come
                        }
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        final int[] next = new int[writers];
        final List<String> problems = new ArrayList<>();
        final long expected = (long)writers * perWriter;
        // a stall, not slowness, fails: on a busy machine the whole run may take tens of seconds
        final long stallNanos = TimeUnit.SECONDS.toNanos(60);
        long lastProgress = System.nanoTime();
        long total = 0;
        try
        {
            while (total < expected)
            {
                if (System.nanoTime() - lastProgress > stallNanos)
                {
                    throw new AssertionError("no message for 60 s; read " + total + " of " + expected);
                }
                final int read = ring.read((type, buffer, offset, length) ->
                {
                    final int writer = buffer.getInt(offset);
                    final int i = buffer.getInt(offset + 4);
                    if (type != 1 + writer || i != next[writer] ||
                        buffer.getLong(offset + 8) != (long)writer * 1_000_000 + i || length != 8 + (i % 3) * 8 + 8)
                    {
                        problems.add("writer " + writer + " message " + i + " expected " + next[writer]);
                    }
                    next[writer] = i + 1;
                }, 100);
                if (read > 0)
                {
                    total += read;
                    lastProgress = System.nanoTime();
                }
            }
        }
        finally
        {
            done.set(true); // after a failure, writers still waiting for room stop instead of keeping the JVM alive
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertThat(problems).isEmpty();
        assertThat(next).containsOnly(perWriter);
    }

    @Test
    void aWriterThatDiedMidMessageIsUnblocked()
    {
        source.putInt(0, 1);
        ring.write(1, source, 0, 8);
        // a writer claims 24 bytes and dies having written only the header with its negative length
        final long tail = memory.getLong(CAPACITY + MessageRingDescriptor.TAIL_OFFSET);
        memory.putLong(CAPACITY + MessageRingDescriptor.TAIL_OFFSET, tail + 24);
        memory.putLong((int)tail, MessageRingDescriptor.header(-24, 5));
        source.putInt(0, 3);
        ring.write(3, source, 0, 8);
        final List<Integer> types = new ArrayList<>();
        ring.read((type, buffer, offset, length) -> types.add(type), 10);
        assertThat(types).as("stuck behind the dead writer").containsExactly(1);
        assertThat(ring.unblock()).isTrue();
        ring.read((type, buffer, offset, length) -> types.add(type), 10);
        assertThat(types).containsExactly(1, 3);
    }

    @Test
    void aWriterThatDiedBeforeWritingAnythingIsUnblocked()
    {
        final long tail = memory.getLong(CAPACITY + MessageRingDescriptor.TAIL_OFFSET);
        memory.putLong(CAPACITY + MessageRingDescriptor.TAIL_OFFSET, tail + 32); // claimed, never written
        source.putInt(0, 4);
        ring.write(4, source, 0, 8);
        final List<Integer> types = new ArrayList<>();
        ring.read((type, buffer, offset, length) -> types.add(type), 10);
        assertThat(types).isEmpty();
        assertThat(ring.unblock()).isTrue();
        ring.read((type, buffer, offset, length) -> types.add(type), 10);
        assertThat(types).containsExactly(4);
        assertThat(ring.unblock()).as("nothing left to unblock").isFalse();
    }

    @Test
    void correlationIdsAreUniqueAndTheHeartbeatIsShared()
    {
        assertThat(ring.nextCorrelationId()).isEqualTo(1);
        assertThat(ring.nextCorrelationId()).isEqualTo(2);
        ring.consumerHeartbeat(12345);
        assertThat(new MessageRing(memory).consumerHeartbeat()).isEqualTo(12345);
    }

    /**
     * Writes a record header as a process that does not follow the protocol might, at the tail, and claims its bytes.
     */
    private void hostileRecord(final int length, final int claimed)
    {
        final long tail = memory.getLong(CAPACITY + MessageRingDescriptor.TAIL_OFFSET);
        memory.putLong(CAPACITY + MessageRingDescriptor.TAIL_OFFSET, tail + claimed);
        memory.putLong((int)tail & (CAPACITY - 1), MessageRingDescriptor.header(length, 1));
    }

    private List<Integer> readAll()
    {
        final List<Integer> types = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            ring.read((type, buffer, offset, length) -> types.add(type), 100);
        }
        return types;
    }

    @Test
    void recordLengthsNoWriterCouldMakeAreSkippedUpToTheNextRecord()
    {
        for (final int length : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 3, 4, CAPACITY + 8, 1})
        {
            hostileRecord(length, 16);
            final long tail = memory.getLong(CAPACITY + MessageRingDescriptor.TAIL_OFFSET);
            memory.putInt((int)(tail - 8) & (CAPACITY - 1), -7); // garbage in the claimed space: no record's start
            source.putInt(0, 9);
            assertThat(ring.write(9, source, 0, 4)).isTrue();
            assertThat(readAll()).as("the record after length " + length).containsExactly(9);
        }
        assertThat(ring.skippedRecords()).isEqualTo(5);
        assertThat(ring.consumerPosition()).isEqualTo(ring.producerPosition());
    }

    @Test
    void nothingPastTheClaimedTailIsRead()
    {
        source.putInt(0, 1);
        ring.write(4, source, 0, 4);
        final long tail = memory.getLong(CAPACITY + MessageRingDescriptor.TAIL_OFFSET);
        memory.putLong((int)tail, MessageRingDescriptor.header(16, 6)); // a complete-looking record no one claimed
        assertThat(readAll()).containsExactly(4);
        assertThat(ring.consumerPosition()).isEqualTo(tail);
    }

    @Test
    void aTornNegativeLengthIsNotTrustedWhenUnblocking()
    {
        for (final int length : new int[] {Integer.MIN_VALUE, -(CAPACITY * 4), -3})
        {
            hostileRecord(length, 8);
            source.putInt(0, 5);
            assertThat(ring.write(5, source, 0, 4)).isTrue();
            assertThat(readAll()).as("stuck behind the claim " + length).isEmpty();
            assertThat(ring.unblock()).isTrue();
            assertThat(readAll()).as("after unblocking " + length).containsExactly(5);
            assertThat(ring.consumerPosition()).isEqualTo(ring.producerPosition());
        }
        assertThat(ring.skippedRecords()).isEqualTo(3);
    }

    @Test
    void aHeadOverwrittenInSharedMemoryDoesNotMoveTheReader()
    {
        source.putInt(0, 1);
        ring.write(3, source, 0, 4);
        memory.putLong(CAPACITY + MessageRingDescriptor.HEAD_OFFSET, 1_000_000); // a stray writer
        assertThat(readAll()).containsExactly(3);
        assertThat(ring.consumerPosition()).isEqualTo(ring.producerPosition());
    }

    @Test
    void aTrailerSetToWhatNoWriterMakesIsPutBackByTheReaderAndWritersGoOn()
    {
        source.putInt(0, 1);
        assertThat(ring.write(3, source, 0, 4)).isTrue();
        assertThat(readAll()).containsExactly(3);
        final long head = ring.consumerPosition();
        final int headOffset = CAPACITY + MessageRingDescriptor.HEAD_OFFSET;
        final int headCacheOffset = CAPACITY + MessageRingDescriptor.HEAD_CACHE_OFFSET;
        final int tailOffset = CAPACITY + MessageRingDescriptor.TAIL_OFFSET;
        // each of these made every later write fail for good: writers saw no room, and the reader, with nothing to
        // read, never published its head again
        final long[][] attacks = {
            {headOffset, head - 2L * CAPACITY}, // the head moved back by two rings
            {tailOffset, head + 10L * CAPACITY}, // the tail jumped ahead
            {tailOffset, head - 64}, // the tail behind the head
            {tailOffset, head + 3}, // an unaligned tail
            {headCacheOffset, head +
            2L * CAPACITY}}; // a head cache ahead of the head: writers would overwrite unread records
        long repairs = 0;
        for (final long[] attack : attacks)
        {
            memory.putLong((int)attack[0], attack[1]);
            ring.read((type, buffer, offset, length) -> { }, 100); // one duty cycle of the reader
            assertThat(ring.trailerRepairs()).as("repaired: " + attack[0] + " = " + attack[1]).isGreaterThan(repairs);
            repairs = ring.trailerRepairs();
            source.putInt(0, 2);
            assertThat(ring.write(4, source, 0, 4)).as("a write after " + attack[0] + " = " + attack[1]).isTrue();
            assertThat(readAll()).containsExactly(4);
            assertThat(ring.consumerPosition()).isEqualTo(ring.producerPosition());
        }
        assertThat(memory.getLong(headOffset)).isEqualTo(ring.consumerPosition());
    }

    @Test
    void aTailRepairedBehindRecordsInFlightKeepsThem()
    {
        source.putInt(0, 7);
        assertThat(ring.write(5, source, 0, 4)).isTrue(); // complete, unread
        hostileRecord(-16, 16); // claimed, not yet committed: a writer still at work
        final long honestTail = memory.getLong(CAPACITY + MessageRingDescriptor.TAIL_OFFSET);
        memory.putLong(CAPACITY + MessageRingDescriptor.TAIL_OFFSET, honestTail + 5L * CAPACITY);
        assertThat(readAll()).as("the complete record is read").containsExactly(5);
        assertThat(memory.getLong(CAPACITY +
            MessageRingDescriptor.TAIL_OFFSET)).as("the tail back past the claimed record")
            .isEqualTo(honestTail);
    }
}
