package io.nanostream.cli;

import io.nanostream.natives.affinity.ThreadPlacement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a driver's agent threads run, for {@code stat}: read from {@code /proc/<pid>/task} of the driver's
 * process (the pid in its control file), matched by the first 15 bytes of the agents' thread names, the
 * part the kernel keeps. Used by the command's one thread.
 */
final class AgentPlacements
{
    /** Kernel thread-name prefixes of the driver's agents, and the agent each one is. */
    private static final String[][] AGENTS = {
        {"nano-stream-con", "conductor"},
        {"nano-stream-sen", "sender"},
        {"nano-stream-rec", "receiver"},
        {"[nano-stream-co", "shared"},
    };

    private AgentPlacements()
    {
    }

    /** One agent thread: which agent, and where it runs. */
    record Placement(String agent, ThreadPlacement thread)
    {
    }

    /**
     * The driver's agent threads.
     *
     * @param proc the proc root, {@code /proc}.
     * @param pid  the driver's process.
     * @return its agent threads, in thread id order.
     * @throws IOException if the process's threads cannot be listed.
     */
    static List<Placement> of(final Path proc, final long pid) throws IOException
    {
        final List<Placement> agents = new ArrayList<>();
        for (final ThreadPlacement thread : ThreadPlacement.ofProcess(proc, pid))
        {
            for (final String[] agent : AGENTS)
            {
                if (thread.name().startsWith(agent[0]))
                {
                    agents.add(new Placement(agent[1], thread));
                }
            }
        }
        return agents;
    }

    /**
     * Appends an agents table: agent, thread id, allowed CPUs, last CPU.
     *
     * @param out the screen.
     * @param pid the driver's process.
     */
    static void render(final StringBuilder out, final long pid)
    {
        try
        {
            final List<Placement> agents = of(Path.of("/proc"), pid);
            if (agents.isEmpty())
            {
                out.append("agents: no agent threads in pid ").append(pid).append(" (INVOKER mode, or not this machine's driver)\n");
                return;
            }
            out.append(String.format(Locale.ROOT, "%-10s %8s  %-16s %8s%n", "agent", "tid", "cpus allowed",
                "last cpu"));
            for (final Placement agent : agents)
            {
                out.append(String.format(Locale.ROOT, "%-10s %8d  %-16s %8d%n", agent.agent(), agent.thread().tid(),
                    agent.thread().allowed(), agent.thread().lastCpu()));
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            out.append("agents: cannot read /proc/").append(pid).append("/task (").append(ex.getMessage())
                .append("): the driver runs in another PID namespace, or as another user\n");
        }
    }
}
