package io.nanostream.driver;

import io.nanostream.buffer.MappedFile;
import io.nanostream.buffer.MessageRing;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.client.protocol.DriverProcess;
import io.nanostream.driver.loss.LossReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The directory a driver owns, and the rules for taking one: a directory that is not there is created;
 * an empty one is used; a dead driver's is taken over; anything else is refused with the reason and the
 * fix, and left exactly as it was. Only the files a driver makes (the control file, the loss report and
 * the logs in {@code publications/} and in its own subdirectory of a log directory set by {@link LogStorage}) are
 * ever deleted, and a directory only once it is empty (never the log directory itself).
 * A driver counts as alive while its process lives, so a driver that is only slow is never taken over; once its
 * process is gone it is dead at once, however fresh its last heartbeat. Where its process cannot be seen (another pid
 * namespace), it counts as alive while it heartbeats. Used by {@link MediaDriver} when it launches and closes.
 */
final class DriverDirectory
{
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.driver");
    private static final String LOG_SUFFIX = ".logbuffer";

    private final Path directory;
    private final Path logDirectory;
    private final boolean owned;

    private DriverDirectory(final Path directory, final Path logDirectory, final boolean owned)
    {
        this.directory = directory;
        this.logDirectory = logDirectory;
        this.owned = owned;
    }

