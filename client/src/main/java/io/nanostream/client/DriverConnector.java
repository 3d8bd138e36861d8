package io.nanostream.client;

import io.nanostream.buffer.MappedFile;
import io.nanostream.buffer.MessageRing;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.client.protocol.DriverProcess;
import io.nanostream.client.protocol.LocalDrivers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds the media driver a new client connects to, waiting up to {@link ClientContext#connectTimeout()} for one that
 * is starting: its control file may not exist yet, be half made, or still be a dead driver's. What cannot change by
 * waiting (another user's file, another program's, several embedded drivers to choose from) fails at once. Used by
 * the thread that calls {@code NanoStream.connect}.
 */
final class DriverConnector
{
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** A mapped, ready control file of a live driver. */
    record Connection(MappedFile mapping, ControlFile control)
    {
    }

    /** What waiting may change: the reason it is not yet a driver to connect to. Thrown without a stack trace. */
    private static final class NotYet extends RuntimeException
    {
        NotYet(final String reason)
        {
            super(reason, null, false, false);
        }
    }

    private DriverConnector()
    {
    }

    /**
     * Waits for a live driver in the context's directory.
     *
     * @param context where, for how long, and the clock the driver's heartbeat is judged by.
     * @return the connection.
     * @throws DriverUnavailableException when none is there by the deadline, naming the directory and the last reason.
     */
    static Connection await(final ClientContext context)
    {
        final List<Path> embeddedDrivers = LocalDrivers.directories();
        if (!context.directoryGiven() && embeddedDrivers.size() > 1)
        {
            throw new DriverUnavailableException("which media driver? " + embeddedDrivers.size() +
                " run embedded in this process, in " + embeddedDrivers +
                ": connect with driver.connect(), or name one with ClientContext.directory(driver.directory())", null);
        }
        final Path directory = context.directory();
        final long waitNanos = context.connectTimeout().toNanos();
        final long start = System.nanoTime(); // real time: a test's manual clock must not stop the wait from ending
        while (true)
        {
            try
            {
                return attach(context, directory);
            }
            catch (final NotYet notYet)
            {
                final long waited = System.nanoTime() - start;
                if (waited >= waitNanos)
                {
                    throw new DriverUnavailableException(notYet.getMessage() + " (waited " +
                        TimeUnit.NANOSECONDS.toMillis(waited) + " ms for a driver in " + directory +
                        "; ClientContext.connectTimeout or nanostream.client.connect.timeout.ms " + "sets how long)",
                        null);
                }
                if (context.driverInvoker() != null)
                {
                    context.driverInvoker().getAsInt(); // a driver in invoker mode on this thread starts only when run
                }
                LockSupport.parkNanos(RETRY_NANOS);
                if (Thread.currentThread().isInterrupted())
                {
                    throw new DriverUnavailableException("interrupted while waiting for a driver in " + directory +
                        ": " + notYet.getMessage(), null);
                }
            }
        }
    }

    private static Connection attach(final ClientContext context, final Path directory)
    {
        final Path file = directory.resolve(ControlFile.FILE_NAME);
        if (!Files.exists(file))
        {
            final List<Path> embedded = LocalDrivers.directories();
            throw new NotYet("no media driver in " + directory + ": " + file + " does not exist; " +
                (embedded.isEmpty() ? "start one with `./nano-stream driver --dir " + directory +
                "` or MediaDriver.launchEmbedded(), " +
                    "or point nanostream.dir at the directory of the running driver" :
                    "drivers run embedded in this process in " + embedded + ": connect with driver.connect(), or " +
                    "ClientContext.directory(driver.directory())"));
        }
        checkOwner(file);
        final MappedFile mapping;
        try
        {
            mapping = MappedFile.open(file);
        }
        catch (final UncheckedIOException ex)
        {
            throw new NotYet("cannot map the driver's control file " + file + ": " + ex.getMessage());
        }
        final ControlFile control = new ControlFile(mapping.buffer());
        final boolean starting = control.isStarting();
        try
        {
            control.checkReady(file);
        }
        catch (final IllegalStateException ex)
        {
            mapping.close();
            if (starting)
            {
                throw new NotYet(ex.getMessage()); // a file still being sized, or not yet marked ready
            }
            throw new DriverUnavailableException(ex.getMessage(), ex); // another program's, or another version's
        }
        try
        {
            if (control.process().state() == DriverProcess.State.GONE)
            {
                throw new NotYet("the media driver in " + directory + " (pid " + control.pid() +
                    ") is not running: its process ended; start it with `./nano-stream driver --dir " + directory +
                    "`");
            }
            final long heartbeat = new MessageRing(control.commandRing()).consumerHeartbeat();
            final long silentMillis = context.clock().epochMillis() - heartbeat;
            if (silentMillis > context.driverTimeout().toMillis())
            {
                throw new NotYet("the media driver in " + directory + " (pid " + control.pid() +
                    ") has not heartbeated for " + silentMillis + " ms (timeout " + context.driverTimeout().toMillis() +
                    " ms): it is not running; start it with `./nano-stream driver --dir " + directory + "`");
            }
            return new Connection(mapping, control);
        }
        catch (final RuntimeException ex)
        {
            mapping.close();
            throw ex;
        }
    }

    /** A control file another user owns could be anyone's: its driver would read and write this client's memory. */
    private static void checkOwner(final Path file)
    {
        final String user = System.getProperty("user.name");
        final String owner;
        try
        {
            owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return; // no owners on this file system: nothing to compare
        }
        if (!owner.equals(user))
        {
            throw new DriverUnavailableException("the control file " + file + " belongs to " + owner + ", not to " +
                user + "; connect to a driver you run (ClientContext.directory or nanostream.dir), or run as " + owner,
                null);
        }
    }
}
