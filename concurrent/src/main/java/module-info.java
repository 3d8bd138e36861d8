/**
 * Building blocks shared by every Nano-Stream distance: padded sequences, idle strategies,
 * agents and their runners, clocks. Pure Java: the native features live in {@code io.nanostream.natives}.
 */
module io.nanostream.concurrent {
    exports io.nanostream.concurrent;
}
