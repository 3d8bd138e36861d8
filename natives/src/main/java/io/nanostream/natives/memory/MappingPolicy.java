package io.nanostream.natives.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The NUMA memory policy of one mapping of a process, as {@code /proc/<pid>/numa_maps} tells it: one line per mapping,
 * {@code <address> <policy> file=<path> ... N<node>=<pages> ...}, where the policy is {@code default}, {@code bind:0},
 * {@code prefer:1}, {@code interleave:0-1}, {@code bind=static:0} and so on. Immutable.
 *
 * @param address       where the mapping starts.
 * @param policy        the policy as the kernel writes it, e.g. {@code bind:0}.
 * @param path          the mapped file.
 * @param pagesPerNode  how many of its pages sit on each node ({@code N0=12}), by node.
 */
public record MappingPolicy(long address, String policy, String path, Map<Integer, Long> pagesPerNode)
{
    /** Where a policy ends: the first of the kernel's keys after it. */
    private static final Pattern KEY = Pattern.compile(
        " (?=(?:file|anon|dirty|mapped|mapmax|swapcache|active|writeback|kernelpagesize_kB|N\\d+)=|(?:heap|stack|huge)(?: |$))");
    /** Where a file's path ends: the first of the keys that can follow it. */
    private static final Pattern AFTER_PATH = Pattern.compile(
        " (?=(?:anon|dirty|mapped|mapmax|swapcache|active|writeback|kernelpagesize_kB|N\\d+)=|huge(?: |$))");

    /**
     * The mappings of a process whose file matches a filter.
     *
     * @param proc   the proc root, {@code /proc}.
     * @param pid    the process.
     * @param filter which mapped files to keep, by path.
     * @return the mappings, in address order.
     * @throws IOException if the process's numa_maps cannot be read (a kernel without NUMA, another user, gone).
     */
    public static List<MappingPolicy> ofProcess(final Path proc, final long pid,
        final Predicate<String> filter) throws IOException
    {
        return parse(Files.readString(proc.resolve(Long.toString(pid)).resolve("numa_maps")), filter);
    }

    /**
     * Parses the text of a numa_maps file; mappings without a file are left out.
     *
     * @param numaMaps the text.
     * @param filter   which mapped files to keep, by path.
     * @return the mappings, in the order given.
     */
    public static List<MappingPolicy> parse(final String numaMaps, final Predicate<String> filter)
    {
        final List<MappingPolicy> mappings = new ArrayList<>();
        for (final String line : numaMaps.split("\n"))
        {
            final int space = line.indexOf(' ');
            final int file = line.indexOf(" file=");
            if (space < 0 || file < 0)
            {
                continue;
            }
            final String[] policyEnd = KEY.split(line.substring(space + 1), 2);
            final String rest = line.substring(file + " file=".length());
            final String[] pathAndRest = AFTER_PATH.split(rest, 2);
            if (!filter.test(pathAndRest[0]))
            {
                continue;
            }
            final Map<Integer, Long> pages = new TreeMap<>();
            if (pathAndRest.length == 2)
            {
                for (final String field : pathAndRest[1].split(" "))
                {
                    final int equals = field.indexOf('=');
                    if (field.startsWith("N") && equals > 1 &&
                        field.substring(1, equals).chars().allMatch(Character::isDigit))
                    {
                        pages.put(Integer.parseInt(field.substring(1, equals)), Long.parseLong(field.substring(equals +
                            1)));
                    }
                }
            }
            mappings.add(new MappingPolicy(Long.parseUnsignedLong(line.substring(0, space), 16), policyEnd[0],
                pathAndRest[0], Map.copyOf(pages)));
        }
        return mappings;
    }

    /**
     * {@return the pages per node as the kernel writes them, e.g. {@code N0=12 N1=3}, or {@code -} for none resident}
     */
    public String pages()
    {
        final StringBuilder out = new StringBuilder();
        new TreeMap<>(pagesPerNode).forEach((node, count) -> out.append(out.isEmpty() ?
            "" : " ").append('N').append(node).append('=').append(count));
        return out.isEmpty() ? "-" : out.toString();
    }
}
