package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CounterSetTest
{
    private final AtomicBuffer metadata = AtomicBuffer.allocateHeap(4 * CountersDescriptor.METADATA_LENGTH);
    private final AtomicBuffer values = AtomicBuffer.allocateHeap(4 * CountersDescriptor.VALUE_LENGTH);
    private final CounterSet counters = new CounterSet(metadata, values, 1_000);

    @Test
    void countersAreAllocatedLabelledCountedAndReadByOthers()
    {
        final int a = counters.allocate(3, 77L, 5, 6, 99L, "sub-pos: 77 5 6", 0);
        final int b = counters.allocate(1, 78L, 0, 0, 0L, "pub-lmt", 0);
        counters.set(a, 4096);
        counters.add(b, 10);
        final CountersReader reader = new CountersReader(metadata, values);
        assertThat(reader.value(a)).isEqualTo(4096);
        assertThat(reader.label(a)).isEqualTo("sub-pos: 77 5 6");
        assertThat(reader.typeId(a)).isEqualTo(3);
        assertThat(reader.registrationId(a)).isEqualTo(77L);
        assertThat(reader.sessionId(a)).isEqualTo(5);
        assertThat(reader.streamId(a)).isEqualTo(6);
        assertThat(reader.ownerId(a)).isEqualTo(99L);
        final List<String> seen = new ArrayList<>();
        reader.forEach((id, type, label, value) -> seen.add(id + " " + label + " " + value));
        assertThat(seen).containsExactly(a + " sub-pos: 77 5 6 4096", b + " pub-lmt 10");
    }

    @Test
    void freedCountersAreReusedOnlyAfterTheDelayAndAFullSetSaysSo()
    {
        final int a = counters.allocate(1, 1, 0, 0, 0, "a", 0);
        counters.set(a, 5);
        counters.free(a, 100);
        assertThat(counters.state(a)).isEqualTo(CountersDescriptor.STATE_RECLAIMED);
        final int b = counters.allocate(1, 2, 0, 0, 0, "b", 500);
        assertThat(b).as("still resting").isNotEqualTo(a);
        final int c = counters.allocate(1, 3, 0, 0, 0, "c", 1_100);
        assertThat(c).isEqualTo(a);
        assertThat(counters.value(c)).as("a reused counter starts at zero").isZero();
        counters.allocate(1, 4, 0, 0, 0, "d", 1_100);
        counters.allocate(1, 5, 0, 0, 0, "e", 1_100);
        assertThatThrownBy(() -> counters.allocate(1, 6, 0, 0, 0, "f", 1_100))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("larger counters buffer");
    }
}
