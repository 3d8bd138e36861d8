package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.ArrayList;
import java.util.List;

/**
 * The ring's barrier. A consumer first asks what is available without waiting (the whole run of
 * published events, at most {@link #SCAN_LIMIT} of them when events carry their own publication, or the
 * slowest upstream handler's sequence); only when nothing is does it wait, with the ring's wait strategy,
 * and after the wait it takes again everything available, so the first batch after an idle period is as
 * large as the backlog (or that limit).
 *
 * <p>The ring's own wait strategies block only until the wanted event is <em>published</em>, which
 * every publication signals, and wait for upstream handlers by spinning, yielding, then parking for
 * growing times: no processor has to signal anyone, so a processor of your own can never leave a
 * consumer asleep. A wait strategy of your own gets the Disruptor's arguments: the cursor, and the
 * sequence to follow (the cursor, the one upstream sequence, or a {@link FixedSequenceGroup}).
 */
final class ProcessingSequenceBarrier implements SequenceBarrier
{
    final AbstractSequencer sequencer;
    private final Sequence[] dependents;
    private final WaitStrategy waitStrategy;
    private final BarrierWaitStrategy nativeWaitStrategy;
    /**
     * The most published events one look returns when events carry their own publication. They are found
     * by reading each one; a run short enough to stay in L1 (256 events of a few dozen bytes) is still there
     * when the handler reads it, where a whole ring of backlog (megabytes) would be read twice from L3.
     */
    static final int SCAN_LIMIT = 256;
    private final int scanLength;
    private Sequence dependentSequence;
    private volatile boolean alerted;

    ProcessingSequenceBarrier(final AbstractSequencer sequencer, final Sequence[] dependents)
    {
        SequenceGroups.checkNoNulls(dependents, "dependent sequences");
        this.sequencer = sequencer;
        this.dependents = withoutCursorFollowers(dependents);
        this.waitStrategy = sequencer.waitStrategy;
        this.nativeWaitStrategy = waitStrategy instanceof BarrierWaitStrategy ours ? ours : null;
        // events that carry their publication are read one by one to find the run: keep the run in L1
        this.scanLength = sequencer.slots != null ? Math.min(sequencer.bufferSize, SCAN_LIMIT) : sequencer.bufferSize;
    }

    /** A sequence that follows the cursor adds nothing to a barrier, which waits for publication anyway. */
    private static Sequence[] withoutCursorFollowers(final Sequence[] dependents)
    {
        final List<Sequence> kept = new ArrayList<>(dependents.length);
        for (final Sequence dependent : dependents)
        {
            if (!(dependent instanceof NoOpEventProcessor.CursorSequence))
            {
                kept.add(dependent);
            }
        }
        return kept.toArray(new Sequence[0]);
    }

    @Override
    public long waitFor(final long sequence) throws AlertException, InterruptedException, TimeoutException
    {
        checkAlert();
        final long available = highestAvailable(sequence);
        if (available >= sequence)
        {
            return available;
        }
        if (nativeWaitStrategy != null)
        {
            nativeWaitStrategy.await(sequence, this);
        }
        else
        {
            final long seen = waitStrategy.waitFor(sequence, sequencer.cursorSequence(), dependentSequence(), this);
            if (seen < sequence)
            {
                return seen;
            }
        }
        return highestAvailable(sequence); // after a wait: everything available now, so the batch holds the backlog
    }

    @Override
    public long highestAvailable(final long sequence)
    {
        final Sequence[] dependents = this.dependents;
        if (dependents.length == 0)
        {
            return sequencer.highestPublished(sequence, sequence + scanLength - 1);
        }
        return SequenceGroups.minimum(dependents, Long.MAX_VALUE);
    }

    /** Cheaply, while waiting: an available sequence of at least {@code sequence}, or less if it is not available. */
    long available(final long sequence)
    {
        final Sequence[] dependents = this.dependents;
        if (dependents.length == 0)
        {
            return sequencer.highestPublished(sequence, sequence);
        }
        return SequenceGroups.minimum(dependents, Long.MAX_VALUE);
    }

    /** Whether {@code sequence} is published: what a blocking strategy blocks on, and what producers signal. */
    boolean isPublished(final long sequence)
    {
        return sequencer.highestPublished(sequence, sequence) >= sequence;
    }

    boolean hasDependents()
    {
        return dependents.length != 0;
    }

    /** The sequence a wait strategy of the Disruptor's shape follows: the cursor, the one dependent, or their group. */
    Sequence dependentSequence()
    {
        Sequence dependent = dependentSequence;
        if (dependent == null)
        {
            dependent = dependents.length == 0 ? sequencer.cursorSequence() :
                dependents.length == 1 ? dependents[0] : new FixedSequenceGroup(dependents);
            dependentSequence = dependent; // racy but benign: every thread makes an equal one
        }
        return dependent;
    }

    @Override
    public long getCursor()
    {
        return dependents.length == 0 ? sequencer.cursorSequence().get() : SequenceGroups.minimum(dependents,
            Long.MAX_VALUE);
    }

    @Override
    public void alert()
    {
        alerted = true;
        waitStrategy.signalAllWhenBlocking();
    }

    @Override
    public void clearAlert()
    {
        alerted = false;
    }

    @Override
    public boolean isAlerted()
    {
        return alerted;
    }

    @Override
    public void checkAlert()
    {
        if (alerted)
        {
            throw AlertException.INSTANCE;
        }
    }

    /** A new barrier on the same dependencies, with an alert of its own. */
    ProcessingSequenceBarrier copy()
    {
        return new ProcessingSequenceBarrier(sequencer, dependents);
    }

    @Override
    public String toString()
    {
        return "SequenceBarrier{dependents=" + dependents.length + ", alerted=" + alerted + "}";
    }
}
