package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A processor that handles nothing and never holds producers back: its sequence always reads as the
 * ring's cursor. For tests, and for filling a ring before its real consumers exist.
 */
public final class NoOpEventProcessor implements EventProcessor
{
    private final CursorSequence sequence;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * Creates the processor.
     *
     * @param ringBuffer the ring whose cursor its sequence follows.
     */
    public NoOpEventProcessor(final RingBuffer<?> ringBuffer)
    {
        if (ringBuffer == null)
        {
            throw new NullPointerException("ringBuffer is null");
        }
        this.sequence = new CursorSequence(ringBuffer);
    }

    /**
     * A sequence that reads as the ring's cursor; setting it has no effect on what it reads.
     *
     * @return the sequence.
     */
    @Override
    public Sequence getSequence()
    {
        return sequence;
    }

    @Override
    public void halt()
    {
        running.set(false);
    }

    @Override
    public boolean isRunning()
    {
        return running.get();
    }

    /**
     * Marks the processor running and returns at once: there is nothing to process.
     *
     * @throws IllegalStateException if it is already running.
     */
    @Override
    public void run()
    {
        if (!running.compareAndSet(false, true))
        {
            throw new IllegalStateException("NoOpEventProcessor is already running");
        }
    }

    /** Reads as the ring's cursor. Barriers recognise it and wait for publication instead. */
    static final class CursorSequence extends Sequence
    {
        private final RingBuffer<?> ringBuffer;

        CursorSequence(final RingBuffer<?> ringBuffer)
        {
            this.ringBuffer = ringBuffer;
        }

        @Override
        public long get()
        {
            return ringBuffer.getCursor();
        }

        @Override
        public long getOpaque()
        {
            return ringBuffer.getCursor();
        }
    }
}
