package io.nanostream.driver;

import io.nanostream.natives.affinity.CpuSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code nanostream.affinity} setting read: which CPUs each agent (conductor, sender,
 * receiver) pins itself to. A part with {@code =} names an agent; parts without one add CPUs to the agent
 * before them, so {@code conductor=0,2,sender=1} gives the conductor CPUs 0 and 2. Immutable.
 */
final class PlacementSpec
{
    /** The agents that take a CPU set, in the order they are shown. */
    static final List<String> AGENTS = List.of("conductor", "sender", "receiver");

    private final Map<String, CpuSet> cpus;

    private PlacementSpec(final Map<String, CpuSet> cpus)
    {
        this.cpus = cpus;
    }

    /**
     * Reads a setting.
     *
     * @param text e.g. {@code conductor=0,sender=1,receiver=1}; blank for none.
     * @return the agents' CPUs.
     * @throws IllegalArgumentException naming the part that is wrong and the form expected.
     */
    static PlacementSpec parse(final String text)
    {
        final Map<String, CpuSet> cpus = new LinkedHashMap<>();
        String agent = null;
        for (final String raw : text.isBlank() ? new String[0] : text.split(","))
        {
            final String part = raw.trim();
            final int equals = part.indexOf('=');
            if (equals >= 0)
            {
                agent = part.substring(0, equals).trim();
                if (!AGENTS.contains(agent))
                {
                    throw new IllegalArgumentException("'" + agent +
                        "' is not an agent; use conductor, sender or receiver, " +
                        "e.g. conductor=0,sender=1,receiver=1");
                }
                if (cpus.containsKey(agent))
                {
                    throw new IllegalArgumentException(agent + " is given twice");
                }
            }
            else if (agent == null)
            {
                throw new IllegalArgumentException("'" + part +
                    "' names no agent; write agent=CPUs, e.g. conductor=0,sender=1,receiver=1");
            }
            final CpuSet more = CpuSet.parse(equals >= 0 ? part.substring(equals + 1) : part);
            if (more.isEmpty())
            {
                throw new IllegalArgumentException(agent + " has no CPU; give one, e.g. " + agent + "=0");
            }
            cpus.merge(agent, more, CpuSet::union);
        }
        return new PlacementSpec(Map.copyOf(cpus));
    }

    /** {@return whether no agent is pinned} */
    boolean isEmpty()
    {
        return cpus.isEmpty();
    }

    /**
     * The CPUs of one agent.
     *
     * @param agent conductor, sender or receiver.
     * @return its CPUs, or null if it is not pinned.
     */
    CpuSet cpus(final String agent)
    {
        return cpus.get(agent);
    }

    /**
     * The problems of this setting on this machine: CPUs that are not online, or not allowed to this process.
     *
     * @param usable the CPUs this process may use.
     * @return one problem per agent with CPUs outside the usable set.
     */
    List<String> problems(final CpuSet usable)
    {
        final List<String> problems = new ArrayList<>();
        for (final String agent : AGENTS)
        {
            final CpuSet set = cpus.get(agent);
            if (set != null && !usable.containsAll(set))
            {
                final CpuSet bad = set.minus(usable);
                problems.add(DriverProperties.AFFINITY + ": " + agent + " is given CPU" +
                    (bad.size() == 1 ? " " : "s ") + bad + ", which " + (bad.size() == 1 ? "is" : "are") +
                    " not online or not allowed to this process; the CPUs it may use are " + usable);
            }
        }
        return problems;
    }

    /**
     * The CPUs this process may use: those online ({@code /sys/devices/system/cpu/online}) and in its allowed list
     * ({@code Cpus_allowed_list} of {@code /proc/self/status}, which reflects cgroups and {@code taskset}).
     *
     * @return the CPUs, or null if Linux does not show them.
     */
    static CpuSet usableCpus()
    {
        try
        {
            CpuSet usable = CpuSet.parse(Files.readString(Path.of("/sys/devices/system/cpu/online")));
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    final CpuSet allowed = CpuSet.parse(line.substring("Cpus_allowed_list:".length()));
                    usable = usable.minus(usable.minus(allowed));
                }
            }
            return usable;
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder();
        for (final String agent : AGENTS)
        {
            if (cpus.containsKey(agent))
            {
                out.append(out.isEmpty() ? "" : ",").append(agent).append('=').append(cpus.get(agent));
            }
        }
        return out.toString();
    }
}
