package io.nanostream.examples;

import io.nanostream.ring.EventPoller;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.YieldingWaitStrategy;

import java.io.PrintStream;

/** Between threads, pulling instead of pushing: the consumer polls the ring on a thread of its choosing. */
public final class PollerExample
{
    /** A trade, preallocated in every slot. */
    static final class Trade
    {
        long price;
    }

    private PollerExample()
    {
    }

    /**
     * Publishes five trades, then polls and prints them.
     *
     * @param args none.
     * @throws Exception if the poll handler throws.
     */
    public static void main(final String[] args) throws Exception
    {
        run(5, System.out);
    }

    /**
     * Publishes trades priced 100, 101, ..., then polls them, printing {@code polled <sequence> price <price>}.
     *
     * @param count how many trades, at most the ring's 1024 (nothing polls while they are published).
     * @param out   where the poll handler prints.
     * @throws Exception if the poll handler throws.
     */
    public static void run(final int count, final PrintStream out) throws Exception
    {
        RingBuffer<Trade> ring = RingBuffer.createSingleProducer(Trade::new, 1024, new YieldingWaitStrategy());
        EventPoller<Trade> poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());     // before publishing: the poller sees what comes after this

        for (int i = 0; i < count; i++)
        {
            ring.publishEvent((trade, sequence, price) -> trade.price = price, 100L + i);
        }

        EventPoller.Handler<Trade> printer = (trade, sequence, endOfBatch) ->
        {
            out.println("polled " + sequence + " price " + trade.price);
            return true;                                   // true: go on to the next available trade
        };
        while (poller.poll(printer) == EventPoller.PollState.PROCESSING)
        {
            // each poll takes everything published so far; IDLE once nothing is left
        }
    }
}
