package io.nanostream.archive;

import io.nanostream.archive.service.ArchiveConductor;
import io.nanostream.archive.service.Catalog;
import io.nanostream.archive.service.RecordingCounters;
import io.nanostream.archive.service.RecordingFiles;
import io.nanostream.client.NanoStream;
import io.nanostream.concurrent.AgentRunner;
import io.nanostream.concurrent.IdleStrategies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The archive service: records streams to segment files as they flow, keeps a catalog of the recordings, and replays
 * them from any frame to any channel. It runs on a thread of its own as a client of a media driver (embedded in the
 * application's process or standalone), and any number of {@link ArchiveClient}s talk to it over the driver's channels.
 *
 * <pre>{@code
 * try (Archive archive = Archive.launch(new ArchiveContext().archiveDirectory(Path.of("/var/lib/app/archive"))
 *          .clientContext(new ClientContext().directory(driver.directory())))) {
 *     ...
 * }
 * }</pre>
 *
 * On launch, a recording that was being made when an archive last ran in the directory (it was killed) is stopped at
 * the last whole frame its files hold. One archive per directory, held by a file lock.
 */
public final class Archive implements AutoCloseable
{
    /** The lock file's name in the archive directory. */
    public static final String LOCK_FILE = "archive.lock";

    private final ArchiveContext context;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Catalog catalog;
    private final NanoStream client;
    private final AgentRunner runner;

    private final RecordingCounters counters;
    private boolean closed;

    private Archive(
        final ArchiveContext context, final FileChannel lockFile, final FileLock lock, final Catalog catalog,
        final RecordingCounters counters, final NanoStream client, final ArchiveConductor conductor)
    {
        this.context = context;
        this.counters = counters;
        this.lockFile = lockFile;
        this.lock = lock;
        this.catalog = catalog;
        this.client = client;
        this.runner = new AgentRunner(conductor, IdleStrategies.byName(context.idleStrategy()), context.errorHandler(),
            counters.dutyCycles(context.dutyCycleThreshold().toNanos()));
        AgentRunner.start(runner, Thread.ofPlatform().daemon()::unstarted);
    }

    /**
     * Launches an archive.
     *
     * @param context its settings; the archive directory is required.
     * @return the archive, running.
     * @throws IllegalStateException if no directory is given, another archive holds it, or its catalog is damaged.
     * @throws io.nanostream.client.DriverUnavailableException if no media driver runs where the client context says.
     */
    public static Archive launch(final ArchiveContext context)
    {
        final Path directory = context.archiveDirectory();
        if (directory == null)
        {
            throw new IllegalStateException("no archive directory: set ArchiveContext.archiveDirectory(...) or nanostream.archive.dir, " +
                "on the disk that must keep the recordings");
        }
        FileChannel lockFile = null;
        FileLock lock = null;
        Catalog catalog = null;
        try
        {
            Files.createDirectories(directory);
            lockFile = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            lock = lockFile.tryLock();
            if (lock == null)
            {
                throw new IllegalStateException("another archive runs in " + directory +
                    "; stop it, or give this one another directory");
            }
            catalog = Catalog.open(directory, context.catalogCapacity());
            ArchiveConductor.recover(directory, catalog);
            final List<Path> orphans = RecordingFiles.orphans(directory, catalog);
            if (!orphans.isEmpty())
            {
                System.getLogger("io.nanostream.archive").log(System.Logger.Level.WARNING, orphans.size() +
                    " segment file(s) in " + directory + " belong to no recording (a deletion or purge cut short): " +
                    orphans + "; remove them with " + "./nano-stream archive orphans --archive-dir " + directory +
                    " --delete while no archive runs there");
            }
            final RecordingCounters counters = RecordingCounters.create(directory);
            final NanoStream client;
            try
            {
                client = NanoStream.connect(context.clientContext());
            }
            catch (final RuntimeException ex)
            {
                counters.close();
                throw ex;
            }
            try
            {
                return new Archive(context, lockFile, lock, catalog, counters, client, new ArchiveConductor(context,
                    client, catalog, counters));
            }
            catch (final RuntimeException ex)
            {
                client.close();
                counters.close();
                throw ex;
            }
        }
        catch (final IOException ex)
        {
            close(catalog, lock, lockFile);
            throw new UncheckedIOException("cannot start the archive in " + directory + ": " + ex.getMessage(), ex);
        }
        catch (final OverlappingFileLockException ex)
        {
            close(catalog, lock, lockFile);
            throw new IllegalStateException("another archive runs in " + directory +
                " in this process; close it, or give this one " + "another directory", ex);
        }
        catch (final RuntimeException ex)
        {
            close(catalog, lock, lockFile);
            throw ex;
        }
    }

    private static void close(final Catalog catalog, final FileLock lock, final FileChannel lockFile)
    {
        try
        {
            if (catalog != null)
            {
                catalog.close();
            }
            if (lock != null)
            {
                lock.release();
            }
            if (lockFile != null)
            {
                lockFile.close();
            }
        }
        catch (final IOException ignored)
        {
            // closing after a failure: the first problem is the one reported
        }
    }

    /**
     * Reads the recordings of an archive directory from its catalog, whether or not an archive runs there: for tools.
     *
     * @param archiveDirectory the directory.
     * @return every recording, in id order; one being made has no stop position.
     * @throws IllegalStateException if the directory has no catalog, or a damaged one.
     */
    public static List<RecordingDescriptor> recordings(final Path archiveDirectory)
    {
        final List<RecordingDescriptor> recordings = new ArrayList<>();
        try (Catalog catalog = Catalog.openExisting(archiveDirectory))
        {
            catalog.forEach(0, recordings::add);
        }
        return recordings;
    }

    /**
     * The archive's settings.
     *
     * @return the context.
     */
    public ArchiveContext context()
    {
        return context;
    }

    /**
     * Stops recording (each recording ends where it got to) and replaying, and lets the
     * directory go; again does nothing.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        runner.close();
        client.close();
        counters.close();
        close(catalog, lock, lockFile);
    }
}
