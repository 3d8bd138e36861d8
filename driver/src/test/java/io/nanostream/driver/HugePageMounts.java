package io.nanostream.driver;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Sets up huge page file systems for tests, as root: a tmpfs with a {@code huge=} option, or hugetlbfs with huge
 * pages reserved in {@code /proc/sys/vm/nr_hugepages}. Whatever cannot be set up skips the test (a JUnit assumption)
 * with the commands to run; whatever was changed is restored by {@link #close()}.
 */
final class HugePageMounts implements AutoCloseable
{
    private static final Path NR_HUGEPAGES = Path.of("/proc/sys/vm/nr_hugepages");

    private final Path mountPoint;
    private boolean mounted;
    private String hugePagesBefore;

    HugePageMounts(final Path mountPoint)
    {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs with a huge= option, or skips. */
    Path tmpfs(final String huge, final String size) throws Exception
    {
        mount("tmpfs", "size=" + size + ",huge=" + huge);
        return mountPoint;
    }

    /** Reserves huge pages (2 MiB) and mounts hugetlbfs, or skips. */
    Path hugetlbfs(final int pages) throws Exception
    {
        try
        {
            hugePagesBefore = Files.readString(NR_HUGEPAGES).trim();
            Files.writeString(NR_HUGEPAGES, Integer.toString(Integer.parseInt(hugePagesBefore) + pages));
        }
        catch (final IOException ex)
        {
            hugePagesBefore = null;
            Assumptions.abort("cannot reserve huge pages (" + ex + "); as root run: echo " + pages +
                " > /proc/sys/vm/nr_hugepages");
        }
        final int free = freeHugePages();
        Assumptions.assumeTrue(free >= pages, "the kernel reserved only " + free + " of " + pages +
            " huge pages (memory is fragmented); " +
            "run: echo 3 > /proc/sys/vm/drop_caches; echo 1 > /proc/sys/vm/compact_memory");
        mount("hugetlbfs", "pagesize=2M");
        return mountPoint;
    }

    static int freeHugePages() throws IOException
    {
        for (final String line : Files.readAllLines(Path.of("/proc/meminfo")))
        {
            if (line.startsWith("HugePages_Free:"))
            {
                return Integer.parseInt(line.substring("HugePages_Free:".length()).trim());
            }
        }
        return 0;
    }

    private void mount(final String type, final String options) throws Exception
    {
        Files.createDirectories(mountPoint);
        final String command = "mount -t " + type + " -o " + options + " none " + mountPoint;
        final int exit = run("mount", "-t", type, "-o", options, "none", mountPoint.toString());
        Assumptions.assumeTrue(exit == 0, "cannot mount " + type + " (exit " + exit + "); as root run: mkdir -p " +
            mountPoint + "; " + command);
        mounted = true;
    }

    private static int run(final String... command) throws Exception
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    @Override
    public void close() throws Exception
    {
        if (mounted)
        {
            run("umount", mountPoint.toString());
            mounted = false;
        }
        if (hugePagesBefore != null)
        {
            Files.writeString(NR_HUGEPAGES, hugePagesBefore);
            hugePagesBefore = null;
        }
        Files.deleteIfExists(mountPoint);
    }
}
