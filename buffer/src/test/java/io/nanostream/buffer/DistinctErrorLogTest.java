package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DistinctErrorLogTest
{
    @Test
    void repeatsAreCountedNotRecordedAgain()
    {
        final AtomicBuffer memory = AtomicBuffer.allocateHeap(64 * 1024);
        final long[] now = {1000};
        final DistinctErrorLog log = new DistinctErrorLog(memory, () -> now[0]);
        final IllegalStateException same = new IllegalStateException("disk full");
        assertThat(log.record(same)).isTrue();
        now[0] = 2000;
        log.record(same);
        log.record(same);
        log.record(new IllegalArgumentException("bad channel"));
        final List<String> seen = new ArrayList<>();
        assertThat(ErrorLogReader.read(memory, (count, first, last, text) ->
            seen.add(count + " " + first + " " + last + " " + text.lines().findFirst().orElseThrow()))).isEqualTo(2);
        assertThat(seen).containsExactly(
            "3 1000 2000 java.lang.IllegalStateException: disk full",
            "1 2000 2000 java.lang.IllegalArgumentException: bad channel");
    }

    @Test
    void aFullLogRefusesNewErrorsButKeepsCountingOldOnes()
    {
        final AtomicBuffer memory = AtomicBuffer.allocateHeap(16 * 1024);
        final DistinctErrorLog log = new DistinctErrorLog(memory, () -> 0);
        final RuntimeException first = new RuntimeException("first");
        assertThat(log.record(first)).isTrue();
        boolean refused = false;
        for (int i = 0; i < 100 && !refused; i++)
        {
            refused = !log.record(new RuntimeException("error " + i));
        }
        assertThat(refused).isTrue();
        assertThat(log.record(first)).isTrue();
    }

    @Test
    void aHugeMessageIsCutShortSoOneErrorCannotFillTheLog()
    {
        final AtomicBuffer memory = AtomicBuffer.allocateHeap(64 * 1024);
        final DistinctErrorLog log = new DistinctErrorLog(memory, () -> 0);
        for (int i = 0; i < 10; i++)
        {
            assertThat(log.record(new IllegalArgumentException(i + "x".repeat(128 * 1024)))).as("error " + i).isTrue();
        }
        final List<Integer> lengths = new ArrayList<>();
        assertThat(ErrorLogReader.read(memory, (count, first, last, text) -> lengths.add(text.length()))).isEqualTo(10);
        assertThat(lengths).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(DistinctErrorLog.MAX_TEXT_LENGTH));
    }
}
