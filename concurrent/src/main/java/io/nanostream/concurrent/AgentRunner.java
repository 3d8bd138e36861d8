package io.nanostream.concurrent;

import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an {@link Agent} on a thread of its own until closed, idling with an {@link IdleStrategy}
 * between cycles that did no work. An exception from a cycle goes to the error handler and the agent
 * carries on; an {@link AgentTerminationException} ends the loop.
 */
public final class AgentRunner implements Runnable, AutoCloseable
{
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.concurrent");

    private final Agent agent;
    private final IdleStrategy idleStrategy;
    private final Consumer<Throwable> errorHandler;
    private volatile boolean running = true;
    private volatile Thread thread;

    /**
     * Creates a runner; start it with {@link #start(AgentRunner, ThreadFactory)} or on any thread.
     *
     * @param agent        the agent.
     * @param idleStrategy how to idle between empty cycles.
     * @param errorHandler receives exceptions thrown by a cycle; null logs them.
     */
    public AgentRunner(final Agent agent, final IdleStrategy idleStrategy, final Consumer<Throwable> errorHandler)
    {
        if (agent == null || idleStrategy == null)
        {
            throw new NullPointerException("agent and idle strategy are required");
        }
        this.agent = agent;
        this.idleStrategy = idleStrategy;
        this.errorHandler = errorHandler != null ? errorHandler :
            ex -> LOGGER.log(Level.ERROR, "agent " + agent.roleName() + " failed a duty cycle", ex);
    }

    /**
     * Starts a runner on a new thread named after its agent.
     *
     * @param runner        the runner.
     * @param threadFactory makes the thread.
     * @return the thread.
     */
    public static Thread start(final AgentRunner runner, final ThreadFactory threadFactory)
    {
        final Thread thread = threadFactory.newThread(runner);
        thread.setName(runner.agent.roleName());
        thread.start();
        return thread;
    }

    @Override
    public void run()
    {
        thread = Thread.currentThread();
        try
        {
            agent.onStart();
        }
        catch (final Throwable ex)
        {
            errorHandler.accept(ex);
        }
        while (running)
        {
            try
            {
                idleStrategy.idle(agent.doWork());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
            catch (final AgentTerminationException ex)
            {
                break;
            }
            catch (final Throwable ex)
            {
                errorHandler.accept(ex);
                if (Thread.currentThread().isInterrupted())
                {
                    break;
                }
            }
        }
        try
        {
            agent.onClose();
        }
        catch (final Throwable ex)
        {
            errorHandler.accept(ex);
        }
    }

    /**
     * The agent being run.
     *
     * @return the agent.
     */
    public Agent agent()
    {
        return agent;
    }

    /** Stops the loop after the cycle in hand and waits up to five seconds for the thread to end. */
    @Override
    public void close()
    {
        running = false;
        final Thread t = thread;
        if (t != null && t != Thread.currentThread())
        {
            try
            {
                t.join(TimeUnit.SECONDS.toMillis(5));
                if (t.isAlive())
                {
                    t.interrupt();
                    t.join(TimeUnit.SECONDS.toMillis(1));
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
