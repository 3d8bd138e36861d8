package io.nanostream.natives.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How the kernel backs one mapping of a process, as {@code /proc/<pid>/smaps} tells it: its size, what is
 * resident, and how much of that is in huge pages ({@code FilePmdMapped} for files, {@code ShmemPmdMapped} for
 * tmpfs, {@code AnonHugePages}; hugetlbfs mappings count whole, as their {@code KernelPageSize} is huge).
 * Immutable.
 *
 * @param path           the mapped file.
 * @param address        where the mapping starts.
 * @param sizeBytes      its length.
 * @param rssBytes       its resident bytes ({@code Rss}, plus {@code Shared_Hugetlb} and {@code
 * Private_Hugetlb}, which it leaves out).
 * @param hugeBytes      its bytes mapped with huge pages.
 * @param kernelPageSize the page size the kernel maps it with: 4096, or the huge page size on hugetlbfs.
 */
public record MappingUsage(String path, long address, long sizeBytes, long rssBytes, long hugeBytes,
    long kernelPageSize)
{
    /**
     * The mappings of a process whose file matches a filter.
     *
     * @param proc   the proc root, {@code /proc}.
     * @param pid    the process.
     * @param filter which mapped files to keep, by path.
     * @return the mappings, in address order.
     * @throws IOException if the process's smaps cannot be read (another user, another PID namespace, gone).
     */
    public static List<MappingUsage> ofProcess(final Path proc, final long pid,
        final Predicate<String> filter) throws IOException
    {
        return parse(Files.readString(proc.resolve(Long.toString(pid)).resolve("smaps")), filter);
    }

    /**
     * Parses the text of an smaps file.
     *
     * @param smaps  the text.
     * @param filter which mapped files to keep, by path.
     * @return the mappings, in the order given.
     */
    public static List<MappingUsage> parse(final String smaps, final Predicate<String> filter)
    {
        final List<MappingUsage> mappings = new ArrayList<>();
        String path = null;
        long address = 0;
        long size = 0;
        long rss = 0;
        long huge = 0;
        long hugetlb = 0;
        long pageSize = 4096;
        for (final String line : smaps.split("\n"))
        {
            final int colon = line.indexOf(':');
            final boolean header = colon < 0 || line.indexOf(' ') < colon; // "start-end perms offset dev inode path"
            if (header && !line.isBlank())
            {
                if (path != null)
                {
                    mappings.add(new MappingUsage(path, address, size, rss + hugetlb, huge > 0 ? huge : hugetlb,
                        pageSize));
                }
                final String[] fields = line.trim().split("\\s+", 6);
                path = fields.length == 6 && filter.test(fields[5]) ? fields[5] : null;
                address = Long.parseUnsignedLong(fields[0].substring(0, fields[0].indexOf('-')), 16);
                size = rss = huge = hugetlb = 0;
                pageSize = 4096;
                continue;
            }
            if (path == null || header)
            {
                continue;
            }
            final String key = line.substring(0, colon);
            switch (key)
            {
                case "Size" -> size = kilobytes(line, colon);
                case "Rss" -> rss = kilobytes(line, colon);
                case "FilePmdMapped", "ShmemPmdMapped", "AnonHugePages" -> huge += kilobytes(line, colon);
                case "Shared_Hugetlb", "Private_Hugetlb" -> hugetlb += kilobytes(line, colon);
                case "KernelPageSize" -> pageSize = kilobytes(line, colon);
                default -> { }
            }
        }
        if (path != null)
        {
            mappings.add(new MappingUsage(path, address, size, rss + hugetlb, huge > 0 ? huge : hugetlb, pageSize));
        }
        return mappings;
    }

    private static long kilobytes(final String line, final int colon)
    {
        final String value = line.substring(colon + 1).trim();
        final int space = value.indexOf(' ');
        return Long.parseLong(space < 0 ? value : value.substring(0, space)) * 1024;
    }
}
