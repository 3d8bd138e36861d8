package io.nanostream.natives.affinity;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread factory whose threads pin themselves to CPUs as they start: the n-th thread made takes the
 * n-th set, round the list again after the last. Give it to a ring's DSL, or to anything that takes a
 * {@link ThreadFactory}, to place its processors. Without native access (or off Linux) threads run
 * unpinned and {@link #status()} says why: the factory never fails and never warns. Any thread may use it.
 */
public final class AffinityThreadFactory implements ThreadFactory
{
    private final List<CpuSet> placements;
    private final ThreadFactory delegate;
    private final String unavailable = Affinity.unavailableReason();
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger pinned = new AtomicInteger();
    private volatile String lastFailure;

    /**
     * Creates a factory.
     *
     * @param placements the CPUs of each thread in turn, e.g. {@code List.of(CpuSet.of(2), CpuSet.of(3))}; none empty.
     * @param delegate   makes the threads (name, daemon, priority); its threads then pin themselves.
     */
    public AffinityThreadFactory(final List<CpuSet> placements, final ThreadFactory delegate)
    {
        if (placements.isEmpty() || placements.stream().anyMatch(CpuSet::isEmpty))
        {
            throw new IllegalArgumentException("give at least one CPU set, none of them empty: " + placements);
        }
        this.placements = List.copyOf(placements);
        this.delegate = delegate;
    }

    @Override
    public Thread newThread(final Runnable runnable)
    {
        final CpuSet cpus = placements.get(made.getAndIncrement() % placements.size());
        return delegate.newThread(() ->
        {
            if (unavailable == null)
            {
                try
                {
                    Affinity.pinCurrentThread(cpus);
                    pinned.incrementAndGet();
                }
                catch (final IllegalStateException ex)
                {
                    lastFailure = Thread.currentThread().getName() + ": " + ex.getMessage();
                }
            }
            runnable.run();
        });
    }

    /** {@return how many of this factory's threads pinned themselves} */
    public int pinnedThreads()
    {
        return pinned.get();
    }

    /** {@return "on: ..." or "off: " and why, for status displays} */
    public String status()
    {
        if (unavailable != null)
        {
            return "off: " + unavailable;
        }
        final String failure = lastFailure;
        return failure != null ? "off: " + failure : "on: " + pinned.get() + " of " + made.get() +
            " threads pinned to " + placements;
    }
}
