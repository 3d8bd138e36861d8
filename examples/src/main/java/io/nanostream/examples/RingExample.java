package io.nanostream.examples;

import io.nanostream.ring.BatchEventProcessor;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequencedEvent;
import io.nanostream.ring.YieldingWaitStrategy;

import java.io.PrintStream;

/** Between threads: one producer claims, fills and publishes trades; a batch handler on its own thread prints them. */
public final class RingExample
{
    /** A trade, preallocated in every slot (extending {@code SequencedEvent} is optional: the fastest publication). */
    static final class Trade extends SequencedEvent
    {
        long price;
    }

    private RingExample()
    {
    }

    /**
     * Publishes ten trades and prints them as the handler sees them.
     *
     * @param args none.
     * @throws InterruptedException if interrupted while the handler stops.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        run(10, System.out);
    }

    /**
     * Publishes trades priced 100, 101, ... and prints {@code trade <sequence> price <price>} from the handler.
     *
     * @param count how many trades.
     * @param out   where the handler prints.
     * @throws InterruptedException if interrupted while the handler stops.
     */
    public static void run(final int count, final PrintStream out) throws InterruptedException
    {
        RingBuffer<Trade> ring = RingBuffer.createSingleProducer(Trade::new, 1024, new YieldingWaitStrategy());
        EventHandler<Trade> printer = (trade, sequence, endOfBatch) -> out.println("trade " + sequence + " price " +
            trade.price);
        BatchEventProcessor<Trade> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), printer);
        ring.addGatingSequences(processor.getSequence());          // the producer never overtakes the handler
        Thread handlerThread = Thread.ofPlatform().name("printer").start(processor);

        for (int i = 0; i < count - 1; i++)
        {
            long sequence = ring.next();                            // claim a slot; waits while the ring is full
            ring.get(sequence).price = 100 + i;                     // fill the preallocated event in place
            ring.publish(sequence);                                 // the handler may now see it
        }
        ring.publishEvent((trade, sequence, price) -> trade.price = price, 100L +
            count - 1);  // the same, through a translator

        while (processor.getSequence().get() < ring.getCursor())   // wait until the handler has seen the last one
        {
            Thread.yield();
        }
        processor.halt();
        handlerThread.join();
    }
}
