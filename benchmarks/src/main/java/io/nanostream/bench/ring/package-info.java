/**
 * Ring scenarios between threads: Nano-Stream's ring, the LMAX Disruptor and JCTools queues in the same shapes.
 *
 * <pre>
 *   RingScenarios ─┬─ NanoRingShapes, DisruptorShapes, JctoolsShapes   (1p1c, 3p1c, 1p3c, pipeline, diamond, ping-pong)
 *                  ├─ PollPingPongShapes                               (no processor threads)
 *                  └─ ProducerOnlyShapes                               (claim and publish alone)
 * </pre>
 */
package io.nanostream.bench.ring;
