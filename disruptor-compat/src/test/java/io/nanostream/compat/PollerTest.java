package io.nanostream.compat;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.EventPoller;
import io.nanostream.ring.MultiProducerSequencer;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.Sequencer;
import io.nanostream.ring.SleepingWaitStrategy;
import io.nanostream.ring.YieldingWaitStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pulling events with a poller, as Disruptor users run one in their own loop. */
class PollerTest
{
    @Test
    void aPollerReportsIdleGatingAndProcessing() throws Exception
    {
        final RingBuffer<LongEvent> ringBuffer = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8,
            new SleepingWaitStrategy());
        final EventPoller<LongEvent> poller = ringBuffer.newPoller();
        ringBuffer.addGatingSequences(poller.getSequence());
        final List<Long> seen = new ArrayList<>();
        final EventPoller.Handler<LongEvent> handler = (event, sequence, endOfBatch) ->
        {
            seen.add(event.value);
            return true;
        };
        assertThat(poller.poll(handler)).isEqualTo(EventPoller.PollState.IDLE);
        final long claimed = ringBuffer.next();
        assertThat(poller.poll(handler)).as("claimed by a producer, not yet published").isEqualTo(EventPoller.PollState.GATING);
        ringBuffer.get(claimed).value = 5;
        ringBuffer.publish(claimed);
        ringBuffer.publishEvent((event, sequence) -> event.value = 6);
        assertThat(poller.poll(handler)).isEqualTo(EventPoller.PollState.PROCESSING);
        assertThat(seen).containsExactly(5L, 6L);
        assertThat(poller.getSequence().get()).isEqualTo(1);
    }

    @Test
    void aHandlerStopsAPollAndAFailedEventComesBack() throws Exception
    {
        final RingBuffer<LongEvent> ringBuffer = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8,
            new YieldingWaitStrategy());
        final EventPoller<LongEvent> poller = ringBuffer.newPoller();
        ringBuffer.addGatingSequences(poller.getSequence());
        for (long i = 0; i < 4; i++)
        {
            ringBuffer.publishEvent((event, sequence, value) -> event.value = value, i);
        }
        final List<Long> seen = new ArrayList<>();
        poller.poll((event, sequence, endOfBatch) ->
        {
            seen.add(event.value);
            return sequence < 1; // stop after the second event
        });
        assertThat(seen).containsExactly(0L, 1L);
        try
        {
            poller.poll((event, sequence, endOfBatch) ->
            {
                throw new IllegalStateException("cannot handle " + sequence);
            });
        }
        catch (final IllegalStateException expected)
        {
            assertThat(expected).hasMessage("cannot handle 2");
        }
        seen.clear();
        poller.poll((event, sequence, endOfBatch) -> seen.add(event.value));
        assertThat(seen).as("the event that failed is offered again").containsExactly(2L, 3L);
    }

    @Test
    void aPollerOnASequencerAndAnArrayOfItsOwn() throws Exception
    {
        final long[] data = new long[8];
        final Sequencer sequencer = new MultiProducerSequencer(8, new YieldingWaitStrategy());
        final EventPoller<Long> poller = sequencer.newPoller(sequence -> data[(int)sequence & 7]);
        sequencer.addGatingSequences(poller.getSequence());
        final long first = sequencer.next();
        final long second = sequencer.next();
        data[(int)second] = 20;
        sequencer.publish(second);
        final List<Long> seen = new ArrayList<>();
        assertThat(poller.poll((value, sequence, endOfBatch) -> seen.add(value)))
            .as("the first claim is not published yet").isEqualTo(EventPoller.PollState.GATING);
        assertThat(sequencer.getHighestPublishedSequence(0, 1)).isEqualTo(-1);
        data[(int)first] = 10;
        sequencer.publish(first);
        assertThat(sequencer.getHighestPublishedSequence(0, 1)).isEqualTo(1);
        assertThat(poller.poll((value, sequence,
            endOfBatch) -> seen.add(value))).isEqualTo(EventPoller.PollState.PROCESSING);
        assertThat(seen).containsExactly(10L, 20L);
        final Sequence pollerSequence = poller.getSequence();
        assertThat(sequencer.getMinimumSequence()).isEqualTo(pollerSequence.get());
    }
}
