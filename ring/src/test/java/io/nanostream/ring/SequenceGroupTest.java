package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Groups of sequences read as their minimum, and the no-op processor whose sequence follows the cursor. */
class SequenceGroupTest
{
    @Test
    void aFixedGroupIsTheMinimumAndReadOnly()
    {
        final Sequence a = new Sequence(5);
        final Sequence b = new Sequence(3);
        final FixedSequenceGroup group = new FixedSequenceGroup(new Sequence[]{a, b});
        assertThat(group.get()).isEqualTo(3);
        b.set(9);
        assertThat(group.get()).isEqualTo(5);
        assertThatThrownBy(() -> group.set(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(group::incrementAndGet).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new FixedSequenceGroup(new Sequence[0]).get()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aGroupGatesARingAndTakesMembersWhileRunning()
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 4,
            new BusySpinWaitStrategy());
        final SequenceGroup group = new SequenceGroup();
        final Sequence first = new Sequence();
        group.add(first);
        ring.addGatingSequences(group);
        for (int i = 0; i < 4; i++)
        {
            ring.publish(ring.next());
        }
        assertThat(ring.hasAvailableCapacity(1)).as("the group's member holds the ring").isFalse();
        first.set(3);
        assertThat(ring.hasAvailableCapacity(4)).isTrue();
        final Sequence late = new Sequence();
        group.addWhileRunning(ring, late);
        assertThat(late.get()).as("starts at the cursor").isEqualTo(3);
        assertThat(group.size()).isEqualTo(2);
        ring.publish(ring.next());
        first.set(4);
        assertThat(group.get()).isEqualTo(3);
        assertThat(ring.remainingCapacity()).as("the late member gates too").isEqualTo(3);
        assertThat(group.remove(late)).isTrue();
        assertThat(group.remove(late)).isFalse();
        group.set(10);
        assertThat(first.get()).isEqualTo(10);
    }

    @Test
    void aNoOpProcessorFollowsTheCursorAndNeverGates() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent::new, 4,
            new BusySpinWaitStrategy());
        final NoOpEventProcessor noOp = new NoOpEventProcessor(ring);
        ring.addGatingSequences(noOp.getSequence());
        for (int i = 0; i < 10; i++)
        {
            ring.publish(ring.next()); // laps freely: the no-op processor is always done
        }
        assertThat(noOp.getSequence().get()).isEqualTo(ring.getCursor());
        final SequenceBarrier afterNoOp = ring.newBarrier(noOp.getSequence());
        final long claimed = ring.next();
        assertThat(afterNoOp.highestAvailable(10)).as("a barrier after it waits for publication, not for the cursor")
            .isEqualTo(9);
        ring.publish(claimed);
        assertThat(afterNoOp.waitFor(10)).isEqualTo(10);
        assertThat(noOp.isRunning()).isFalse();
        noOp.run();
        assertThat(noOp.isRunning()).isTrue();
        assertThatThrownBy(noOp::run).isInstanceOf(IllegalStateException.class);
        noOp.halt();
        assertThat(noOp.isRunning()).isFalse();
    }
}
