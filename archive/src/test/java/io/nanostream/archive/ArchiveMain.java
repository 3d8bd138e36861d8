package io.nanostream.archive;

import io.nanostream.client.ClientContext;

import java.nio.file.Path;

/**
 * An archive in a JVM of its own, for the crash tests: {@code ArchiveMain <archive dir> <driver dir> <control stream
 * id>}; prints READY, runs until killed.
 */
public final class ArchiveMain
{
    private ArchiveMain()
    {
    }

    /**
     * Runs the archive.
     *
     * @param args the archive directory, the driver directory and the control stream id.
     * @throws InterruptedException never: it is killed.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Archive archive = Archive.launch(new ArchiveContext().archiveDirectory(Path.of(args[0]))
            .clientContext(new ClientContext().directory(Path.of(args[1]))).segmentLength(256 * 1024)
            .controlChannel(ArchiveContext.DEFAULT_CONTROL_CHANNEL, Integer.parseInt(args[2])));
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        archive.close();
    }
}
