package io.nanostream.bench;

import io.nanostream.natives.affinity.Affinity;
import io.nanostream.natives.affinity.CpuSet;
import io.nanostream.natives.affinity.ThreadPlacement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a scenario's threads run, from {@code nano-stream bench --affinity} ({@value #PROPERTY} in the scenario JVM):
 * {@code none} leaves them to the scheduler; {@code cross} pins the thread that drives the shape (publisher, producer,
 * pinger) to the first CPU the process may use and every thread the shape starts (subscriber, consumers, ponger, an
 * embedded driver's agents) to the second; {@code same} pins them all to the first. The shape's threads are the ones
 * that appear in {@code /proc/self/task} while it is built. Needs native access. Used by the scenario's main thread.
 */
final class ThreadPlacementPlan
{
    /** The system property that carries the placement. */
    static final String PROPERTY = "nanostream.bench.affinity";

    private final String mode;
    private final CpuSet driving;
    private final CpuSet started;
    private Set<Long> before = Set.of();

    private ThreadPlacementPlan(final String mode, final CpuSet driving, final CpuSet started)
    {
        this.mode = mode;
        this.driving = driving;
        this.started = started;
    }

    /** {@return the placement the property asks for} */
    static ThreadPlacementPlan fromProperty()
    {
        final String mode = System.getProperty(PROPERTY, "none").trim().toLowerCase(Locale.ROOT);
        if (mode.equals("none"))
        {
            return new ThreadPlacementPlan(mode, null, null);
        }
        if (!mode.equals("same") && !mode.equals("cross"))
        {
            throw new IllegalArgumentException(PROPERTY + "=" + mode + ": use none, same or cross");
        }
        if (!Affinity.isAvailable())
        {
            throw new IllegalStateException("cannot place threads: " + Affinity.unavailableReason());
        }
        final List<Integer> cpus = Affinity.currentThreadCpus().stream().boxed().toList();
        if (mode.equals("cross") && cpus.size() < 2)
        {
            throw new IllegalStateException("cross placement needs two CPUs; this process may use " + cpus);
        }
        final CpuSet first = CpuSet.of(cpus.get(0));
        return new ThreadPlacementPlan(mode, first, mode.equals("cross") ? CpuSet.of(cpus.get(1)) : first);
    }

    /** Notes the threads that exist before a shape is built. */
    void beforeShape() throws IOException
    {
        if (driving != null)
        {
            before = tids();
        }
    }

    /** Pins the calling thread, and the threads the shape started, as the mode says. */
    void afterShape() throws IOException
    {
        if (driving == null)
        {
            return;
        }
        Affinity.pinCurrentThread(driving);
        for (final long tid : tids())
        {
            if (!before.contains(tid))
            {
                try
                {
                    Affinity.pinThread((int)tid, started);
                }
                catch (final IllegalStateException ex)
                {
                    // the thread ended since the listing (a short-lived helper): nothing to place
                }
            }
        }
    }

    private static Set<Long> tids() throws IOException
    {
        final Set<Long> tids = new HashSet<>();
        for (final ThreadPlacement thread : ThreadPlacement.ofProcess(Path.of("/proc"), ProcessHandle.current().pid()))
        {
            tids.add(thread.tid());
        }
        return tids;
    }
}
