package io.nanostream.ring.lincheck;

/** {@link SpscRingLincheck} on a ring of plain events: the producer publishes through the ring's cursor. */
public class SpscRingLincheckTest extends SpscRingLincheck
{
    /** Creates an empty queue of plain events. */
    public SpscRingLincheckTest()
    {
        super(Cells.PLAIN);
    }
}
