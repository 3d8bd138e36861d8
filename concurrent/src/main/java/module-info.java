/**
 * Building blocks shared by every Nano-Stream distance: padded sequences, idle strategies,
 * agents and clocks; CPU affinity and topology.
 */
module io.nanostream.concurrent {
    exports io.nanostream.concurrent;
    exports io.nanostream.concurrent.affinity;
    exports io.nanostream.concurrent.memory;
    exports io.nanostream.concurrent.net;
}
