package io.nanostream.driver.conductor;

import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Makes the driver's log files: in the publications directory, written through unless logs are sparse, with
 * the conductor's heartbeat kept while a large one is written (so clients do not take a busy driver for a dead
 * one), and removed again if anything that goes with them (counters, a socket) cannot be made. Owned by the
 * conductor thread.
 */
final class LogFactory
{
    private final Path directory;
    private final boolean sparse;
    private final Runnable heartbeat;
    private final ErrorRecorder errors;

    LogFactory(final Path directory, final boolean sparse, final Runnable heartbeat, final ErrorRecorder errors)
    {
        this.directory = directory;
        this.sparse = sparse;
        this.heartbeat = heartbeat;
        this.errors = errors;
    }

    /**
     * Creates a log and what goes with it; if the rest fails, the log goes too.
     *
     * @param fileName   the log file's name in the publications directory.
     * @param termLength the term length.
     * @param mtu        the MTU.
     * @param initialTermId the first term id.
     * @param sessionId  the session id.
     * @param streamId   the stream id.
     * @param correlationId the log's registration or correlation id.
     * @param rest       makes what goes with the log (counters, the publication or image itself).
     * @param <T>        what {@code rest} makes.
     * @return what {@code rest} made.
     */
    <T> T create(
        final String fileName, final int termLength, final int mtu, final int initialTermId, final int sessionId, final int streamId,
        final long correlationId, final Function<LogBuffers, T> rest)
    {
        final Path file = directory.resolve(fileName);
        final LogBuffers log = LogBuffers.create(file, termLength, LogLayout.PAGE_SIZE, mtu, initialTermId, sessionId, streamId,
            correlationId, !sparse, heartbeat);
        try
        {
            return rest.apply(log);
        }
        catch (final RuntimeException ex)
        {
            log.close();
            delete(file);
            throw ex;
        }
    }

    /**
     * Deletes a log file the driver made.
     *
     * @param file the file.
     */
    void delete(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            errors.record(ex);
        }
    }
}
