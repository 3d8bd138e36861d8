package io.nanostream.client;

import io.nanostream.concurrent.AgentInvoker;
import io.nanostream.concurrent.AgentRunner;
import io.nanostream.concurrent.DutyCycleTracker;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Where the client's conductor runs: on a daemon thread of its own ({@link AgentRunner}, idling with
 * {@link ClientConductorIdle}), or, with {@link ClientContext#useConductorInvoker(boolean)}, in the application's calls
 * to {@link NanoStream#invoke()} and in its waits for the driver's answers ({@link AgentInvoker}, one caller at a time
 * under a lock). A wait also runs the duty cycle of a driver invoked on the same thread
 * ({@link ClientContext#driverInvoker(IntSupplier)}). Any thread.
 */
final class ClientConductorRunner
{
    private final ClientConductor conductor;
    private final IntSupplier driverInvoker;
    /** The conductor's own thread's runner, or null when the application invokes the conductor. */
    private final AgentRunner runner;
    private final Thread thread;
    /** The conductor's invoker, or null when it has a thread of its own; used under {@link #invokerLock}. */
    private final AgentInvoker invoker;
    private final ReentrantLock invokerLock = new ReentrantLock();

    ClientConductorRunner(final ClientConductor conductor, final ClientContext context,
        final BooleanSupplier requestsWaiting, final DutyCycleTracker dutyCycles)
    {
        this.conductor = conductor;
        this.driverInvoker = context.driverInvoker();
        if (context.useConductorInvoker())
        {
            this.invoker = new AgentInvoker(conductor, conductor::reportError, dutyCycles);
            this.runner = null;
            this.thread = null;
        }
        else
        {
            this.invoker = null;
            this.runner = new AgentRunner(conductor, new ClientConductorIdle(requestsWaiting), conductor::reportError,
                dutyCycles);
            this.thread = Thread.ofPlatform().daemon().name(conductor.roleName()).unstarted(runner);
        }
    }

    /** Starts the conductor's own thread, if it has one. */
    void start()
    {
        if (thread != null)
        {
            thread.start();
        }
    }

    /** Wakes the conductor's thread from an idle park, after a request was sent. */
    void wake()
    {
        if (thread != null)
        {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Runs one duty cycle of an invoked conductor.
     *
     * @return the work done.
     * @throws IllegalStateException if the conductor has a thread of its own, or if called from a handler it runs.
     */
    int invoke()
    {
        if (invoker == null)
        {
            throw new IllegalStateException("invoke() is for a client made with ClientContext.useConductorInvoker(true); this one's " +
                "conductor runs on a thread of its own");
        }
        if (conductor.isDutyCycleThread())
        {
            throw new IllegalStateException("invoke() was called from a handler that invoke() is running; return from the handler");
        }
        return invokeConductor();
    }

    /**
     * {@return whether a thread waiting for the driver's answer must run duty cycles itself, since nobody else will}
     */
    boolean waitsRunDutyCycles()
    {
        return invoker != null || driverInvoker != null;
    }

    /**
     * What a thread waiting for the driver's answer runs: the invoked driver's duty cycle, and the invoked conductor's.
     */
    int dutyCyclesWhileWaiting()
    {
        int work = driverInvoker == null ? 0 : driverInvoker.getAsInt();
        if (invoker != null)
        {
            work += invokeConductor();
        }
        return work;
    }

    /** Stops the conductor and waits for its thread, or closes its invoker; call from outside its duty cycle. */
    void close()
    {
        if (runner != null)
        {
            runner.close();
        }
        if (invoker != null)
        {
            invokerLock.lock();
            try
            {
                invoker.close();
            }
            finally
            {
                invokerLock.unlock();
            }
        }
    }

    private int invokeConductor()
    {
        invokerLock.lock();
        try
        {
            return invoker.invoke();
        }
        finally
        {
            invokerLock.unlock();
        }
    }
}
