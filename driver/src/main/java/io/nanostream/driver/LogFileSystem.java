package io.nanostream.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The file system a log directory is on, as far as huge pages go: found as the longest mount point in
 * {@code /proc/self/mounts} that holds the directory. hugetlbfs gives huge pages of its {@code pagesize=} (or
 * {@code Hugepagesize} in {@code /proc/meminfo}); a tmpfs gives transparent huge pages of the PMD size if mounted
 * with {@code huge=always} or {@code huge=within_size}, and on {@code madvise} if mounted with {@code huge=advise}.
 * Immutable.
 *
 * @param mountPoint   where the file system is mounted.
 * @param type         its type, e.g. {@code hugetlbfs}, {@code tmpfs}, {@code ext4}.
 * @param hugeOption   a tmpfs's {@code huge=} option, {@code never} if it has none; blank for other types.
 * @param hugePageSize the huge page size its files can have (hugetlbfs: its page size; tmpfs: the PMD size), or 0.
 */
record LogFileSystem(Path mountPoint, String type, String hugeOption, int hugePageSize)
{
    private static final int DEFAULT_PMD_SIZE = 2 * 1024 * 1024;

    /** {@return whether every page of a file here is a huge page} */
    boolean isHugetlbfs()
    {
        return type.equals("hugetlbfs");
    }

    /**
     * {@return whether files here get huge pages without being asked: hugetlbfs, or tmpfs
     * with huge=always or within_size}
     */
    boolean hugeByMount()
    {
        return isHugetlbfs() || type.equals("tmpfs") && (hugeOption.equals("always") ||
            hugeOption.equals("within_size"));
    }

    /** {@return whether files here get huge pages only where madvise(MADV_HUGEPAGE) asks: tmpfs with huge=advise} */
    boolean hugeOnAdvice()
    {
        return type.equals("tmpfs") && hugeOption.equals("advise");
    }

    /** {@return e.g. {@code hugetlbfs}, {@code tmpfs huge=never} or {@code ext4}} */
    String describe()
    {
        return type.equals("tmpfs") ? "tmpfs huge=" + hugeOption : type;
    }

    /**
     * The file system of a directory on this machine.
     *
     * @param directory the directory, or a path under a directory that exists.
     * @return its file system; type {@code unknown} if the mount table cannot be read.
     */
    static LogFileSystem of(final Path directory)
    {
        try
        {
            return parse(realPath(directory), Files.readString(Path.of("/proc/self/mounts")), hugetlbPageSize(),
                pmdSize());
        }
        catch (final IOException | RuntimeException ex)
        {
            return new LogFileSystem(directory, "unknown", "", 0);
        }
    }

    /**
     * Finds the file system of a directory in a mount table.
     *
     * @param directory        the directory, absolute and without symbolic links.
     * @param mounts           the text of {@code /proc/self/mounts}.
     * @param hugetlbPageSize  the default hugetlbfs page size ({@code Hugepagesize}), for
     * mounts without {@code pagesize=}.
     * @param pmdSize          the transparent huge page size ({@code hpage_pmd_size}).
     * @return the longest mount point holding the directory (the last mounted, where several share it).
     */
    static LogFileSystem parse(final Path directory, final String mounts, final int hugetlbPageSize, final int pmdSize)
    {
        LogFileSystem best = new LogFileSystem(Path.of("/"), "unknown", "", 0);
        int bestDepth = -1;
        for (final String line : mounts.split("\n"))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length < 4)
            {
                continue;
            }
            final Path mountPoint = Path.of(unescape(fields[1]));
            if (!directory.startsWith(mountPoint) || mountPoint.getNameCount() < bestDepth)
            {
                continue;
            }
            bestDepth = mountPoint.getNameCount();
            final String type = fields[2];
            String huge = type.equals("tmpfs") ? "never" : "";
            int pageSize = type.equals("hugetlbfs") ? hugetlbPageSize : 0;
            for (final String option : fields[3].split(","))
            {
                if (type.equals("tmpfs") && option.startsWith("huge="))
                {
                    huge = option.substring("huge=".length());
                }
                else if (type.equals("hugetlbfs") && option.startsWith("pagesize="))
                {
                    pageSize = size(option.substring("pagesize=".length()));
                }
            }
            if (type.equals("tmpfs") && !huge.equals("never") && !huge.equals("deny"))
            {
                pageSize = pmdSize;
            }
            best = new LogFileSystem(mountPoint, type, huge, pageSize);
        }
        return best;
    }

    /** The mount table escapes space, tab, newline and backslash as three octal digits. */
    private static String unescape(final String field)
    {
        final StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++)
        {
            final char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' &&
                d <= '7'))
            {
                out.append((char)Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            }
            else
            {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Sizes as the kernel writes them in mount options: {@code 2M}, {@code 1G}, {@code 2048k}. */
    private static int size(final String text)
    {
        final char unit = Character.toLowerCase(text.charAt(text.length() - 1));
        final int shift = unit == 'k' ? 10 : unit == 'm' ? 20 : unit == 'g' ? 30 : 0;
        final long number = Long.parseLong(shift == 0 ? text : text.substring(0, text.length() - 1));
        return (int)Math.min(number << shift, 1 << 30);
    }

    private static Path realPath(final Path directory) throws IOException
    {
        Path existing = directory.toAbsolutePath().normalize();
        Path rest = existing.getFileSystem().getPath("");
        while (existing.getParent() != null && !Files.exists(existing))
        {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(rest);
    }

    private static int hugetlbPageSize()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/meminfo")))
            {
                if (line.startsWith("Hugepagesize:"))
                {
                    return size(line.substring("Hugepagesize:".length()).trim().replace(" kB",
                        "k").toLowerCase(Locale.ROOT));
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // fall through: the usual x86-64 size
        }
        return DEFAULT_PMD_SIZE;
    }

    private static int pmdSize()
    {
        try
        {
            return Integer.parseInt(Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size")).trim());
        }
        catch (final IOException | RuntimeException ex)
        {
            return DEFAULT_PMD_SIZE;
        }
    }
}
