package io.nanostream.client.protocol;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The media drivers running embedded in this JVM, by directory, so that a client in the same process finds
 * one without being told where it is. A driver registers when it launches and leaves when it closes. Any
 * thread.
 */
public final class LocalDrivers
{
    private static final List<Path> DIRECTORIES = new CopyOnWriteArrayList<>();

    private LocalDrivers()
    {
    }

    /**
     * A driver launched in this JVM.
     *
     * @param directory its directory.
     */
    public static void register(final Path directory)
    {
        DIRECTORIES.add(directory);
    }

    /**
     * A driver in this JVM closed.
     *
     * @param directory its directory.
     */
    public static void unregister(final Path directory)
    {
        DIRECTORIES.remove(directory);
    }

    /**
     * The directories of the drivers running in this JVM.
     *
     * @return a snapshot, oldest first.
     */
    public static List<Path> directories()
    {
        return List.copyOf(DIRECTORIES);
    }
}
