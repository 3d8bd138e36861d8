package io.nanostream.ring;

/** How many threads may claim sequences on a ring buffer. */
public enum ProducerType
{
    /** Exactly one thread claims and publishes; claims are plain stores, the fastest. */
    SINGLE,
    /** Any number of threads claim and publish; each claim is one atomic instruction. */
    MULTI
}
