package io.nanostream.bench.ring;

import io.nanostream.ring.SequencedEvent;

/**
 * Our ring shapes' event: one {@code long}, in an event that carries its own publication (the way a
 * Nano-Stream user gets the fastest ring). The anchors use the plain {@link ValueEvent}.
 */
public class NanoValueEvent extends SequencedEvent
{
    /** The payload the producer writes. */
    public long value;
}
