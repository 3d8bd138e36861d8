package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Supplies the 64-bit reserved value of each frame (a checksum or timestamp), called after the payload is copied in.
 */
@FunctionalInterface
public interface ReservedValueSupplier
{
    /**
     * Computes the reserved value for a frame.
     *
     * @param term        the term holding the frame.
     * @param termOffset  the frame's offset.
     * @param frameLength the frame's length, header included.
     * @return the value to store in the header.
     */
    long get(AtomicBuffer term, int termOffset, int frameLength);
}
