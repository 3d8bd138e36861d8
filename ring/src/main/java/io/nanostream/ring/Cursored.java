package io.nanostream.ring;

/** Something with a cursor: the position of a sequencer, a ring or a barrier. */
public interface Cursored
{
    /**
     * The current cursor value.
     *
     * @return the cursor.
     */
    long getCursor();
}
