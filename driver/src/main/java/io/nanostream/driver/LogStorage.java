package io.nanostream.driver;

import java.nio.file.Path;

/**
 * Where the driver puts its logs, part of {@link DriverContext} ({@link DriverContext#logStorage()}): by default
 * the {@code publications} directory inside the driver directory; or a directory of its own, such as a hugetlbfs
 * mount or a tmpfs mounted with {@code huge=always}, so that the logs sit in huge pages. The driver keeps its logs
 * in a subdirectory named after the driver directory there, and deletes only the logs it made. Starts from
 * {@code nanostream.log.dir}. It also says which NUMA node the logs' memory is bound to
 * ({@code nanostream.numa.bind}), and whether new logs stay sparse ({@code nanostream.term.buffer.sparse.file}). Not
 * thread-safe: configure, then launch.
 */
public final class LogStorage
{
    private Path directory = logDirectoryProperty();
    private String numaBind = DriverProperties.NUMA_BIND.read();
    private boolean sparse = DriverProperties.SPARSE_FILES.read();

    LogStorage()
    {
    }

    private static Path logDirectoryProperty()
    {
        final String value = DriverProperties.LOG_DIR.read();
        return value.isEmpty() ? null : Path.of(value);
    }

    /**
     * Sets the directory logs go in ({@code nanostream.log.dir}); it must exist. Terms on a huge page file
     * system must be at least one huge page long (checked by {@link DriverContext#conclude()}).
     *
     * @param directory the directory, e.g. {@code /mnt/huge}; null for the driver directory.
     * @return this.
     */
    public LogStorage directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /** {@return the directory logs go in, or null for the driver directory's publications directory} */
    public Path directory()
    {
        return directory;
    }

    /**
     * Sets the NUMA node each log's memory is bound to ({@code nanostream.numa.bind}), with {@code mbind}, which
     * needs native access: {@code off}; {@code auto}, the node of the CPUs the conductor runs on (those
     * {@code nanostream.affinity} gives it, else those the process may use), only if the machine has more than
     * one node and those CPUs are all on one; or a node number, checked against the machine's nodes by
     * {@link DriverContext#conclude()}.
     *
     * @param numaBind {@code off}, {@code auto} or a node number; null for off.
     * @return this.
     */
    public LogStorage numaBind(final String numaBind)
    {
        this.numaBind = numaBind == null || numaBind.isBlank() ? NumaPlan.OFF : numaBind.trim();
        return this;
    }

    /** {@return {@code off}, {@code auto} or the node number logs are bound to} */
    public String numaBind()
    {
        return numaBind;
    }

    /**
     * Sets whether new logs stay sparse (default false: logs are written through at creation, so no page fault or
     * disk-full surprise waits for the hot path; {@code nanostream.term.buffer.sparse.file}).
     *
     * @param sparse true for sparse.
     * @return this.
     */
    public LogStorage sparseFiles(final boolean sparse)
    {
        this.sparse = sparse;
        return this;
    }

    /** {@return whether new logs stay sparse} */
    public boolean sparseFiles()
    {
        return sparse;
    }
}
