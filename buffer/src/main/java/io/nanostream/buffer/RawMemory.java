package io.nanostream.buffer;

import java.lang.foreign.MemorySegment;

/**
 * The switch for raw memory access, off by default: with {@code -Dnanostream.memory.raw=true} and native
 * access enabled for this module, every native and mapped buffer (the logs, the driver's files, direct
 * buffers) is a {@link RawAtomicBuffer}, which checks bounds but not liveness. With the property set and
 * native access off, buffers stay checked and one warning names the missing flag, so that the JDK never
 * prints its restricted-method warning on the library's behalf.
 */
final class RawMemory
{
    /** The system property that asks for raw access. */
    static final String PROPERTY = "nanostream.memory.raw";

    private static final boolean ENABLED = decide(System.getProperty(PROPERTY));

    private RawMemory()
    {
    }

    /** Whether buffers over native memory use raw access in this JVM. */
    static boolean enabled()
    {
        return ENABLED;
    }

    /** One segment over every address: the restricted call behind the raw path, made only once it is enabled. */
    static MemorySegment everything()
    {
        return MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    }

    static boolean decide(final String value)
    {
        if (value == null || value.equals("false"))
        {
            return false;
        }
        final System.Logger log = System.getLogger(RawMemory.class.getName());
        if (!value.equals("true"))
        {
            log.log(System.Logger.Level.WARNING, PROPERTY + "=" + value +
                " is neither true nor false; memory access stays checked");
            return false;
        }
        final Module module = RawMemory.class.getModule();
        if (!module.isNativeAccessEnabled())
        {
            log.log(System.Logger.Level.WARNING, PROPERTY +
                "=true needs native access, which is off; memory access stays checked. Add " +
                (module.isNamed() ? "--enable-native-access=" +
                module.getName() : "--enable-native-access=ALL-UNNAMED"));
            return false;
        }
        log.log(System.Logger.Level.INFO, PROPERTY +
            "=true: native and mapped memory is accessed raw (bounds checked, liveness not)");
        return true;
    }
}
