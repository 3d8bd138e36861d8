package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventPollerTest
{
    @Test
    void reportsIdleGatingAndProcessing() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent::new, 8,
            new YieldingWaitStrategy());
        final EventPoller<LongEvent> poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        final List<Long> seen = new ArrayList<>();
        final EventPoller.Handler<LongEvent> handler = (event, sequence, endOfBatch) -> seen.add(event.value);

        assertThat(poller.poll(handler)).isEqualTo(EventPoller.PollState.IDLE);
        final long claimed = ring.next();
        assertThat(poller.poll(handler)).as("claimed but not published").isEqualTo(EventPoller.PollState.GATING);
        ring.get(claimed).value = 7;
        ring.publish(claimed);
        assertThat(poller.poll(handler)).isEqualTo(EventPoller.PollState.PROCESSING);
        assertThat(seen).containsExactly(7L);
        assertThat(poller.getSequence().get()).isEqualTo(0);
        assertThat(poller.poll(handler)).isEqualTo(EventPoller.PollState.IDLE);
    }

    @Test
    void withOneProducerAClaimIsIdleUntilPublishedAsTheDisruptorReportsIt() throws Exception
    {
        assertClaimIsIdleUntilPublished(RingBuffer.createSingleProducer(LongEvent::new, 8));
        assertClaimIsIdleUntilPublished(RingBuffer.createSingleProducer(SequencedEventTest.Tick::new, 8));
    }

    private static <E> void assertClaimIsIdleUntilPublished(final RingBuffer<E> ring) throws Exception
    {
        final EventPoller<E> poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        final long claimed = ring.next();
        assertThat(poller.poll((event, sequence, endOfBatch) -> true)).as("one producer's cursor is what it published")
            .isEqualTo(EventPoller.PollState.IDLE);
        ring.publish(claimed);
        assertThat(poller.poll((event, sequence, endOfBatch) -> true)).isEqualTo(EventPoller.PollState.PROCESSING);
    }

    @Test
    void aHandlerThatReturnsFalseStopsThePollThere() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8);
        final EventPoller<LongEvent> poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        for (int i = 0; i < 5; i++)
        {
            ring.publishEvent((event, sequence, v) -> event.value = v, (long)i);
        }
        final List<Long> seen = new ArrayList<>();
        poller.poll((event, sequence, endOfBatch) ->
        {
            seen.add(event.value);
            return seen.size() < 2;
        });
        assertThat(seen).containsExactly(0L, 1L);
        assertThat(poller.getSequence().get()).isEqualTo(1);
        final List<Boolean> ends = new ArrayList<>();
        poller.poll((event, sequence, endOfBatch) ->
        {
            seen.add(event.value);
            ends.add(endOfBatch);
            return true;
        });
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(ends).containsExactly(false, false, true);
    }

    @Test
    void anEventWhoseHandlerThrowsIsOfferedAgain() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8);
        final EventPoller<LongEvent> poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        ring.publishEvent((event, sequence) -> event.value = 1);
        ring.publishEvent((event, sequence) -> event.value = 2);
        final List<Long> seen = new ArrayList<>();
        assertThatThrownBy(() -> poller.poll((event, sequence, endOfBatch) ->
        {
            if (event.value == 2 && seen.size() == 1)
            {
                throw new IllegalStateException("transient");
            }
            seen.add(event.value);
            return true;
        })).hasMessage("transient");
        assertThat(poller.getSequence().get()).isEqualTo(0);
        poller.poll((event, sequence, endOfBatch) -> seen.add(event.value));
        assertThat(seen).containsExactly(1L, 2L);
    }

    @Test
    void aDownstreamPollerFollowsItsUpstream() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8);
        final Sequence upstream = new Sequence();
        final EventPoller<LongEvent> poller = ring.newPoller(upstream);
        ring.addGatingSequences(poller.getSequence());
        ring.publishEvent((event, sequence) -> event.value = 1);
        assertThat(poller.poll((event, sequence, endOfBatch) -> true)).isEqualTo(EventPoller.PollState.GATING);
        upstream.set(0);
        assertThat(poller.poll((event, sequence, endOfBatch) -> true)).isEqualTo(EventPoller.PollState.PROCESSING);
    }

    @Test
    void theDisruptorsWaysToMakeAPollerReadTheSameEvents() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent::new, 8);
        final Sequence upstream = new Sequence();
        final Sequence own = new Sequence();
        final EventPoller<LongEvent> followsUpstream = EventPoller.newInstance(ring, ring.sequencer, own, null,
            upstream);
        final EventPoller<LongEvent> firstStage = new EventPoller<>(ring, ring.sequencer, new Sequence(),
            ring.sequencer.cursorSequence());
        final NoOpEventProcessor noOp = new NoOpEventProcessor(ring);
        final EventPoller<LongEvent> afterNoOp = new EventPoller<>(ring, ring.sequencer, new Sequence(),
            noOp.getSequence());
        assertThat(followsUpstream.getSequence()).isSameAs(own);
        ring.addGatingSequences(own, firstStage.getSequence(), afterNoOp.getSequence());
        final long claimed = ring.next();
        ring.get(claimed).value = 9;
        ring.publish(claimed);
        final List<Long> seen = new ArrayList<>();
        final EventPoller.Handler<LongEvent> record = (event, sequence, endOfBatch) -> seen.add(event.value);
        assertThat(followsUpstream.poll(record)).as("the upstream has not handled it").isEqualTo(EventPoller.PollState.GATING);
        assertThat(firstStage.poll(record)).isEqualTo(EventPoller.PollState.PROCESSING);
        assertThat(afterNoOp.poll(record)).isEqualTo(EventPoller.PollState.PROCESSING);
        upstream.set(0);
        assertThat(followsUpstream.poll(record)).isEqualTo(EventPoller.PollState.PROCESSING);
        assertThat(seen).containsExactly(9L, 9L, 9L);
    }
}
