/**
 * What Nano-Stream asks of the operating system through FFM, each feature opt-in and off with its reason when native
 * access is not enabled: where threads run ({@code affinity}), how mapped memory is backed ({@code memory}) and
 * batched UDP sockets ({@code net}).
 */
module io.nanostream.natives {
    exports io.nanostream.natives.affinity;
    exports io.nanostream.natives.memory;
    exports io.nanostream.natives.net;
}
