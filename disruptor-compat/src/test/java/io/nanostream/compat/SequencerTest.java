package io.nanostream.compat;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.AlertException;
import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.InsufficientCapacityException;
import io.nanostream.ring.MultiProducerSequencer;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.Sequencer;
import io.nanostream.ring.SingleProducerSequencer;
import io.nanostream.ring.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The sequencer layer on its own, as users drive it over data of their own. */
class SequencerTest
{
    @Test
    void aSingleProducerSequencerHandsOutAndPublishesInOrder() throws Exception
    {
        final Sequencer sequencer = new SingleProducerSequencer(4, new BusySpinWaitStrategy());
        final Sequence consumer = new Sequence(Sequencer.INITIAL_CURSOR_VALUE);
        sequencer.addGatingSequences(consumer);
        final SequenceBarrier barrier = sequencer.newBarrier();
        assertThat(sequencer.getBufferSize()).isEqualTo(4);
        final long hi = sequencer.next(3);
        sequencer.publish(hi - 2, hi);
        assertThat(barrier.waitFor(0)).isEqualTo(2);
        assertThat(sequencer.isAvailable(2)).isTrue();
        assertThat(sequencer.remainingCapacity()).isEqualTo(1);
        assertThat(sequencer.hasAvailableCapacity(2)).isFalse();
        sequencer.publish(sequencer.next());
        try
        {
            sequencer.tryNext();
            fail("full");
        }
        catch (final InsufficientCapacityException expected)
        {
            assertThat(sequencer.getMinimumSequence()).isEqualTo(-1);
        }
        consumer.set(3);
        assertThat(sequencer.getMinimumSequence()).isEqualTo(3);
        assertThat(sequencer.removeGatingSequence(consumer)).isTrue();
    }

    @Test
    void aMultiProducerSequencerPublishesOutOfOrderButConsumersSeeARun() throws Exception
    {
        final Sequencer sequencer = new MultiProducerSequencer(8, new BusySpinWaitStrategy());
        final SequenceBarrier barrier = sequencer.newBarrier();
        final long first = sequencer.next();
        final long second = sequencer.next();
        sequencer.publish(second);
        assertThat(sequencer.getHighestPublishedSequence(first, second)).as("a gap at the first").isEqualTo(first - 1);
        assertThat(sequencer.getCursor()).as("the cursor counts claims").isEqualTo(1);
        sequencer.publish(first);
        assertThat(barrier.waitFor(0)).isEqualTo(1);
        barrier.alert();
        try
        {
            barrier.waitFor(2);
            fail("alerted");
        }
        catch (final AlertException expected)
        {
            assertThat(barrier.isAlerted()).isTrue();
        }
        catch (final InterruptedException | TimeoutException unexpected)
        {
            fail("not this", unexpected);
        }
        barrier.clearAlert();
        sequencer.claim(20);
        assertThat(sequencer.next()).isEqualTo(21);
    }
}
