package io.nanostream.natives.memory;

import io.nanostream.natives.affinity.NativeAccess;

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
 * Sets the NUMA memory policy of a mapping: Linux's {@code mbind(addr, len, mode, nodemask, maxnode, flags)}, called as
 * a system call through the C library's {@code syscall} function and the FFM {@link Linker} (glibc does not export
 * {@code mbind}; that wrapper is libnuma's, which is not needed). Linking is a restricted method, so nothing is linked
 * unless {@link #unavailableReason()} is null: with native access disabled the JDK prints no warning, and callers
 * report the reason instead. The policy governs pages allocated after the call; with {@code MPOL_MF_MOVE}, pages this
 * process alone has already mapped there are moved too. The kernel shows the policy in {@code /proc/<pid>/numa_maps}
 * (see {@link MappingPolicy}). Stateless and safe from any thread.
 */
public final class NumaBinding
{
    /** Linux's {@code MPOL_PREFERRED}: allocate on the node, or elsewhere if it is full. */
    static final int MPOL_PREFERRED = 1;
    /** Linux's {@code MPOL_BIND}: allocate on the node only. */
    static final int MPOL_BIND = 2;
    /** Linux's {@code MPOL_MF_MOVE}: move pages of the range mapped by this process only. */
    static final int MPOL_MF_MOVE = 1 << 1;
    /** The highest node a mask here can name, plus one: 1024 bits, as libnuma's default. */
    static final int MAX_NODES = 1024;
    private static final long PAGE = 4096;

    private NumaBinding()
    {
    }

    /**
     * Why this process cannot set memory policies, or null if it can: native access must be enabled for the module
     * this class is in, the system must be Linux on x86_64 or aarch64 (the {@code mbind} system call's number is
     * known there), and the C library must have {@code syscall}.
     *
     * @return the reason and its fix, or null.
     */
    public static String unavailableReason()
    {
        final String notHere = NativeAccess.whyNotOnLinux(NumaBinding.class.getModule(), "mbind needs");
        if (notHere != null)
        {
            return notHere;
        }
        if (systemCallNumber() < 0)
        {
            return "mbind's system call number is not known for " + System.getProperty("os.arch") +
                "; x86_64 and aarch64 are";
        }
        return Calls.LINK_FAILURE;
    }

    /**
     * Binds a mapping to one node: its pages come from that node only ({@code MPOL_BIND}), and those this process
     * alone has mapped already are moved there ({@code MPOL_MF_MOVE}).
     *
     * @param mapping a native segment, e.g. a whole mapped file; widened to whole pages.
     * @param node    the node, from 0.
     * @throws IllegalStateException with the reason and errno, if binding is unavailable or the kernel refuses it.
     */
    public static void bind(final MemorySegment mapping, final int node)
    {
        mbind(mapping, node, MPOL_BIND, "MPOL_BIND");
    }

    /**
     * Prefers one node for a mapping: its pages come from that node while it has room ({@code MPOL_PREFERRED}), and
     * those this process alone has mapped already are moved there.
     *
     * @param mapping a native segment, e.g. a whole mapped file; widened to whole pages.
     * @param node    the node, from 0.
     * @throws IllegalStateException with the reason and errno, if binding is unavailable or the kernel refuses it.
     */
    public static void prefer(final MemorySegment mapping, final int node)
    {
        mbind(mapping, node, MPOL_PREFERRED, "MPOL_PREFERRED");
    }

    private static void mbind(final MemorySegment mapping, final int node, final int mode, final String modeName)
    {
        final String reason = unavailableReason();
        if (reason != null)
        {
            throw new IllegalStateException("NUMA binding is off: " + reason);
        }
        if (node < 0 || node >= MAX_NODES)
        {
            throw new IllegalArgumentException("NUMA node " + node + " is not from 0 to " + (MAX_NODES - 1));
        }
        final long start = mapping.address() & -PAGE;
        final long length = (mapping.address() + mapping.byteSize() - start + PAGE - 1) & -PAGE;
        final String call = "mbind(0x" + Long.toHexString(start) + ", " + length + ", " + modeName + ", node " + node +
            ")";
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mask = arena.allocate(MAX_NODES / 8, 8);
            mask.set(ValueLayout.JAVA_LONG, (node / 64) * 8L, 1L << (node % 64));
            final MemorySegment state = arena.allocate(Calls.STATE_LAYOUT);
            // maxnode counts one more than the mask's bits: the kernel takes one off
            final long result = (long)Calls.SYSCALL.invokeExact(state, systemCallNumber(), start, length, (long)mode,
                mask.address(), (long)MAX_NODES + 1, (long)MPOL_MF_MOVE);
            if (result != 0)
            {
                final int errno = (int)Calls.ERRNO.get(state, 0L);
                throw new IllegalStateException(call + " failed with errno " + errno + explain(errno));
            }
        }
        catch (final IllegalStateException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(call + " failed: " + ex, ex);
        }
    }

    private static String explain(final int errno)
    {
        return switch (errno)
        {
            case 1 -> " (EPERM: the process may not set memory policies; a container may need CAP_SYS_NICE or a seccomp profile allowing mbind)";
            case 5 -> " (EIO: pages could not be moved)";
            case 14 -> " (EFAULT: part of the range is not mapped)";
            case 22 -> " (EINVAL: the node does not exist or has no memory, or the range is not page aligned)";
            case 38 -> " (ENOSYS: the kernel was built without NUMA)";
            default -> "";
        };
    }

    /** {@return {@code SYS_mbind} on this architecture, or -1} */
    static long systemCallNumber()
    {
        return switch (System.getProperty("os.arch", ""))
        {
            case "amd64", "x86_64" -> 237;
            case "aarch64" -> 235;
            default -> -1;
        };
    }

    /** The linked call; initialised on first use, only after native access was found enabled. */
    private static final class Calls
    {
        static final StructLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SYSCALL;
        static final String LINK_FAILURE;

        static
        {
            MethodHandle syscall = null;
            String failure = null;
            try
            {
                final Linker linker = Linker.nativeLinker();
                final MemorySegment symbol = linker.defaultLookup().find("syscall")
                    .orElseThrow(() -> new IllegalStateException("syscall not found"));
                // long syscall(long number, ...): six variadic longs for mbind, with errno captured
                final ValueLayout.OfLong arg = ValueLayout.JAVA_LONG;
                syscall = linker.downcallHandle(symbol, FunctionDescriptor.of(arg, arg, arg, arg, arg, arg, arg, arg),
                    Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
            }
            catch (final RuntimeException ex)
            {
                failure = "the C library has no syscall function: " + ex.getMessage();
            }
            SYSCALL = syscall;
            LINK_FAILURE = failure;
        }
    }
}
