package io.nanostream.client.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process a driver runs in, as its control file records it: the process id, when the driver started, and the
 * Linux pid namespace the id belongs to. With the namespace known and equal to the reader's, the process id answers
 * "is that driver's process still there?" for sure; from another namespace (a container sharing the directory) or on
 * a system without namespaces, it cannot, and the driver's heartbeat has to decide.
 *
 * @param pid          the driver's process id.
 * @param startMillis  when the driver started, epoch milliseconds.
 * @param pidNamespace the inode of the driver's pid namespace ({@code /proc/self/ns/pid}), or 0 if unknown.
 */
public record DriverProcess(long pid, long startMillis, long pidNamespace)
{
    /** What can be told of a driver's process from here. */
    public enum State
    {
        /** The process runs (and is the one that started the driver, as far as start times tell). */
        ALIVE,
        /** No such process in this namespace, or one that started after the driver did: the driver died. */
        GONE,
        /** The process id means nothing here (another or an unknown pid namespace): ask the heartbeat. */
        UNKNOWN
    }

    /**
     * This process, started now.
     *
     * @param startMillis the driver's start time.
     * @return the record to write into a control file.
     */
    public static DriverProcess current(final long startMillis)
    {
        return new DriverProcess(ProcessHandle.current().pid(), startMillis, currentPidNamespace());
    }

    /**
     * Looks for the driver's process.
     *
     * @return {@link State#GONE} only when this process shares the driver's pid namespace and the process is not there
     *         (or its id was reused by a younger process).
     */
    public State state()
    {
        final long namespace = currentPidNamespace();
        if (pidNamespace == 0 || namespace != pidNamespace)
        {
            return State.UNKNOWN;
        }
        final Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive())
        {
            return State.GONE;
        }
        final Optional<Instant> started = process.get().info().startInstant();
        // start times are rounded to clock ticks: a process that started more than a second
        // after the driver is another one
        return started.isPresent() && started.get().toEpochMilli() > startMillis + 1_000 ? State.GONE : State.ALIVE;
    }

    /**
     * The inode of this process's pid namespace.
     *
     * @return it, or 0 where {@code /proc/self/ns/pid} cannot be read (not Linux, no /proc).
     */
    public static long currentPidNamespace()
    {
        try
        {
            final String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString(); // "pid:[4026531836]"
            final int open = link.indexOf('[');
            final int close = link.indexOf(']', open + 1);
            return open < 0 || close < 0 ? 0 : Long.parseLong(link.substring(open + 1, close));
        }
        catch (final IOException | UnsupportedOperationException | SecurityException | NumberFormatException ex)
        {
            return 0;
        }
    }
}
