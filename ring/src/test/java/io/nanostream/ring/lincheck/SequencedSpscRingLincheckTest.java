package io.nanostream.ring.lincheck;

/**
 * {@link SpscRingLincheck} on a ring of {@link io.nanostream.ring.SequencedEvent}s: the producer
 * publishes by storing the sequence into the event, the poller finds it there.
 */
public class SequencedSpscRingLincheckTest extends SpscRingLincheck
{
    /** Creates an empty queue of events that carry their own publication. */
    public SequencedSpscRingLincheckTest()
    {
        super(Cells.SEQUENCED);
    }
}
