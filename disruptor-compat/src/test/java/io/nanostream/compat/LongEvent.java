package io.nanostream.compat;

import io.nanostream.ring.EventFactory;

/** The event of these tests, as a Disruptor user writes one: mutable fields and a factory. */
public final class LongEvent
{
    /** Makes the ring's events. */
    public static final EventFactory<LongEvent> FACTORY = LongEvent::new;

    /** The producer's value. */
    public long value;
    /** Written by a first stage. */
    public long doubled;
    /** Written by another first stage. */
    public long tripled;

    @Override
    public String toString()
    {
        return "LongEvent{" + value + "}";
    }
}
