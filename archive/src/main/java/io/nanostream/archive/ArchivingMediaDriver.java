package io.nanostream.archive;

import io.nanostream.client.ClientContext;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;

/**
 * A media driver with an archive in the same process, as one thing to launch and close: the archive is a client of the
 * driver (its context's client directory is set to the driver's), on a thread of its own. Closing stops the archive
 * (each recording ends where it got to) before the driver.
 *
 * <pre>{@code
 * try (ArchivingMediaDriver driver = ArchivingMediaDriver.launch(new DriverContext(),
 *          new ArchiveContext().archiveDirectory(Path.of("/var/lib/app/archive")))) {
 *     ... clients connect to driver.mediaDriver().directory(), and ArchiveClient.connect(client) ...
 * }
 * }</pre>
 *
 * Threads: launch and close from one thread.
 */
public final class ArchivingMediaDriver implements AutoCloseable
{
    private final MediaDriver driver;
    private final Archive archive;

    private ArchivingMediaDriver(final MediaDriver driver, final Archive archive)
    {
        this.driver = driver;
        this.archive = archive;
    }

    /**
     * Launches a driver, then an archive as its client.
     *
     * @param driverContext  the driver's settings.
     * @param archiveContext the archive's settings (its archive directory is required; its client directory is set to
     *                       the driver's).
     * @return both, running.
     * @throws IllegalStateException if either cannot start; a driver already launched is closed again.
     */
    public static ArchivingMediaDriver launch(final DriverContext driverContext, final ArchiveContext archiveContext)
    {
        final MediaDriver driver = MediaDriver.launch(driverContext);
        try
        {
            final ClientContext client = archiveContext.clientContext() != null ?
                archiveContext.clientContext() : new ClientContext();
            archiveContext.clientContext(client.directory(driver.directory()));
            return new ArchivingMediaDriver(driver, Archive.launch(archiveContext));
        }
        catch (final RuntimeException ex)
        {
            driver.close();
            throw ex;
        }
    }

    /** {@return the media driver; clients connect to its directory} */
    public MediaDriver mediaDriver()
    {
        return driver;
    }

    /** {@return the archive} */
    public Archive archive()
    {
        return archive;
    }

    /** Stops the archive, then the driver. */
    @Override
    public void close()
    {
        try
        {
            archive.close();
        }
        finally
        {
            driver.close();
        }
    }
}
