/**
 * Log buffers as Aeron lays them out, so that a frame in the log is the frame on the wire: three
 * terms and a metadata page, 32-byte frame headers, appenders for one or many writers, readers and
 * fragment assembly.
 */
module io.nanostream.log {
    requires transitive io.nanostream.buffer;
    requires io.nanostream.natives;

    exports io.nanostream.log;
}
