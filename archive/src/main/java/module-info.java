/**
 * Streams that outlive their processes: {@link io.nanostream.archive.Archive} records streams to segment files and
 * replays them; {@link io.nanostream.archive.ArchiveClient} asks it to, from any process, over the driver's channels.
 */
module io.nanostream.archive {
    requires transitive io.nanostream.client;

    exports io.nanostream.archive;
}
