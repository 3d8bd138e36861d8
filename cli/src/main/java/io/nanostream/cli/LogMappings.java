package io.nanostream.cli;

import io.nanostream.natives.memory.MappingPolicy;
import io.nanostream.natives.memory.MappingUsage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the kernel backs the driver's log mappings, for {@code stat}: read from {@code /proc/<pid>/smaps} of the
 * driver's process (the pid in its control file), one row per mapped {@code *.logbuffer}: its size, what is
 * resident, and how much of it is in huge pages ({@code FilePmdMapped}, {@code ShmemPmdMapped},
 * {@code AnonHugePages}, or all of it on hugetlbfs); and its NUMA policy from {@code /proc/<pid>/numa_maps}
 * ({@code bind:0}, {@code default}; {@code -} if the kernel has no NUMA). What the kernel gave, not what was asked for.
 * Used by the command's one thread.
 */
final class LogMappings
{
    private LogMappings()
    {
    }

    /**
     * Appends a logs table: file, size, resident, in huge pages, NUMA policy.
     *
     * @param out  the screen.
     * @param proc the proc root, {@code /proc}.
     * @param pid  the driver's process.
     */
    static void render(final StringBuilder out, final Path proc, final long pid)
    {
        final List<MappingUsage> logs;
        try
        {
            logs = MappingUsage.ofProcess(proc, pid, path -> path.endsWith(".logbuffer"));
        }
        catch (final IOException | RuntimeException ex)
        {
            out.append("logs: cannot read /proc/").append(pid).append("/smaps (").append(ex.getMessage())
                .append("): the driver runs in another PID namespace, or as another user\n");
            return;
        }
        if (logs.isEmpty())
        {
            out.append("logs: none mapped by pid ").append(pid).append('\n');
            return;
        }
        final Map<Long, String> policies = policies(proc, pid);
        out.append(String.format(Locale.ROOT, "%9s %9s %9s %9s %5s  %-10s %s%n", "log size", "resident", "huge", "page",
            "huge%", "numa", "log file"));
        for (final MappingUsage log : logs)
        {
            out.append(String.format(Locale.ROOT, "%9s %9s %9s %9s %4d%%  %-10s %s%n", size(log.sizeBytes()),
                size(log.rssBytes()), size(log.hugeBytes()), size(log.kernelPageSize()), log.sizeBytes() == 0 ?
                0 : 100 * log.hugeBytes() / log.sizeBytes(), policies.getOrDefault(log.address(), "-"), log.path()));
        }
    }

    /** The NUMA policy of each log mapping, by address; none if numa_maps cannot be read (a kernel without NUMA). */
    private static Map<Long, String> policies(final Path proc, final long pid)
    {
        final Map<Long, String> policies = new HashMap<>();
        try
        {
            MappingPolicy.ofProcess(proc, pid,
                path -> path.endsWith(".logbuffer")).forEach(log -> policies.put(log.address(), log.policy()));
        }
        catch (final IOException | RuntimeException ex)
        {
            // shown as "-"
        }
        return policies;
    }

    /** Bytes with a binary suffix: {@code 48m}, {@code 4k}, {@code 1.5g}. */
    static String size(final long bytes)
    {
        final String[] units = {"", "k", "m", "g", "t"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value == Math.rint(value) ? (long)value + units[unit] : String.format(Locale.ROOT, "%.1f%s", value,
            units[unit]);
    }
}
