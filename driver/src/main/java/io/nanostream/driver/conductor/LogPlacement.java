package io.nanostream.driver.conductor;

import java.nio.file.Path;

/**
 * Where the conductor puts logs and how it makes them, decided once at launch from the driver's log storage
 * setting and the file system found there. Immutable.
 *
 * @param directory    where logs go; null for the driver directory's publications directory.
 * @param hugePageSize the huge page size of that directory's file system, or 0: logs whose terms are at least this
 *                     long are laid out in whole huge pages and touched through their mapping at creation.
 * @param hugetlbfs    whether that file system is hugetlbfs (no {@code write}; logs with smaller terms go to the
 *                     publications directory instead).
 * @param advise       whether each new log's mapping is given {@code madvise(MADV_HUGEPAGE)} (native access is on).
 * @param numaNode     the NUMA node each new log's mapping is bound to with {@code mbind} before it is touched, or -1.
 */
public record LogPlacement(Path directory, int hugePageSize, boolean hugetlbfs, boolean advise, int numaNode)
{
    /** {@return logs in the publications directory, made as before huge pages and NUMA binding: the default} */
    public static LogPlacement inDriverDirectory()
    {
        return new LogPlacement(null, 0, false, false, -1);
    }

    /**
     * This placement with logs bound to a NUMA node.
     *
     * @param node the node, or -1 for none.
     * @return the placement.
     */
    public LogPlacement withNumaNode(final int node)
    {
        return new LogPlacement(directory, hugePageSize, hugetlbfs, advise, node);
    }

    /**
     * Whether a log of a term length goes in huge pages.
     *
     * @param termLength the term length.
     * @return true if its terms fill whole huge pages.
     */
    boolean hugeFor(final int termLength)
    {
        return hugePageSize > 0 && termLength >= hugePageSize;
    }
}
