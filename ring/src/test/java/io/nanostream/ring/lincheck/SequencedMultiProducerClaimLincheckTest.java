package io.nanostream.ring.lincheck;

/**
 * {@link MultiProducerClaimLincheck} on a ring of {@link io.nanostream.ring.SequencedEvent}s, whose
 * producers publish into the events instead of per-slot flags.
 */
public class SequencedMultiProducerClaimLincheckTest extends MultiProducerClaimLincheck
{
    /** Creates a ring of events that carry their own publication, gated on a consumer that never consumes. */
    public SequencedMultiProducerClaimLincheckTest()
    {
        super(Cells.SEQUENCED);
    }
}
