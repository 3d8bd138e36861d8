/**
 * The Disruptor's DSL name for a handler graph, so that code written against {@code com.lmax.disruptor.dsl.Disruptor}
 * compiles with changed imports; new code may use {@link io.nanostream.ring.graph.HandlerGraph} directly.
 *
 * <pre>
 *   dsl.Disruptor&lt;E&gt; ──is a──▶ HandlerGraph&lt;E&gt;   handleEventsWith(...).then(...), start(), shutdown()
 * </pre>
 */
package io.nanostream.ring.dsl;
