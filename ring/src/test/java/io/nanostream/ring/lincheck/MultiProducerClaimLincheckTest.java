package io.nanostream.ring.lincheck;

/** {@link MultiProducerClaimLincheck} on a ring of plain events, published through per-slot flags. */
public class MultiProducerClaimLincheckTest extends MultiProducerClaimLincheck
{
    /** Creates a ring of plain events, gated on a consumer that never consumes. */
    public MultiProducerClaimLincheckTest()
    {
        super(Cells.PLAIN);
    }
}
