package io.nanostream.buffer;

/**
 * A handle on one allocated counter of a {@link CounterSet}: its id and the place of its value, with
 * the ordering each use needs. Handles come from the owner of the set (the driver's counter factory),
 * which chose the counter's type and label; holders never see bare ids or offsets. Written by the one
 * thread that owns what the counter measures (or added to atomically), read by anyone.
 */
public final class Counter
{
    private final CounterSet counters;
    private final AtomicBuffer values;
    private final int id;
    private final int offset;

    Counter(final CounterSet counters, final int id)
    {
        this.counters = counters;
        this.values = counters.values();
        this.id = id;
        this.offset = CountersDescriptor.valueOffset(id);
    }

    /**
     * The counter's id, for clients that look it up by id.
     *
     * @return the id.
     */
    public int id()
    {
        return id;
    }

    /**
     * Reads the value.
     *
     * @return the value.
     */
    public long get()
    {
        return values.getLongAcquire(offset); // acquire: what the writer did before setting it is visible
    }

    /**
     * Sets the value.
     *
     * @param value the value.
     */
    public void set(final long value)
    {
        values.putLongRelease(offset, value); // release: what the value stands for is visible before it
    }

    /**
     * Adds to the value atomically (any thread).
     *
     * @param delta the amount.
     * @return the value before.
     */
    public long add(final long delta)
    {
        return values.getAndAddLong(offset, delta); // volatile read-modify-write: no add is lost
    }

    /**
     * Frees the counter; its id may be reused once the set's reuse delay has passed.
     *
     * @param nowMillis the wall-clock time.
     */
    public void free(final long nowMillis)
    {
        counters.free(id, nowMillis);
    }

    @Override
    public String toString()
    {
        return "Counter{" + id + ": " + counters.label(id) + " = " + get() + "}";
    }
}
