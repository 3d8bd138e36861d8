package io.nanostream.examples;

import io.nanostream.ring.EventHandler;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.YieldingWaitStrategy;
import io.nanostream.ring.graph.HandlerGraph;

import java.io.PrintStream;
import java.time.Duration;

/** Between threads, a diamond of handlers: journal and replicate see every order in parallel, then execute sees it. */
public final class HandlerGraphExample
{
    /** An order, preallocated in every slot; each handler marks what it did. */
    static final class Order
    {
        long id;
        boolean journaled;
        boolean replicated;
    }

    private HandlerGraphExample()
    {
    }

    /**
     * Publishes five orders through the diamond and prints what the last handler sees.
     *
     * @param args none.
     */
    public static void main(final String[] args)
    {
        run(5, System.out);
    }

    /**
     * Publishes orders 1 to {@code count}; the last handler prints {@code order <id> journaled <b> replicated <b>}.
     *
     * @param count how many orders.
     * @param out   where the last handler prints.
     */
    public static void run(final int count, final PrintStream out)
    {
        HandlerGraph<Order> graph = HandlerGraph.builder(Order::new)
            .ringSize(1024)
            .producerType(ProducerType.SINGLE)
            .waitStrategy(new YieldingWaitStrategy())
            .build();

        EventHandler<Order> journal = (order, sequence, endOfBatch) -> order.journaled = true;
        EventHandler<Order> replicate = (order, sequence, endOfBatch) -> order.replicated = true;
        EventHandler<Order> execute = (order, sequence, endOfBatch) ->
            out.println("order " + order.id + " journaled " + order.journaled + " replicated " + order.replicated);
        graph.handleEventsWith(journal, replicate)    // both see every order, each on its own thread
             .then(execute);                          // sees each order after both are done with it

        RingBuffer<Order> ring = graph.start();
        for (long id = 1; id <= count; id++)
        {
            ring.publishEvent((order, sequence, orderId) ->
            {
                order.id = orderId;
                order.journaled = false;              // slots are reused: reset what the handlers set last lap
                order.replicated = false;
            }, id);
        }
        graph.shutdown(Duration.ofSeconds(30));       // drains what was published, then stops the handlers
    }
}
