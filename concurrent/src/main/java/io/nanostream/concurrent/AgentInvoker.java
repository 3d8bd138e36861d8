package io.nanostream.concurrent;

import java.util.function.Consumer;

/**
 * Runs an {@link Agent} on the caller's thread, one duty cycle per {@link #invoke()}: for applications
 * that own their threads (the "invoker" threading mode). The rules are {@link AgentRunner}'s: an agent whose start
 * failed is closed and does no work; an {@link AgentTerminationException} from a cycle closes it; an {@link Error} is
 * reported, closes it, and is thrown on to the invoking thread.
 * Use it from one thread at a time.
 */
public final class AgentInvoker implements AutoCloseable
{
    private final Agent agent;
    private final Consumer<Throwable> errorHandler;
    private final DutyCycleTracker dutyCycles;
    private boolean started;
    private boolean closed;

    /**
     * Creates an invoker.
     *
     * @param agent        the agent.
     * @param errorHandler receives exceptions thrown by a cycle.
     */
    public AgentInvoker(final Agent agent, final Consumer<Throwable> errorHandler)
    {
        this(agent, errorHandler, DutyCycleTracker.NONE);
    }

    /**
     * Creates an invoker that times each cycle that did work.
     *
     * @param agent        the agent.
     * @param errorHandler receives exceptions thrown by a cycle.
     * @param dutyCycles   told how long each cycle that did work took.
     */
    public AgentInvoker(final Agent agent, final Consumer<Throwable> errorHandler, final DutyCycleTracker dutyCycles)
    {
        this.agent = agent;
        this.errorHandler = errorHandler;
        this.dutyCycles = dutyCycles;
    }

    /**
     * Runs one duty cycle (starting the agent on the first call).
     *
     * @return the work done, or 0 once closed.
     */
    public int invoke()
    {
        if (closed)
        {
            return 0;
        }
        if (!started)
        {
            started = true;
            try
            {
                agent.onStart();
            }
            catch (final Throwable ex)
            {
                errorHandler.accept(ex);
                close(); // an agent that could not start does no work, as on an AgentRunner
                return 0;
            }
        }
        try
        {
            final long start = System.nanoTime();
            final int work = agent.doWork();
            if (work > 0)
            {
                dutyCycles.cycleTook(System.nanoTime() - start);
            }
            return work;
        }
        catch (final AgentTerminationException ex)
        {
            close();
            return 0;
        }
        catch (final Error ex)
        {
            errorHandler.accept(ex);
            close();
            throw ex; // as on an AgentRunner: the invoking thread gets it, after the agent is closed
        }
        catch (final Throwable ex)
        {
            errorHandler.accept(ex);
            return 0;
        }
    }

    /**
     * The agent.
     *
     * @return the agent being invoked.
     */
    public Agent agent()
    {
        return agent;
    }

    /**
     * Whether the invoker was closed, by its owner or because the agent terminated.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Closes the agent once ({@link Agent#onClose()}), whether or not it was ever invoked; later invokes do nothing.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            try
            {
                agent.onClose(); // invoked or not: what the agent holds is let go
            }
            catch (final RuntimeException ex)
            {
                errorHandler.accept(ex);
            }
        }
    }
}
