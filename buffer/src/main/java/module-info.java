/**
 * Memory for Nano-Stream between processes: an atomic, bounds-checked view over a FFM
 * {@code MemorySegment} (heap, native or memory-mapped), files mapped with owner-only permissions,
 * and the shared-memory structures built on them.
 */
module io.nanostream.buffer {
    requires transitive io.nanostream.concurrent;

    exports io.nanostream.buffer;
}
