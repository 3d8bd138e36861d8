package io.nanostream.driver.loss;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Decides whether the driver drops a datagram instead of sending or handling it: the loss-injection hook
 * for testing repair. Called on the sender and receiver threads; an implementation is used by one thread.
 */
@FunctionalInterface
public interface LossGenerator
{

    /** Drops nothing. */
    LossGenerator NONE = (type, buffer, offset, length) -> false;

    /**
     * Whether to drop a datagram.
     *
     * @param type   the datagram's frame type (see {@link io.nanostream.log.FrameType}).
     * @param buffer the buffer holding the datagram.
     * @param offset where the datagram starts.
     * @param length its length.
     * @return true to drop it.
     */
    boolean drop(int type, AtomicBuffer buffer, int offset, int length);
}
