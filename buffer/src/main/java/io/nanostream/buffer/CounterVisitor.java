package io.nanostream.buffer;

/** Receives counters from {@link CountersReader#forEach(CounterVisitor)}. */
@FunctionalInterface
public interface CounterVisitor
{
    /**
     * Visits one counter.
     *
     * @param id     the counter id.
     * @param typeId its type.
     * @param label  its label.
     * @param value  its value.
     */
    void visit(int id, int typeId, String label, long value);
}
