package io.nanostream.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@code long} counter that one thread advances and others observe, alone on its cache lines.
 *
 * <p>128 bytes of padding on each side keep the value away from any other hot field, including the
 * line the adjacent-line prefetcher pulls in with it. {@link #get()} is an acquire load and
 * {@link #set(long)} a release store: a consumer that reads a sequence value sees every write the
 * writer made before publishing it.
 *
 * <p>Not final, as the LMAX Disruptor's is not: a group of sequences (the minimum of several) or a
 * sequence that follows a ring's cursor can stand where a sequence is expected. While no subclass is
 * loaded the JIT binds every call here directly (class hierarchy analysis), as it would for a final class.
 */
public class Sequence extends SequenceRightPadding
{
    /** The value a new sequence starts with: nothing claimed, published or consumed yet. */
    public static final long INITIAL_VALUE = -1L;

    private static final VarHandle VALUE;

    static
    {
        try
        {
            VALUE = MethodHandles.lookup().findVarHandle(Sequence.class, "value", long.class)
                .withInvokeExactBehavior();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Creates a sequence at {@link #INITIAL_VALUE}. */
    public Sequence()
    {
        this(INITIAL_VALUE);
    }

    /**
     * Creates a sequence at the given value.
     *
     * @param initialValue the starting value.
     */
    public Sequence(final long initialValue)
    {
        VALUE.setRelease(this, initialValue); // publishes the initial value with the object
    }

    /**
     * Reads the value with acquire semantics.
     *
     * @return the current value.
     */
    public long get()
    {
        return (long)VALUE.getAcquire(this); // acquire: later reads see what the writer wrote before set()
    }

    /**
     * Reads the value without ordering other accesses; for monitoring and heuristics.
     *
     * @return the current value, possibly slightly stale.
     */
    public long getOpaque()
    {
        return (long)VALUE.getOpaque(this); // opaque: not hoisted out of loops, orders nothing else
    }

    /**
     * Stores the value with release semantics.
     *
     * @param value the new value.
     */
    public void set(final long value)
    {
        VALUE.setRelease(this, value); // release: earlier reads and writes happen before this value is seen
    }

    /**
     * Stores the value without ordering other accesses; for single-writer values read only as hints.
     *
     * @param value the new value.
     */
    public void setOpaque(final long value)
    {
        VALUE.setOpaque(this, value); // opaque: eventually visible, orders nothing else
    }

    /**
     * Stores the value with volatile semantics (a full fence after the store).
     *
     * @param value the new value.
     */
    public void setVolatile(final long value)
    {
        VALUE.setVolatile(this, value); // volatile: also orders this store before any later load
    }

    /**
     * Atomically sets the value if it equals {@code expected}.
     *
     * @param expected the value expected.
     * @param value    the new value.
     * @return true if the value was set.
     */
    public boolean compareAndSet(final long expected, final long value)
    {
        return (boolean)VALUE.compareAndSet(this, expected, value); // volatile CAS: full ordering
    }

    /**
     * Atomically adds to the value.
     *
     * @param delta the amount to add.
     * @return the value before the addition.
     */
    public long getAndAdd(final long delta)
    {
        return (long)VALUE.getAndAdd(this, delta); // volatile read-modify-write: full ordering
    }

    /**
     * Atomically adds to the value.
     *
     * @param delta the amount to add.
     * @return the value after the addition.
     */
    public long addAndGet(final long delta)
    {
        return (long)VALUE.getAndAdd(this, delta) + delta; // volatile read-modify-write: full ordering
    }

    /**
     * Atomically adds one to the value.
     *
     * @return the value after the increment.
     */
    public long incrementAndGet()
    {
        return addAndGet(1L);
    }

    @Override
    public String toString()
    {
        return Long.toString(get());
    }
}

/** 128 bytes before the value. */
abstract class SequenceLeftPadding
{
    byte p00, p01, p02, p03, p04, p05, p06, p07;
    byte p10, p11, p12, p13, p14, p15, p16, p17;
    byte p20, p21, p22, p23, p24, p25, p26, p27;
    byte p30, p31, p32, p33, p34, p35, p36, p37;
    byte p40, p41, p42, p43, p44, p45, p46, p47;
    byte p50, p51, p52, p53, p54, p55, p56, p57;
    byte p60, p61, p62, p63, p64, p65, p66, p67;
    byte p70, p71, p72, p73, p74, p75, p76, p77;
    byte p80, p81, p82, p83, p84, p85, p86, p87;
    byte p90, p91, p92, p93, p94, p95, p96, p97;
    byte pa0, pa1, pa2, pa3, pa4, pa5, pa6, pa7;
    byte pb0, pb1, pb2, pb3, pb4, pb5, pb6, pb7;
    byte pc0, pc1, pc2, pc3, pc4, pc5, pc6, pc7;
    byte pd0, pd1, pd2, pd3, pd4, pd5, pd6, pd7;
    byte pe0, pe1, pe2, pe3, pe4, pe5, pe6, pe7;
    byte pf0, pf1, pf2, pf3, pf4, pf5, pf6, pf7;
}

/** The value itself, accessed only through {@link Sequence}'s var handle. */
abstract class SequenceValue extends SequenceLeftPadding
{
    long value;
}

/** 128 bytes after the value. */
abstract class SequenceRightPadding extends SequenceValue
{
    byte q00, q01, q02, q03, q04, q05, q06, q07;
    byte q10, q11, q12, q13, q14, q15, q16, q17;
    byte q20, q21, q22, q23, q24, q25, q26, q27;
    byte q30, q31, q32, q33, q34, q35, q36, q37;
    byte q40, q41, q42, q43, q44, q45, q46, q47;
    byte q50, q51, q52, q53, q54, q55, q56, q57;
    byte q60, q61, q62, q63, q64, q65, q66, q67;
    byte q70, q71, q72, q73, q74, q75, q76, q77;
    byte q80, q81, q82, q83, q84, q85, q86, q87;
    byte q90, q91, q92, q93, q94, q95, q96, q97;
    byte qa0, qa1, qa2, qa3, qa4, qa5, qa6, qa7;
    byte qb0, qb1, qb2, qb3, qb4, qb5, qb6, qb7;
    byte qc0, qc1, qc2, qc3, qc4, qc5, qc6, qc7;
    byte qd0, qd1, qd2, qd3, qd4, qd5, qd6, qd7;
    byte qe0, qe1, qe2, qe3, qe4, qe5, qe6, qe7;
    byte qf0, qf1, qf2, qf3, qf4, qf5, qf6, qf7;
}
