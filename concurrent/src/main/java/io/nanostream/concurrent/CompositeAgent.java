package io.nanostream.concurrent;

import java.util.List;

/** Several agents run as one: each cycle runs every agent's cycle in turn (the "shared" threading mode). */
public final class CompositeAgent implements Agent
{
    private final Agent[] agents;
    private final String roleName;

    /**
     * Combines agents.
     *
     * @param agents the agents, at least one.
     */
    public CompositeAgent(final List<? extends Agent> agents)
    {
        if (agents.isEmpty())
        {
            throw new IllegalArgumentException("a composite agent needs at least one agent");
        }
        this.agents = agents.toArray(new Agent[0]);
        final StringBuilder name = new StringBuilder("[");
        for (final Agent agent : this.agents)
        {
            name.append(name.length() > 1 ? "," : "").append(agent.roleName());
        }
        this.roleName = name.append(']').toString();
    }

    @Override
    public int doWork() throws Exception
    {
        int work = 0;
        for (final Agent agent : agents)
        {
            work += agent.doWork();
        }
        return work;
    }

    @Override
    public void onStart()
    {
        for (final Agent agent : agents)
        {
            agent.onStart();
        }
    }

    @Override
    public void onClose()
    {
        for (final Agent agent : agents)
        {
            agent.onClose();
        }
    }

    @Override
    public String roleName()
    {
        return roleName;
    }
}
