/**
 * Memory and the structures built on it that processes share.
 *
 * <pre>
 *   AtomicBuffer (sealed) ─┬─ NativeAtomicBuffer   off-heap or mapped memory (MemorySegment), every check
 *                          ├─ RawAtomicBuffer      the same memory by address, bounds checked, liveness not
 *                          │                       (opt-in: RawMemory, -Dnanostream.memory.raw=true)
 *                          └─ HeapAtomicBuffer     byte[] memory
 *   MappedFile             a file mapped as one AtomicBuffer
 *
 *   built on an AtomicBuffer:
 *   MessageRing            many writers → one reader    (clients' commands to the driver)
 *   BroadcastTransmitter   one writer → many readers    (the driver's answers; BroadcastReceiver reads)
 *   CounterSet / Counter   labelled 64-bit counters     (CountersReader for those who only look)
 *   DistinctErrorLog       each distinct error once, with counts (ErrorLogReader)
 * </pre>
 */
package io.nanostream.buffer;
