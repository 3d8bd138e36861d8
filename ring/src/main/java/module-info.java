/**
 * Nano-Stream between threads: a ring buffer of preallocated events, single- and multi-producer
 * sequencing, wait strategies, batch processors, pollers, worker pools and a graph of handlers.
 */
module io.nanostream.ring {
    requires transitive io.nanostream.concurrent;

    exports io.nanostream.ring;
}
