package io.nanostream.concurrent;

import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs an {@link Agent} on a thread of its own until closed, idling with an {@link IdleStrategy} between cycles that
 * did no work, as Agrona's runner does:
 * <ul>
 *   <li>an exception from {@code onStart} goes to the error handler and the agent runs no
 *       cycle (it is still closed);</li>
 *   <li>an exception from a cycle goes to the error handler and is counted ({@link #errorCount()}), and the agent
 *       carries on; an {@link AgentTerminationException} or an interrupt ends the loop;</li>
 *   <li>an {@link Error} from a cycle (out of memory, a stack overflow) goes to the error handler, ends the loop,
 *       closes the agent, and is thrown again: the thread dies of it, as it would without a runner, and its
 *       uncaught-exception handler sees it.</li>
 * </ul>
 * Each cycle that did work is timed for the runner's {@link DutyCycleTracker}. The runner is made by one thread, run
 * by the agent's, and closed by any.
 */
public final class AgentRunner implements Runnable, AutoCloseable
{
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.concurrent");
    /** Stands for "closed before any thread ran the agent": a thread that comes later does not run it. */
    private static final Thread TOMBSTONE = Thread.ofVirtual().unstarted(() -> { });

    private final Agent agent;
    private final IdleStrategy idleStrategy;
    private final Consumer<Throwable> errorHandler;
    private final DutyCycleTracker dutyCycles;

    private volatile boolean running = true;
    private volatile long errors;
    /** The thread running the agent; null before it runs, {@link #TOMBSTONE} once closed. */
    private final AtomicReference<Thread> thread = new AtomicReference<>();

    /**
     * Creates a runner; start it with {@link #start(AgentRunner, ThreadFactory)} or on any thread.
     *
     * @param agent        the agent.
     * @param idleStrategy how to idle between empty cycles.
     * @param errorHandler receives exceptions thrown by a cycle; null logs them.
     */
    public AgentRunner(final Agent agent, final IdleStrategy idleStrategy, final Consumer<Throwable> errorHandler)
    {
        this(agent, idleStrategy, errorHandler, DutyCycleTracker.NONE);
    }

    /**
     * Creates a runner that times each cycle that did work.
     *
     * @param agent        the agent.
     * @param idleStrategy how to idle between empty cycles.
     * @param errorHandler receives exceptions thrown by a cycle; null logs them.
     * @param dutyCycles   told how long each cycle that did work took.
     */
    public AgentRunner(final Agent agent, final IdleStrategy idleStrategy, final Consumer<Throwable> errorHandler,
        final DutyCycleTracker dutyCycles)
    {
        if (agent == null || idleStrategy == null || dutyCycles == null)
        {
            throw new NullPointerException("agent, idle strategy and duty cycle tracker are required");
        }
        this.agent = agent;
        this.idleStrategy = idleStrategy;
        this.dutyCycles = dutyCycles;
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
        if (!thread.compareAndSet(null, Thread.currentThread()))
        {
            return; // closed before this thread got here, or run twice: the agent is not this thread's
        }
        try
        {
            agent.onStart();
        }
        catch (final Throwable ex)
        {
            report(ex);
            running = false; // an agent that could not start does no work, and is closed below
        }
        Error fatal = null;
        while (running)
        {
            try
            {
                final long start = System.nanoTime();
                final int work = agent.doWork();
                if (work > 0)
                {
                    dutyCycles.cycleTook(System.nanoTime() - start);
                }
                idleStrategy.idle(work);
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
            catch (final Error ex)
            {
                report(ex);
                fatal = ex;
                break;
            }
            catch (final Throwable ex)
            {
                report(ex);
                if (Thread.currentThread().isInterrupted())
                {
                    break;
                }
            }
        }
        closeAgent();
        if (fatal != null)
        {
            throw fatal;
        }
    }

    /** {@return how many exceptions the agent threw, from its start, its cycles and its close} */
    public long errorCount()
    {
        return errors;
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

    /**
     * Stops the loop after the cycle in hand and waits up to five seconds for the thread to end (then interrupts it and
     * waits one more). A runner closed before any thread ran it calls the agent's {@link Agent#onClose()} here, on the
     * closing thread, and no thread will run the agent after.
     */
    @Override
    public void close()
    {
        running = false;
        final Thread t = thread.getAndSet(TOMBSTONE);
        if (t == null)
        {
            closeAgent(); // no thread ran it, and none will: the agent's resources are let go here
            return;
        }
        if (t == TOMBSTONE || t == Thread.currentThread())
        {
            return;
        }
        try
        {
            t.join(TimeUnit.SECONDS.toMillis(5));
            if (t.isAlive())
            {
                t.interrupt();
                t.join(TimeUnit.SECONDS.toMillis(1));
            }
            if (t.isAlive())
            {
                LOGGER.log(Level.ERROR, "agent " + agent.roleName() +
                    " did not stop within 6 s of close(); it still runs on " + t);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void closeAgent()
    {
        try
        {
            agent.onClose();
        }
        catch (final Throwable ex)
        {
            report(ex);
        }
    }

    private void report(final Throwable error)
    {
        errors++; // written by the agent's thread only (close() reports only when no thread ever ran the agent)
        try
        {
            errorHandler.accept(error);
        }
        catch (final Throwable handlerFailure)
        {
            LOGGER.log(Level.ERROR, "the error handler of agent " + agent.roleName() + " failed on " + error,
                handlerFailure);
        }
    }
}
