/**
 * The application's handle on a Nano-Stream media driver: connect, then publish and subscribe on
 * channels and streams, between processes (IPC) and, later, between machines.
 */
module io.nanostream.client {
    requires transitive io.nanostream.log;

    exports io.nanostream.client;
    exports io.nanostream.client.protocol to io.nanostream.driver, io.nanostream.cli;
}
