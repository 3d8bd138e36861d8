package io.nanostream.bench.ring;

/** Our pipeline and diamond event: the producer's value plus one field per stage. */
public final class NanoStageEvent extends NanoValueEvent
{
    /** Written by the first stage (or the left branch of a diamond). */
    public long a;
    /** Written by the second stage (or the right branch of a diamond). */
    public long b;
}
