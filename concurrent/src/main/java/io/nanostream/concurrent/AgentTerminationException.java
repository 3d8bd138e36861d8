package io.nanostream.concurrent;

/**
 * Thrown from {@link Agent#doWork()} by an agent that has finished for good (its peer went away, it was told to stop):
 * the {@link AgentRunner} leaves its loop and the {@link AgentInvoker} closes, each calling {@link Agent#onClose()}
 * once, and neither reports it as an error. Carries no stack trace: it is control flow, not a fault.
 */
public final class AgentTerminationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Says why the agent stops.
     *
     * @param reason the reason, for logs.
     */
    public AgentTerminationException(final String reason)
    {
        super(reason, null, false, false);
    }
}
