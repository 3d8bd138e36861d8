/**
 * Between threads: a ring of preallocated events that producers claim, fill in place and publish, and that consumers
 * read in batches, each behind the ones it depends on. The names are the LMAX Disruptor's, so its users' code moves by
 * changing imports.
 *
 * <pre>
 *   producers                       RingBuffer&lt;E&gt; (events made once, by an EventFactory)
 *   next() / publishEvent(...) ──▶  ┌──┬──┬──┬──┬──┬──┬──┬──┐
 *        │                          │e0│e1│e2│e3│e4│e5│e6│e7│  slot = sequence &amp; (size - 1)
 *        ▼                          └──┴──┴──┴──┴──┴──┴──┴──┘
 *   Sequencer: claims sequences     ▲ published: a cursor (one producer), per-slot flags (many),
 *     SingleProducerSequencer       │   or the event's own sequence (SequencedEvent)
 *     MultiProducerSequencer        │
 *     waits for room behind the     │ SequenceBarrier (ProcessingSequenceBarrier): what is published,
 *     gating sequences              │   and what the handlers upstream are done with
 *     (ProducerWaitStrategy)        │ WaitStrategy: how a consumer waits (spin, yield, sleep, block, phased)
 *                                   │
 *   consumers:  BatchEventProcessor ─┴─ EventHandler.onEvent(event, sequence, endOfBatch), one thread each
 *               WorkerPool / WorkProcessor: each event to one of several WorkHandlers
 *               EventPoller: pull instead of push, on the caller's thread
 *   wiring:     ring.graph: HandlerGraph builds and runs consumers on their threads, each behind what it follows
 *   failure:    ExceptionHandlers.logAndHalt() (default) halts the ring: producers get RingHaltedException
 * </pre>
 *
 * <p>The ring's {@code RingBuffer}, its sequencers and barriers are shared by the producer and consumer threads; each
 * type says which thread writes which field. {@link io.nanostream.ring.graph} wires processors into a graph of
 * handlers, and {@link io.nanostream.ring.dsl} holds the Disruptor's name for that graph.
 */
package io.nanostream.ring;
