package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.internal.RingInternals;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/** The ring package's side of {@link RingInternals}: package-private members, reached for the graph. Stateless. */
final class RingPackageInternals extends RingInternals
{
    @Override
    public void addGatingSequencesAsIs(final RingBuffer<?> ring, final Sequence... sequences)
    {
        ring.sequencer.addGatingSequencesAsIs(sequences);
    }

    @Override
    public <E> WorkerPool<E> newWorkerPool(
        final RingBuffer<E> ring, final SequenceBarrier barrier, final ExceptionHandler<? super E> exceptionHandler,
        final Consumer<Throwable> fatalErrorListener, final WorkHandler<? super E>[] handlers)
    {
        return new WorkerPool<>(ring, barrier, exceptionHandler, fatalErrorListener, handlers);
    }

    @Override
    public void startAt(final WorkerPool<?> pool, final long lastDone, final ThreadFactory threadFactory)
    {
        pool.startAt(lastDone, threadFactory);
    }

    @Override
    public List<Thread> threads(final WorkerPool<?> pool)
    {
        return pool.threads();
    }

    @Override
    public boolean hasHandler(final WorkerPool<?> pool, final Object handler)
    {
        return pool.hasHandler(handler);
    }
}
