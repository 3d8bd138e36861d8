package io.nanostream.driver;

import io.nanostream.buffer.Counter;
import io.nanostream.concurrent.Agent;

/**
 * One of the driver's agents with its {@code <role> running} gauge: 1 from the moment it starts to the moment it is
 * closed, 0 otherwise. An agent thread that dies of an {@code Error} is closed by its runner, so {@code stat} shows it
 * stopped while the rest of the driver (and its heartbeat) goes on; the error itself is in {@code errors}. Runs on the
 * agent's thread.
 */
final class CountedAgent implements Agent
{
    private final Agent agent;
    private final Counter running;

    CountedAgent(final Agent agent, final Counter running)
    {
        this.agent = agent;
        this.running = running;
    }

    @Override
    public void onStart()
    {
        agent.onStart();
        running.set(1); // release (in set): shown once the agent has started
    }

    @Override
    public int doWork() throws Exception
    {
        return agent.doWork();
    }

    @Override
    public void onClose()
    {
        running.set(0); // release (in set): shown stopped before the agent lets go of what it holds
        agent.onClose();
    }

    @Override
    public String roleName()
    {
        return agent.roleName();
    }
}
