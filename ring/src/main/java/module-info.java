/**
 * Nano-Stream between threads: a ring buffer of preallocated events, single- and multi-producer
 * sequencing, wait strategies, batch processors, pollers, worker pools and a graph of handlers, with
 * the LMAX Disruptor's API under the same names where it costs nothing ({@code io.nanostream.ring.dsl}
 * holds its {@code Disruptor} DSL class).
 */
module io.nanostream.ring {
    requires transitive io.nanostream.concurrent;

    exports io.nanostream.ring;
    exports io.nanostream.ring.dsl;
    exports io.nanostream.ring.graph;
}
