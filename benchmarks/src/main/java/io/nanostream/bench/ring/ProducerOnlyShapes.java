package io.nanostream.bench.ring;

import io.nanostream.bench.ThroughputShape;
import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.RingBuffer;

/**
 * The single-threaded ring shapes: one thread claims, writes and publishes into a ring nobody consumes
 * (so it never waits), one event at a time ({@code 1p0c}) or 64 at a time ({@code batch64}). They
 * measure the producer's own instructions, with no cache line crossing cores. Our events here are plain
 * (published through the cursor, one store per claim or batch, as the Disruptor's): a
 * {@code SequencedEvent} carries its own mark, which pays across cores but costs a store per event here.
 */
public final class ProducerOnlyShapes
{
    /** Events per claim in the batch shape. */
    static final int BATCH = 64;

    private ProducerOnlyShapes()
    {
    }

    /**
     * The shape on Nano-Stream's ring.
     *
     * @param scenario 1p0c or batch64.
     * @return the shape.
     */
    public static ThroughputShape nano(final String scenario)
    {
        final boolean batch = isBatch(scenario);
        final RingBuffer<ValueEvent> ring = RingBuffer.createSingleProducer(ValueEvent::new, Checks.RING_SIZE,
            new BusySpinWaitStrategy());
        return new ThroughputShape()
        {
            @Override
            public long run(final long events)
            {
                final long start = System.nanoTime();
                final long first = ring.getCursor() + 1;
                if (batch)
                {
                    for (long i = 0; i < events; i += BATCH)
                    {
                        final long hi = ring.next(BATCH);
                        final long lo = hi - (BATCH - 1);
                        for (long s = lo; s <= hi; s++)
                        {
                            ring.get(s).value = s;
                        }
                        ring.publish(lo, hi);
                    }
                }
                else
                {
                    for (long i = 0; i < events; i++)
                    {
                        final long sequence = ring.next();
                        ring.get(sequence).value = sequence;
                        ring.publish(sequence);
                    }
                }
                final long elapsed = System.nanoTime() - start;
                final long last = ring.getCursor();
                Checks.expect("nano events published", roundUp(events, batch), last - first + 1);
                Checks.expect("nano last event", last, ring.get(last).value);
                return elapsed;
            }

            @Override
            public void close()
            {
            }
        };
    }

    /**
     * The shape on the LMAX Disruptor.
     *
     * @param scenario 1p0c or batch64.
     * @return the shape.
     */
    public static ThroughputShape disruptor(final String scenario)
    {
        final boolean batch = isBatch(scenario);
        final com.lmax.disruptor.RingBuffer<ValueEvent> ring =
            com.lmax.disruptor.RingBuffer.createSingleProducer(ValueEvent::new, Checks.RING_SIZE,
            new com.lmax.disruptor.BusySpinWaitStrategy());
        return new ThroughputShape()
        {
            @Override
            public long run(final long events)
            {
                final long start = System.nanoTime();
                final long first = ring.getCursor() + 1;
                if (batch)
                {
                    for (long i = 0; i < events; i += BATCH)
                    {
                        final long hi = ring.next(BATCH);
                        final long lo = hi - (BATCH - 1);
                        for (long s = lo; s <= hi; s++)
                        {
                            ring.get(s).value = s;
                        }
                        ring.publish(lo, hi);
                    }
                }
                else
                {
                    for (long i = 0; i < events; i++)
                    {
                        final long sequence = ring.next();
                        ring.get(sequence).value = sequence;
                        ring.publish(sequence);
                    }
                }
                final long elapsed = System.nanoTime() - start;
                final long last = ring.getCursor();
                Checks.expect("disruptor events published", roundUp(events, batch), last - first + 1);
                Checks.expect("disruptor last event", last, ring.get(last).value);
                return elapsed;
            }

            @Override
            public void close()
            {
            }
        };
    }

    static boolean isBatch(final String scenario)
    {
        return switch (scenario)
        {
            case "1p0c" -> false;
            case "batch64" -> true;
            default -> throw new IllegalArgumentException("no producer-only shape " + scenario);
        };
    }

    private static long roundUp(final long events, final boolean batch)
    {
        return batch ? (events + BATCH - 1) / BATCH * BATCH : events;
    }
}
