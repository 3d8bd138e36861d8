package io.nanostream.bench.ring;

/** The event of the pipeline and diamond shapes: the producer's value plus one field per stage. */
public final class StageEvent extends ValueEvent
{
    /** Written by the first stage (or the left branch of a diamond). */
    public long a;
    /** Written by the second stage (or the right branch of a diamond). */
    public long b;
}
