package io.nanostream.ring.internal;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.ExceptionHandler;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.WorkHandler;
import io.nanostream.ring.WorkerPool;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * What the ring's {@code graph} package needs of {@code io.nanostream.ring} beyond its public API: hooks that are safe
 * only where the caller keeps the gating invariants, as the graph does, so they are not API. This package is not
 * exported. {@code RingBuffer} registers the one implementation as it is initialised, which happens before any graph
 * can hold a ring.
 *
 * <pre>
 *   io.nanostream.ring.graph ──get()──▶ RingInternals ◀──register(once)── RingBuffer's class initialiser
 *                                        (abstract)                         (package-private access inside)
 * </pre>
 *
 * <p>Thread-safe: registered once, read by any thread.
 */
public abstract class RingInternals
{
    private static final String IMPLEMENTATION = "io.nanostream.ring.RingPackageInternals";

    private static volatile RingInternals registered;

    /** For the one implementation, in {@code RingBuffer}. */
    protected RingInternals()
    {
    }

    /**
     * Registers the implementation; only {@code RingBuffer}'s class initialiser calls this.
     *
     * @param internals the implementation.
     * @throws IllegalStateException if one is registered already.
     * @throws IllegalArgumentException if it is not the ring's own, from the ring's class loader: on the class path,
     *                                  where this package is not hidden, no one else may take the ring's place.
     */
    public static void register(final RingInternals internals)
    {
        final Class<?> type = internals.getClass();
        if (!type.getName().equals(IMPLEMENTATION) || type.getClassLoader() != RingInternals.class.getClassLoader())
        {
            throw new IllegalArgumentException(type.getName() +
                " is not the ring's own internals; only RingBuffer registers them");
        }
        synchronized (RingInternals.class)
        {
            if (registered != null)
            {
                throw new IllegalStateException("ring internals are registered already");
            }
            registered = internals; // volatile store: publishes the fully built implementation
        }
    }

    /**
     * The implementation, initialising {@code RingBuffer} first if nothing has yet.
     *
     * @return the registered implementation.
     */
    public static RingInternals get()
    {
        RingInternals internals = registered; // volatile load: pairs with register's store
        if (internals == null)
        {
            try
            {
                Class.forName(RingBuffer.class.getName(), true, RingBuffer.class.getClassLoader());
            }
            catch (final ClassNotFoundException ex)
            {
                throw new IllegalStateException(ex);
            }
            internals = registered;
        }
        return internals;
    }

    /**
     * Adds gating sequences to a ring with their values as they are, where {@link RingBuffer#addGatingSequences}
     * would move them to the cursor; the caller makes sure each is neither ahead of what was consumed upstream nor
     * a lap behind.
     *
     * @param ring      the ring.
     * @param sequences the sequences.
     */
    public abstract void addGatingSequencesAsIs(RingBuffer<?> ring, Sequence... sequences);

    /**
     * Makes a worker pool whose workers also tell a listener of a failure that halts them, as the graph's batch
     * processors do through their public {@code setFatalErrorListener}.
     *
     * @param ring               the ring the workers read.
     * @param barrier            what the workers wait on.
     * @param exceptionHandler   what to do when a worker's handler throws.
     * @param fatalErrorListener told of a failure that halts a worker.
     * @param handlers           one handler per worker.
     * @param <E>                the event type.
     * @return the pool, not started.
     */
    public abstract <E> WorkerPool<E> newWorkerPool(
        RingBuffer<E> ring, SequenceBarrier barrier, ExceptionHandler<? super E> exceptionHandler,
        Consumer<Throwable> fatalErrorListener, WorkHandler<? super E>[] handlers);

    /**
     * Starts a worker pool after the given sequence instead of after the cursor.
     *
     * @param pool          the pool.
     * @param lastDone      the sequence its workers treat as handled.
     * @param threadFactory makes the worker threads.
     */
    public abstract void startAt(WorkerPool<?> pool, long lastDone, ThreadFactory threadFactory);

    /**
     * The threads a worker pool started, empty before it starts.
     *
     * @param pool the pool.
     * @return a copy of its threads.
     */
    public abstract List<Thread> threads(WorkerPool<?> pool);

    /**
     * Whether a worker pool runs the given handler.
     *
     * @param pool    the pool.
     * @param handler the handler, compared by identity.
     * @return true if one of its workers runs it.
     */
    public abstract boolean hasHandler(WorkerPool<?> pool, Object handler);
}
