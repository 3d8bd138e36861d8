package io.nanostream.ring;

/** A test event: a value and the producer that wrote it. */
final class LongEvent
{
    long value;
    long producer;
    long check;

    @Override
    public String toString()
    {
        return "LongEvent{" + value + "}";
    }
}
