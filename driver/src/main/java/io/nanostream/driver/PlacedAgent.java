package io.nanostream.driver;

import io.nanostream.concurrent.Agent;
import io.nanostream.natives.affinity.CpuSet;

/**
 * An agent whose thread pins itself to CPUs before the agent starts; otherwise the agent it wraps.
 * Runs on the agent's thread.
 */
final class PlacedAgent implements Agent
{
    private final Agent agent;
    private final CpuSet cpus;
    private final String label;
    private final AgentPlacement placement;

    PlacedAgent(final Agent agent, final CpuSet cpus, final String label, final AgentPlacement placement)
    {
        this.agent = agent;
        this.cpus = cpus;
        this.label = label;
        this.placement = placement;
    }

    @Override
    public void onStart()
    {
        placement.pin(label, cpus);
        agent.onStart();
    }

    @Override
    public int doWork() throws Exception
    {
        return agent.doWork();
    }

    @Override
    public void onClose()
    {
        agent.onClose();
    }

    @Override
    public String roleName()
    {
        return agent.roleName();
    }
}
