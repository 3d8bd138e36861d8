package io.nanostream.natives.affinity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where one thread of a process may run and last ran, read from {@code /proc/<pid>/task/<tid>}: its name
 * ({@code comm}, the first 15 bytes of the Java thread name), {@code Cpus_allowed_list} from {@code status},
 * and the CPU it last ran on (field 39 of {@code stat}). Works on any process the caller may read, so
 * tools can look at a driver in another process. An immutable snapshot.
 *
 * @param tid     the thread id.
 * @param name    the thread's name as the kernel keeps it.
 * @param allowed the CPUs it may run on.
 * @param lastCpu the CPU it ran on last, or -1 if unknown.
 */
public record ThreadPlacement(long tid, String name, CpuSet allowed, int lastCpu)
{
    /** The longest thread name the kernel keeps, in bytes. */
    public static final int MAX_NAME_LENGTH = 15;

    /**
     * The threads of a process, by thread id.
     *
     * @param proc the proc file system's root, {@code /proc} (tests pass a copy).
     * @param pid  the process.
     * @return its threads; threads that end while being read are left out.
     * @throws IOException if the process's task directory cannot be listed (no such process, or not allowed).
     */
    public static List<ThreadPlacement> ofProcess(final Path proc, final long pid) throws IOException
    {
        final List<ThreadPlacement> threads = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(proc.resolve(Long.toString(pid)).resolve("task")))
        {
            for (final Path task : (Iterable<Path>)tasks::iterator)
            {
                try
                {
                    threads.add(of(task));
                }
                catch (final IOException | RuntimeException ex)
                {
                    // the thread ended between the listing and the read: it has no placement to show
                }
            }
        }
        threads.sort(Comparator.comparingLong(ThreadPlacement::tid));
        return threads;
    }

    /**
     * The thread of this process whose kernel name is a Java thread name's first 15 bytes.
     *
     * @param threadName the Java thread name.
     * @return the placement, or null if no thread has that name.
     * @throws IOException if {@code /proc/self/task} cannot be read.
     */
    public static ThreadPlacement ofThisProcess(final String threadName) throws IOException
    {
        final String comm = kernelName(threadName);
        for (final ThreadPlacement thread : ofProcess(Path.of("/proc"), ProcessHandle.current().pid()))
        {
            if (thread.name.equals(comm))
            {
                return thread;
            }
        }
        return null;
    }

    /**
     * The name the kernel keeps for a thread with a Java name: its first 15 bytes.
     *
     * @param threadName the Java name.
     * @return the kernel's name.
     */
    public static String kernelName(final String threadName)
    {
        return threadName.length() > MAX_NAME_LENGTH ? threadName.substring(0, MAX_NAME_LENGTH) : threadName;
    }

    static ThreadPlacement of(final Path task) throws IOException
    {
        final long tid = Long.parseLong(task.getFileName().toString());
        final String name = Files.readString(task.resolve("comm")).strip();
        CpuSet allowed = CpuSet.EMPTY;
        for (final String line : Files.readAllLines(task.resolve("status")))
        {
            if (line.startsWith("Cpus_allowed_list:"))
            {
                allowed = CpuSet.parse(line.substring("Cpus_allowed_list:".length()));
            }
        }
        return new ThreadPlacement(tid, name, allowed, lastCpu(Files.readString(task.resolve("stat"))));
    }

    /** Field 39 of a stat line; the name (field 2) may hold spaces and parentheses, so count from its closing one. */
    static int lastCpu(final String stat)
    {
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        final int index = 39 - 3; // fields[0] is field 3, the state
        return fields.length > index ? Integer.parseInt(fields[index]) : -1;
    }
}
