package io.nanostream.natives.affinity;

import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * An immutable set of CPU numbers, read and written in the kernel's list form ({@code 0-3,8,10-11}), as in
 * {@code /sys/devices/system/cpu/online} and {@code Cpus_allowed_list}. Safe to share between threads.
 */
public final class CpuSet
{
    /** The largest CPU number a set may hold: the size of glibc's {@code cpu_set_t}, less one. */
    public static final int MAX_CPU = 1023;
    /** The set with no CPU. */
    public static final CpuSet EMPTY = new CpuSet(new BitSet());

    private final BitSet bits;

    private CpuSet(final BitSet bits)
    {
        this.bits = bits;
    }

    /**
     * Parses the kernel's list form: numbers and ranges separated by commas; blank is the empty set.
     *
     * @param list e.g. {@code 0-3,8}.
     * @return the set.
     * @throws IllegalArgumentException naming the part that is not a CPU number or range.
     */
    public static CpuSet parse(final String list)
    {
        final BitSet bits = new BitSet();
        final String text = list.trim();
        if (text.isEmpty())
        {
            return EMPTY;
        }
        for (final String part : text.split(","))
        {
            final String range = part.trim();
            final int dash = range.indexOf('-', 1);
            final int first = number(range, dash < 0 ? range : range.substring(0, dash));
            final int last = dash < 0 ? first : number(range, range.substring(dash + 1));
            if (last < first)
            {
                throw new IllegalArgumentException("'" + range + "' is a range that ends before it starts");
            }
            bits.set(first, last + 1);
        }
        return new CpuSet(bits);
    }

    /**
     * A set of the given CPUs.
     *
     * @param cpus CPU numbers from 0 to {@value #MAX_CPU}.
     * @return the set.
     */
    public static CpuSet of(final int... cpus)
    {
        final BitSet bits = new BitSet();
        for (final int cpu : cpus)
        {
            check(cpu, String.valueOf(cpu));
            bits.set(cpu);
        }
        return new CpuSet(bits);
    }

    /**
     * A set from a bit mask, as {@code sched_getaffinity} fills it: bit {@code n} of byte
     * {@code n / 8} is CPU {@code n}.
     *
     * @param mask the mask bytes.
     * @return the set.
     */
    public static CpuSet fromMask(final byte[] mask)
    {
        return new CpuSet(BitSet.valueOf(mask));
    }

    private static int number(final String whole, final String text)
    {
        final int cpu;
        try
        {
            cpu = Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + whole + "' is not a CPU number or range (e.g. 0, 2-3)");
        }
        check(cpu, whole);
        return cpu;
    }

    private static void check(final int cpu, final String text)
    {
        if (cpu < 0 || cpu > MAX_CPU)
        {
            throw new IllegalArgumentException("'" + text + "' is not a CPU number from 0 to " + MAX_CPU);
        }
    }

    /**
     * The mask {@code sched_setaffinity} takes: bit {@code n} of byte {@code n / 8} is CPU {@code n}.
     *
     * @param bytes the mask length, at least {@code (highest CPU + 8) / 8}.
     * @return the mask.
     */
    public byte[] toMask(final int bytes)
    {
        final byte[] mask = new byte[bytes];
        final byte[] set = bits.toByteArray();
        System.arraycopy(set, 0, mask, 0, Math.min(set.length, bytes));
        return mask;
    }

    /**
     * {@return whether the set holds a CPU}
     *
     * @param cpu the CPU number.
     */
    public boolean contains(final int cpu)
    {
        return cpu >= 0 && bits.get(cpu);
    }

    /**
     * {@return whether every CPU of another set is in this one}
     *
     * @param other the other set.
     */
    public boolean containsAll(final CpuSet other)
    {
        final BitSet missing = (BitSet)other.bits.clone();
        missing.andNot(bits);
        return missing.isEmpty();
    }

    /**
     * {@return the CPUs of this set that are not in another}
     *
     * @param other the other set.
     */
    public CpuSet minus(final CpuSet other)
    {
        final BitSet rest = (BitSet)bits.clone();
        rest.andNot(other.bits);
        return new CpuSet(rest);
    }

    /**
     * {@return the CPUs of both sets}
     *
     * @param other the other set.
     */
    public CpuSet union(final CpuSet other)
    {
        final BitSet all = (BitSet)bits.clone();
        all.or(other.bits);
        return new CpuSet(all);
    }

    /** {@return the CPU numbers, lowest first} */
    public IntStream stream()
    {
        return bits.stream();
    }

    /** {@return how many CPUs the set holds} */
    public int size()
    {
        return bits.cardinality();
    }

    /** {@return whether the set holds no CPU} */
    public boolean isEmpty()
    {
        return bits.isEmpty();
    }

    /** {@return the highest CPU number, or -1 for the empty set} */
    public int highest()
    {
        return bits.length() - 1;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof CpuSet set && set.bits.equals(bits);
    }

    @Override
    public int hashCode()
    {
        return bits.hashCode();
    }

    /** {@return the kernel's list form, e.g. {@code 0-3,8}; empty for the empty set} */
    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder();
        int cpu = bits.nextSetBit(0);
        while (cpu >= 0)
        {
            final int end = bits.nextClearBit(cpu) - 1;
            out.append(out.isEmpty() ? "" : ",").append(cpu);
            if (end > cpu)
            {
                out.append('-').append(end);
            }
            cpu = bits.nextSetBit(end + 1);
        }
        return out.toString();
    }
}
