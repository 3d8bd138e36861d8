/**
 * A graph of handlers over one ring: which consumers run, on which threads, and what each waits behind. The graph
 * makes a processor per handler (or a worker pool per group of work handlers), gates the producers on the consumers
 * at the end of each chain, starts and stops their threads, halts the ring when a handler fails, and lets handlers
 * join and leave while it runs. The Disruptor's DSL under our names; {@code ring.dsl.Disruptor} is the same graph
 * under the Disruptor's.
 *
 * <pre>
 *   HandlerGraph&lt;E&gt; ── holds ──▶ HandlerGraphWiring&lt;E&gt; (one lock: its monitor)
 *     handleEventsWith(a, b)              nodes: GraphNode = processor | user's processor | WorkerPool,
 *       .then(c)  ─▶ HandlerGroup           its sequences, what it follows, whether it ends a chain
 *     after(c).thenWorkerPool(w1, w2)
 *     handleExceptionsFor(a).with(h) ─▶ ExceptionHandlerSetting
 *     start() / shutdown() / halt() / removeHandler(c)
 *
 *   producers ──▶ RingBuffer ──▶ a ──┐
 *                     ▲        ──▶ b ──┴──▶ c ──▶ pool(w1 | w2)
 *                     └──────── gated by the ends of the chains (here: the pool's sequences)
 * </pre>
 *
 * <p>A graph is configured from one thread, or under its lock by any; its handlers run on the threads its
 * {@code ThreadFactory} makes. {@link io.nanostream.ring.graph.HandlerGraph#builder} takes the options the
 * constructors lack.
 */
package io.nanostream.ring.graph;