    /**
     * Takes a directory for a new driver.
     *
     * @param directory       the directory, absolute.
     * @param driverTimeoutMs how long a driver may be silent before it counts as dead, if its process is gone too.
     * @param logDirectory    the driver's own subdirectory of a configured log directory, or null if logs stay here.
     * @return the directory, with its publications directory, ready for a control file.
     * @throws IllegalStateException naming the directory, the reason and the fix, with nothing touched.
     */
    static DriverDirectory claim(final Path directory, final long driverTimeoutMs, final Path logDirectory)
    {
        if (Files.isSymbolicLink(directory))
        {
            throw refuse(directory, "is a symbolic link; give the driver the real directory");
        }
        final boolean exists = Files.exists(directory, LinkOption.NOFOLLOW_LINKS);
        boolean driversBefore = false;
        if (exists)
        {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS))
            {
                throw refuse(directory, "is a file, not a directory; give the driver a directory of its own");
            }
            checkOwner(directory);
            final Path control = directory.resolve(ControlFile.FILE_NAME);
            if (Files.exists(control, LinkOption.NOFOLLOW_LINKS))
            {
                takeOver(directory, control, driverTimeoutMs, logDirectory);
                driversBefore = true;
            }
            else if (!isEmpty(directory))
            {
                throw refuse(directory, "holds files but no " + ControlFile.FILE_NAME +
                    ", so it is not a driver's; give the driver a " + "directory of its own (e.g. --dir " +
                    directory.resolve("nano-stream") + ")");
            }
        }
        try
        {
            Files.createDirectories(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(directory.resolve(ControlFile.PUBLICATIONS_DIRECTORY),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the driver directory " + directory + ": " + ex.getMessage(),
                ex);
        }
        if (logDirectory != null)
        {
            try
            {
                cleanLogs(logDirectory); // a dead driver of this directory may have left logs there
                Files.createDirectories(logDirectory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            catch (final IOException | UncheckedIOException ex)
            {
                throw new UncheckedIOException("cannot create the log directory " + logDirectory + " (" +
                    DriverProperties.LOG_DIR + "): " + ex.getMessage() +
                    "; check that its parent exists and is writable", ex instanceof IOException io ?
                    io : ((UncheckedIOException)ex).getCause());
            }
        }
        return new DriverDirectory(directory, logDirectory, !exists || driversBefore);
    }

    private static void takeOver(final Path directory, final Path controlPath, final long driverTimeoutMs,
        final Path logDirectory)
    {
        if (Files.isSymbolicLink(controlPath) || !Files.isRegularFile(controlPath, LinkOption.NOFOLLOW_LINKS))
        {
            throw refuse(directory, "has a " + ControlFile.FILE_NAME +
                " that is not a regular file; remove it yourself if it is stale");
        }
        checkOwner(controlPath);
        try (MappedFile existing = MappedFile.open(controlPath))
        {
            final ControlFile control = new ControlFile(existing.buffer());
            try
            {
                control.checkReady(controlPath);
            }
            catch (final IllegalStateException ex)
            {
                if (ex.getMessage().contains("another program's file"))
                {
                    throw refuse(directory, "has a " + ControlFile.FILE_NAME + " that is not a Nano-Stream driver's (" +
                        ex.getMessage() + ")");
                }
                LOGGER.log(System.Logger.Level.WARNING, "taking over " + directory +
                    ", whose driver died while starting: " + ex.getMessage());
                clean(directory, logDirectory);
                return;
            }
            final long silentMillis = System.currentTimeMillis() - new MessageRing(control.commandRing()).consumerHeartbeat();
            final DriverProcess.State process = control.process().state();
            // the process decides when it can be seen from here: a driver killed a moment
            // ago still has a fresh heartbeat
            if (process == DriverProcess.State.ALIVE || (process == DriverProcess.State.UNKNOWN &&
                silentMillis <= driverTimeoutMs))
            {
                if (silentMillis <= driverTimeoutMs)
                {
                    throw new IllegalStateException("a media driver is already running in " + directory + " (pid " +
                        control.pid() + ", heartbeat " + silentMillis +
                        " ms ago); stop it, or give this one another directory");
                }
                throw new IllegalStateException("a media driver is already running in " + directory + " (pid " +
                    control.pid() + "), silent for " + silentMillis +
                    " ms but its process is alive: it may be stalled (GC, swapping, a debugger); " + "stop it (kill " +
                    control.pid() + "), or give this one another directory");
            }
            LOGGER.log(System.Logger.Level.WARNING, "taking over " + directory + " from a dead driver (pid " +
                control.pid() + (process == DriverProcess.State.GONE ? ", gone" : ", in another pid namespace") +
                ", silent for " + silentMillis + " ms)");
        }
        catch (final UncheckedIOException ex)
        {
            throw refuse(directory, "has a " + ControlFile.FILE_NAME + " that cannot be read (" + ex.getMessage() +
                ")");
        }
        clean(directory, logDirectory);
    }

    private static void checkOwner(final Path path)
    {
        final String user = System.getProperty("user.name");
        try
        {
            final String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(user))
            {
                throw refuse(path, "belongs to " + owner + ", not to " + user +
                    "; give the driver a directory of its own");
            }
        }
        catch (final UnsupportedOperationException | IOException ex)
        {
            LOGGER.log(System.Logger.Level.DEBUG, "cannot read the owner of " + path + ": " + ex);
        }
    }

    private static boolean isEmpty(final Path directory)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory))
        {
            return !entries.iterator().hasNext();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the driver directory " + directory + ": " + ex.getMessage(),
                ex);
        }
    }

    private static IllegalStateException refuse(final Path directory, final String why)
    {
        return new IllegalStateException("the driver will not use " + directory + ": it " + why +
            ". Nothing in it was touched.");
    }

    /** Deletes the files a driver makes, and nothing else; the publications directory goes if that leaves it empty. */
    private static void clean(final Path directory, final Path logDirectory)
    {
        try
        {
            cleanLogs(directory.resolve(ControlFile.PUBLICATIONS_DIRECTORY));
            if (logDirectory != null)
            {
                cleanLogs(logDirectory);
            }
            Files.deleteIfExists(directory.resolve(LossReport.FILE_NAME));
            Files.deleteIfExists(directory.resolve(ControlFile.FILE_NAME));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot clear the driver directory " + directory + ": " + ex.getMessage(),
                ex);
        }
    }

    /**
     * Deletes the log files (regular files named *.logbuffer) in a directory of logs, and
     * the directory if that empties it.
     */
    private static void cleanLogs(final Path logs) throws IOException
    {
        if (!Files.isDirectory(logs, LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(logs, "*" + LOG_SUFFIX))
        {
            for (final Path log : files)
            {
                if (Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS))
                {
                    Files.delete(log);
                }
            }
        }
        if (isEmpty(logs))
        {
            Files.delete(logs);
        }
    }

    /**
     * The driver stopped: its files go, and the directory too if that leaves it empty and a driver made it (an empty
     * directory the user gave stays).
     */
    void release()
    {
        try
        {
            clean(directory, logDirectory);
            if (owned && isEmpty(directory))
            {
                Files.delete(directory);
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "could not remove the driver directory " + directory + ": " +
                ex.getMessage());
        }
    }
}
