package io.nanostream.natives.affinity;

/**
 * Whether a module may call restricted methods such as {@code Linker.downcallHandle}, asked before any
 * is called, so that the JDK never prints its restricted-method warning: the features that need native
 * calls stay off, with this class's reason, unless the user enabled native access.
 */
public final class NativeAccess
{
    private NativeAccess()
    {
    }

    /**
     * Why a module may not make native calls, or null if it may.
     *
     * @param module the module whose code makes the calls.
     * @return the reason and its fix, or null.
     */
    public static String whyNot(final Module module)
    {
        if (module.isNativeAccessEnabled())
        {
            return null;
        }
        return module.isNamed() ?
            "native access is not enabled for module " + module.getName() + "; add --enable-native-access=" + module.getName() :
            "native access is not enabled for the class path; add --enable-native-access=ALL-UNNAMED";
    }

    /**
     * Why a Linux-only native feature cannot run here, or null if it can: native access for the module, then Linux.
     *
     * @param module the module whose code makes the calls.
     * @param what   what needs Linux, for the message, e.g. {@code "mbind needs"}.
     * @return the reason and its fix, or null.
     */
    public static String whyNotOnLinux(final Module module, final String what)
    {
        final String noAccess = whyNot(module);
        if (noAccess != null)
        {
            return noAccess;
        }
        final String os = System.getProperty("os.name", "");
        return os.toLowerCase(java.util.Locale.ROOT).contains("linux") ? null : what + " Linux; this is " + os;
    }
}
