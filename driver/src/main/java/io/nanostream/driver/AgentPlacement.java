package io.nanostream.driver;

import io.nanostream.concurrent.Agent;
import io.nanostream.driver.status.FeatureStatus;
import io.nanostream.natives.affinity.Affinity;
import io.nanostream.natives.affinity.CpuSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Pins the driver's agent threads as they start, and reports the {@code affinity} feature. Each wrapped
 * agent pins its own thread in {@code onStart} (a thread can only be pinned by itself through
 * {@code sched_setaffinity(0, ...)}), reads the result back, and waits until the launching thread has
 * shown the status, so that no agent works before the counters are made. Made and read by the launching
 * thread; the agent threads write their results into a concurrent map.
 */
final class AgentPlacement
{
    /** The feature's name in {@code stat}. */
    static final String FEATURE = "affinity";
    private static final long REPORT_TIMEOUT_SECONDS = 10;

    private final PlacementSpec spec;
    private final String off;
    private final Map<String, String> results = new ConcurrentHashMap<>();
    private final List<String> roles = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private CountDownLatch reported;

    private AgentPlacement(final PlacementSpec spec, final String off)
    {
        this.spec = spec;
        this.off = off;
    }

    /**
     * Plans the pinning of a checked configuration.
     *
     * @param context the driver's settings, concluded.
     * @return the plan; pins nothing, with the reason, if affinity is not requested or not available.
     */
    static AgentPlacement plan(final DriverContext context)
    {
        final PlacementSpec spec = PlacementSpec.parse(context.affinity());
        if (spec.isEmpty())
        {
            return new AgentPlacement(spec, "not requested (" + DriverProperties.AFFINITY + " unset)");
        }
        if (context.threadingMode() == ThreadingMode.INVOKER)
        {
            return new AgentPlacement(spec, "INVOKER mode has no driver threads to pin");
        }
        final String unavailable = Affinity.unavailableReason();
        return new AgentPlacement(spec, unavailable);
    }

    /**
     * Wraps an agent so that its thread pins itself first, if its role is given CPUs.
     *
     * @param agent the agent.
     * @param role  conductor, sender or receiver (SHARED mode's one thread is the conductor).
     * @param label how the role is shown, e.g. {@code shared thread}.
     * @return the agent to run.
     */
    Agent wrap(final Agent agent, final String role, final String label)
    {
        if (!pinsThreads())
        {
            return agent;
        }
        roles.add(label);
        return new PlacedAgent(agent, spec.cpus(role), label, this); // unpinned agents wait for the go too
    }

    /** {@return whether agent threads pin themselves; if not, the status is known before they start} */
    boolean pinsThreads()
    {
        return off == null;
    }

    /** Called by a wrapped agent on its own thread: pin, read back, record, then wait for the go. */
    void pin(final String label, final CpuSet cpus)
    {
        try
        {
            if (cpus == null)
            {
                results.put(label, "unpinned:" + label + " unpinned");
            }
            else
            {
                Affinity.pinCurrentThread(cpus);
                results.put(label, "ok:" + label + "->cpu" + Affinity.currentThreadCpus());
            }
        }
        catch (final RuntimeException ex)
        {
            results.put(label, "failed:" + label + ": " + ex.getMessage());
        }
        finally
        {
            reported.countDown();
        }
        try
        {
            released.await(); // no duty cycle before the launching thread has shown the status
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Call after wrapping and before starting the threads. */
    void expectReports()
    {
        reported = new CountDownLatch(roles.size());
    }

    /**
     * Waits for every wrapped agent to pin itself, and tells how it went.
     *
     * @return the feature's status.
     */
    FeatureStatus awaitStatus()
    {
        if (off != null)
        {
            return FeatureStatus.off(FEATURE, off);
        }
        try
        {
            if (!reported.await(REPORT_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                return FeatureStatus.off(FEATURE, "agent threads did not start within " + REPORT_TIMEOUT_SECONDS +
                    " s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return FeatureStatus.off(FEATURE, "interrupted while the agents pinned themselves");
        }
        final List<String> done = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        for (final String role : roles)
        {
            final String result = results.get(role);
            (result.startsWith("failed:") ? failed : done).add(result.substring(result.indexOf(':') + 1));
        }
        if (failed.isEmpty() && done.stream().noneMatch(result -> result.contains("->cpu")))
        {
            return FeatureStatus.off(FEATURE, "no running agent is given CPUs by " + DriverProperties.AFFINITY + "=" +
                spec);
        }
        return failed.isEmpty() ? FeatureStatus.on(FEATURE, String.join(", ", done)) :
            FeatureStatus.off(FEATURE, String.join("; ", failed) + (done.isEmpty() ? "" : " (pinned: " +
            String.join(", ", done) + ")"));
    }

    /** Lets the wrapped agents start their duty cycles. */
    void release()
    {
        released.countDown();
    }
}
