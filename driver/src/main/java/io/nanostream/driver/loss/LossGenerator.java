package io.nanostream.driver.loss;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Decides whether the driver drops a datagram instead of sending or handling it: the loss-injection hook
 * for testing repair. Called on the sender and receiver threads; an implementation is used by one thread.
 */
@FunctionalInterface
public interface LossGenerator
{
    /** Padding frame type. */
    int TYPE_PAD = 0x00;
    /** Data frame type (heartbeats too). */
    int TYPE_DATA = 0x01;
    /** NAK frame type. */
    int TYPE_NAK = 0x02;
    /** Status message frame type. */
    int TYPE_SM = 0x03;
    /** Error frame type. */
    int TYPE_ERR = 0x04;
    /** SETUP frame type. */
    int TYPE_SETUP = 0x05;
    /** RTT measurement frame type. */
    int TYPE_RTTM = 0x06;

    /** Drops nothing. */
    LossGenerator NONE = (type, buffer, offset, length) -> false;

    /**
     * Whether to drop a datagram.
     *
     * @param type   the datagram's frame type (see the {@code TYPE_*} constants of {@link LossGenerator}).
     * @param buffer the buffer holding the datagram.
     * @param offset where the datagram starts.
     * @param length its length.
     * @return true to drop it.
     */
    boolean drop(int type, AtomicBuffer buffer, int offset, int length);
}
