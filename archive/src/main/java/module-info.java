/**
 * Streams that outlive their processes: {@link io.nanostream.archive.Archive} records streams to segment files and
 * replays them; {@link io.nanostream.archive.ArchiveClient} asks it to, from any process, over the driver's channels;
 * {@link io.nanostream.archive.ArchivingMediaDriver} launches a driver and an archive as one.
 */
module io.nanostream.archive {
    requires transitive io.nanostream.client;
    requires static io.nanostream.driver; // ArchivingMediaDriver only: present where the application launches a driver

    exports io.nanostream.archive;
}
