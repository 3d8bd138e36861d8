package io.nanostream.concurrent;

/**
 * A unit of work run as a duty cycle: {@link #doWork()} is called again and again, on a thread of its
 * own ({@link AgentRunner}), or on the caller's ({@link AgentInvoker}), idling when it did nothing.
 */
public interface Agent
{
    /**
     * Does one cycle of work.
     *
     * @return how much work was done; 0 lets the runner idle.
     * @throws Exception anything; the runner reports it and goes on.
     */
    int doWork() throws Exception;

    /** Called once on the agent's thread before the first cycle. */
    default void onStart()
    {
    }

    /** Called once on the agent's thread after the last cycle. */
    default void onClose()
    {
    }

    /**
     * The agent's name, used for its thread and in logs.
     *
     * @return the role name.
     */
    String roleName();
}
