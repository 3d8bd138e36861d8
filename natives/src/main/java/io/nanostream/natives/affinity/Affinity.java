package io.nanostream.natives.affinity;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Pins the calling thread to CPUs with Linux's {@code sched_setaffinity}, called through the FFM
 * {@link Linker}. Linking is a restricted method, so nothing is linked unless {@link #unavailableReason()}
 * is null: with native access disabled the JDK prints no warning, and callers report the reason instead.
 * Stateless and safe from any thread; each call acts on the calling thread only.
 */
public final class Affinity
{
    /** Bytes of glibc's {@code cpu_set_t}: 1024 CPUs. */
    static final int MASK_BYTES = (CpuSet.MAX_CPU + 1) / 8;

    private Affinity()
    {
    }

    /**
     * Why this process cannot pin threads, or null if it can: native access must be enabled for the module
     * this class is in, and the C library must have {@code sched_setaffinity} (Linux).
     *
     * @return the reason and its fix, or null.
     */
    public static String unavailableReason()
    {
        final String notHere = NativeAccess.whyNotOnLinux(Affinity.class.getModule(), "CPU affinity needs");
        if (notHere != null)
        {
            return notHere;
        }
        return Calls.LINK_FAILURE;
    }

    /** {@return whether {@link #pinCurrentThread(CpuSet)} can work here} */
    public static boolean isAvailable()
    {
        return unavailableReason() == null;
    }

    /**
     * Restricts the calling thread to a set of CPUs.
     *
     * @param cpus the CPUs; not empty.
     * @throws IllegalStateException with the reason, if affinity is unavailable or the kernel refuses the set
     *                               (for example a CPU that is offline or outside the process's cgroup).
     */
    public static void pinCurrentThread(final CpuSet cpus)
    {
        pinThread(0, cpus);
    }

    /**
     * Restricts another thread of this process to a set of CPUs, by its kernel thread id (as
     * {@code /proc/self/task} lists them; see {@link ThreadPlacement}), e.g. a thread a library started.
     *
     * @param tid  the kernel thread id; 0 for the calling thread.
     * @param cpus the CPUs; not empty.
     * @throws IllegalStateException with the reason, if affinity is unavailable or the kernel refuses
     *                               (for example a thread that has ended: ESRCH).
     */
    public static void pinThread(final int tid, final CpuSet cpus)
    {
        requireAvailable();
        if (cpus.isEmpty())
        {
            throw new IllegalArgumentException("cannot pin a thread to no CPU");
        }
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mask = arena.allocate(MASK_BYTES, 8);
            mask.copyFrom(MemorySegment.ofArray(cpus.toMask(MASK_BYTES)));
            final MemorySegment state = arena.allocate(Calls.STATE_LAYOUT);
            final int result = (int)Calls.SET.invokeExact(state, tid, (long)MASK_BYTES, mask);
            if (result != 0)
            {
                final int errno = (int)Calls.ERRNO.get(state, 0L);
                throw new IllegalStateException("sched_setaffinity(" + (tid == 0 ? "" : "thread " + tid + ", ") + cpus +
                    ") failed with errno " + errno +
                    (errno == 22 ? " (EINVAL: no CPU of the set is online and allowed to this process)" : errno == 3 ?
                    " (ESRCH: no such thread)" : ""));
            }
        }
        catch (final IllegalStateException | IllegalArgumentException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("sched_setaffinity(" + cpus + ") failed: " + ex, ex);
        }
    }

    /**
     * The CPUs the calling thread may run on, from {@code sched_getaffinity}.
     *
     * @return the set.
     * @throws IllegalStateException if affinity is unavailable or the call fails.
     */
    public static CpuSet currentThreadCpus()
    {
        requireAvailable();
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mask = arena.allocate(MASK_BYTES, 8);
            final MemorySegment state = arena.allocate(Calls.STATE_LAYOUT);
            final int result = (int)Calls.GET.invokeExact(state, 0, (long)MASK_BYTES, mask);
            if (result != 0)
            {
                throw new IllegalStateException("sched_getaffinity failed with errno " + (int)Calls.ERRNO.get(state,
                    0L));
            }
            return CpuSet.fromMask(mask.toArray(ValueLayout.JAVA_BYTE));
        }
        catch (final IllegalStateException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("sched_getaffinity failed: " + ex, ex);
        }
    }

    private static void requireAvailable()
    {
        final String reason = unavailableReason();
        if (reason != null)
        {
            throw new IllegalStateException("CPU affinity is off: " + reason);
        }
    }

    /** The linked calls; initialised on first use, only after native access was found enabled. */
    private static final class Calls
    {
        static final StructLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SET;
        static final MethodHandle GET;
        static final String LINK_FAILURE;

        static
        {
            MethodHandle set = null;
            MethodHandle get = null;
            String failure = null;
            try
            {
                set = link("sched_setaffinity");
                get = link("sched_getaffinity");
            }
            catch (final RuntimeException ex)
            {
                failure = "the C library has no sched_setaffinity/sched_getaffinity: " + ex.getMessage();
            }
            SET = set;
            GET = get;
            LINK_FAILURE = failure;
        }

        private static MethodHandle link(final String name)
        {
            final Linker linker = Linker.nativeLinker();
            final MemorySegment symbol = linker.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException(name + " not found"));
            // int name(pid_t pid, size_t cpusetsize, cpu_set_t *mask), with errno captured
            return linker.downcallHandle(symbol,
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                ValueLayout.ADDRESS), Linker.Option.captureCallState("errno"));
        }
    }
}
