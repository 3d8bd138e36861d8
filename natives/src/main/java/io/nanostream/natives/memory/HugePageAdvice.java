package io.nanostream.natives.memory;

import io.nanostream.natives.affinity.NativeAccess;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Asks Linux to back a mapping with transparent huge pages: {@code madvise(addr, len, MADV_HUGEPAGE)}, called
 * through the FFM {@link Linker}. Linking is a restricted method, so nothing is linked unless
 * {@link #unavailableReason()} is null: with native access disabled the JDK prints no warning, and callers
 * report the reason instead. Stateless and safe from any thread.
 */
public final class HugePageAdvice
{
    /** Linux's {@code MADV_HUGEPAGE}. */
    static final int MADV_HUGEPAGE = 14;

    private HugePageAdvice()
    {
    }

    /**
     * Why this process cannot advise huge pages, or null if it can: native access must be enabled for the module
     * this class is in, and the C library must have {@code madvise} (Linux).
     *
     * @return the reason and its fix, or null.
     */
    public static String unavailableReason()
    {
        final String notHere = NativeAccess.whyNotOnLinux(HugePageAdvice.class.getModule(),
            "madvise(MADV_HUGEPAGE) needs");
        if (notHere != null)
        {
            return notHere;
        }
        return Calls.LINK_FAILURE;
    }

    /**
     * Advises huge pages for a mapping. The kernel decides: the advice takes effect where transparent huge pages
     * are in {@code madvise} or {@code always} mode (for tmpfs files: a mount with {@code huge=advise} or more).
     *
     * @param mapping a native segment that starts on a page boundary, e.g. a whole mapped file.
     * @throws IllegalStateException with the reason, if advice is unavailable or the kernel refuses it.
     */
    public static void advise(final MemorySegment mapping)
    {
        final String reason = unavailableReason();
        if (reason != null)
        {
            throw new IllegalStateException("huge page advice is off: " + reason);
        }
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined())
        {
            final MemorySegment state = arena.allocate(Calls.STATE_LAYOUT);
            final int result = (int)Calls.MADVISE.invokeExact(state, MemorySegment.ofAddress(mapping.address()),
                mapping.byteSize(), MADV_HUGEPAGE);
            if (result != 0)
            {
                final int errno = (int)Calls.ERRNO.get(state, 0L);
                throw new IllegalStateException("madvise(MADV_HUGEPAGE) on " + mapping.byteSize() + " bytes at 0x" +
                    Long.toHexString(mapping.address()) + " failed with errno " + errno +
                    (errno == 22 ? " (EINVAL: the kernel has no transparent huge pages, or the address is not page aligned)" : ""));
            }
        }
        catch (final IllegalStateException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("madvise(MADV_HUGEPAGE) failed: " + ex, ex);
        }
    }

    /** The linked call; initialised on first use, only after native access was found enabled. */
    private static final class Calls
    {
        static final StructLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle MADVISE;
        static final String LINK_FAILURE;

        static
        {
            MethodHandle madvise = null;
            String failure = null;
            try
            {
                final Linker linker = Linker.nativeLinker();
                final MemorySegment symbol = linker.defaultLookup().find("madvise")
                    .orElseThrow(() -> new IllegalStateException("madvise not found"));
                // int madvise(void *addr, size_t length, int advice), with errno captured
                madvise = linker.downcallHandle(symbol,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT), Linker.Option.captureCallState("errno"));
            }
            catch (final RuntimeException ex)
            {
                failure = "the C library has no madvise: " + ex.getMessage();
            }
            MADVISE = madvise;
            LINK_FAILURE = failure;
        }
    }
}
