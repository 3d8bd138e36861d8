package io.nanostream.bench.ring;

/** The event the ring shapes move, for us and for the Disruptor alike: one {@code long}. */
public class ValueEvent
{
    /** The payload the producer writes. */
    public long value;
}
