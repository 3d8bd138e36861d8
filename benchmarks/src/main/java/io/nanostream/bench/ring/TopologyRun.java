package io.nanostream.bench.ring;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One round of a topology shape (1p1c, 3p1c, 1p3c, pipeline, diamond), run the same way for every ring library:
 * arm each terminal handler at the round's last sequence, start the producers together, wait for the terminals, and
 * check what each summed. A library's shape supplies only what touches its own types: its cursor and its produce loop
 * (the hot path stays in the library's class, monomorphic), and terminal handlers that extend {@link Terminal}.
 */
final class TopologyRun
{
    /** One consumer per producer's events. */
    static final int UNICAST = 0;
    /** Three consumers, each seeing every event. */
    static final int MULTICAST = 1;
    /** a = value * 3, then b = a + 7, then the terminal sums b. */
    static final int PIPELINE = 2;
    /** a = value * 3 and b = value + 7 in parallel, then the terminal sums a + b. */
    static final int DIAMOND = 3;

    /** What a library's shape does with its own types. */
    interface Ring
    {
        /** {@return the ring's cursor} */
        long cursor();

        /**
         * Claims, fills and publishes {@code count} events valued 0 .. count-1, on the calling thread.
         *
         * @param count how many.
         */
        void produce(long count);
    }

    /** The state of a terminal handler: what it summed, and the latch it releases at the round's last sequence. */
    abstract static class Terminal
    {
        long sum;
        long target = -2;
        CountDownLatch latch;

        /** Counts the latch down if this is the round's last sequence. */
        final void reached(final long sequence)
        {
            if (sequence == target)
            {
                latch.countDown();
            }
        }
    }

    private TopologyRun()
    {
    }

    /**
     * Runs one round.
     *
     * @param library   names the library in thread names and failures.
     * @param ring      the library's ring.
     * @param producers how many producer threads.
     * @param kind      {@link #UNICAST}, {@link #MULTICAST}, {@link #PIPELINE} or {@link #DIAMOND}.
     * @param terminals the terminal handlers (three for multicast, one otherwise).
     * @param events    about how many events (a multiple of the producers).
     * @return the nanoseconds from the producers' start to the last terminal's release.
     * @throws Exception if a terminal does not finish in time, or a sum is wrong.
     */
    static long run(final String library, final Ring ring, final int producers, final int kind,
        final List<? extends Terminal> terminals, final long events) throws Exception
    {
        final long perProducer = events / producers;
        final long total = perProducer * producers;
        final long last = ring.cursor() + total;
        final CountDownLatch done = new CountDownLatch(terminals.size());
        final long[] before = new long[terminals.size()];
        for (int i = 0; i < terminals.size(); i++)
        {
            final Terminal terminal = terminals.get(i);
            terminal.target = last;
            terminal.latch = done;
            before[i] = terminal.sum;
        }
        final long start;
        if (producers == 1)
        {
            start = System.nanoTime();
            ring.produce(perProducer);
        }
        else
        {
            final CountDownLatch go = new CountDownLatch(1);
            for (int p = 0; p < producers; p++)
            {
                Checks.start(library + "-producer", () ->
                {
                    try
                    {
                        go.await();
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                    ring.produce(perProducer);
                });
            }
            start = System.nanoTime();
            go.countDown();
        }
        Checks.await(done, library + " consumers");
        final long elapsed = System.nanoTime() - start;
        final long perProducerSum = Checks.sumBelow(perProducer);
        final long expected = switch (kind)
        {
            case PIPELINE -> 3 * perProducerSum * producers + 7 * total;
            case DIAMOND -> 4 * perProducerSum * producers + 7 * total;
            default -> perProducerSum * producers;
        };
        for (int i = 0; i < terminals.size(); i++)
        {
            Checks.expect(library + " sum of consumer " + i, expected, terminals.get(i).sum - before[i]);
        }
        return elapsed;
    }
}
