/**
 * Building blocks shared by every Nano-Stream distance: padded sequences, idle strategies,
 * agents and clocks.
 */
module io.nanostream.concurrent {
    exports io.nanostream.concurrent;
}
