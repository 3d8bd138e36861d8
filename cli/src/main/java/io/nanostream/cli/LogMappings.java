package io.nanostream.cli;

import io.nanostream.concurrent.memory.MappingUsage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the kernel backs the driver's log mappings, for {@code stat}: read from {@code /proc/<pid>/smaps} of the
 * driver's process (the pid in its control file), one row per mapped {@code *.logbuffer}: its size, what is
 * resident, and how much of it is in huge pages ({@code FilePmdMapped}, {@code ShmemPmdMapped},
 * {@code AnonHugePages}, or all of it on hugetlbfs). What the kernel gave, not what was asked for. Used by the
 * command's one thread.
 */
final class LogMappings
{
    private LogMappings()
    {
    }

    /**
     * Appends a logs table: file, size, resident, in huge pages.
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
        out.append(String.format(Locale.ROOT, "%9s %9s %9s %9s %5s  %s%n", "log size", "resident", "huge", "page", "huge%", "log file"));
        for (final MappingUsage log : logs)
        {
            out.append(String.format(Locale.ROOT, "%9s %9s %9s %9s %4d%%  %s%n", size(log.sizeBytes()), size(log.rssBytes()),
                size(log.hugeBytes()), size(log.kernelPageSize()), log.sizeBytes() == 0 ? 0 : 100 * log.hugeBytes() / log.sizeBytes(),
                log.path()));
        }
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
        return value == Math.rint(value) ? (long)value + units[unit] : String.format(Locale.ROOT, "%.1f%s", value, units[unit]);
    }
}
