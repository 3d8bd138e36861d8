package io.nanostream.driver.conductor;

import io.nanostream.buffer.MappedFile;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;
import io.nanostream.natives.memory.HugePageAdvice;
import io.nanostream.natives.memory.NumaBinding;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Makes the driver's log files: in the publications directory or the log directory the {@link LogPlacement} names,
 * written through unless logs are sparse, with the conductor's heartbeat kept while a large one is written (so clients
 * do not take a busy driver for a dead one), and removed again if anything that goes with them (counters, a socket)
 * cannot be made. A log whose terms fill whole huge pages of a huge page file system is laid out in huge pages,
 * advised ({@code madvise(MADV_HUGEPAGE)}, with native access) and then touched page by page through its mapping,
 * since hugetlbfs has no {@code write}. With a NUMA node in the placement, each log's mapping is bound to it
 * ({@code mbind}, with native access): a huge page log before it is touched, so every page comes from that node; a log
 * written through keeps the pages the conductor's write allocated (on the conductor's node, which is the node
 * {@code auto} picks), and the binding governs any allocated later. Owned by the conductor thread.
 */
final class LogFactory
{
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.driver");

    private final Path publications;
    private final LogPlacement placement;
    private final boolean sparse;
    private final Runnable heartbeat;
    private final ErrorRecorder errors;
    private boolean adviceFailed;
    private boolean bindingFailed;

    LogFactory(final Path publications, final LogPlacement placement, final boolean sparse, final Runnable heartbeat,
        final ErrorRecorder errors)
    {
        this.publications = publications;
        this.placement = placement;
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
        final String fileName, final int termLength, final int mtu, final int initialTermId, final int sessionId,
        final int streamId, final long correlationId, final Function<LogBuffers, T> rest)
    {
        return create(fileName, termLength, mtu, initialTermId, sessionId, streamId, correlationId, sparse, rest);
    }

    /**
     * Creates a log as {@link #create(String, int, int, int, int, int, long, Function)} does, sparse or written through
     * as its channel asks ({@code sparse=}).
     *
     * @param fileName      the file's name.
     * @param termLength    the term length.
     * @param mtu           the MTU.
     * @param initialTermId the initial term id.
     * @param sessionId     the session id.
     * @param streamId      the stream id.
     * @param correlationId the log's registration or correlation id.
     * @param sparse        true to leave the file sparse.
     * @param rest          makes what goes with the log.
     * @param <T>           what {@code rest} makes.
     * @return what {@code rest} made.
     */
    <T> T create(
        final String fileName, final int termLength, final int mtu, final int initialTermId, final int sessionId,
        final int streamId, final long correlationId, final boolean sparse, final Function<LogBuffers, T> rest)
    {
        final boolean huge = placement.hugeFor(termLength);
        // hugetlbfs cannot hold a log whose terms are shorter than a huge page: those
        // stay in the publications directory
        final Path directory = placement.directory() == null || placement.hugetlbfs() && !huge ?
            publications : placement.directory();
        final Path file = directory.resolve(fileName);
        final LogBuffers log;
        if (huge)
        {
            final int pageSize = placement.hugePageSize();
            final MappedFile mapping = MappedFile.createTouched(file, LogLayout.logLength(termLength, pageSize),
                pageSize, segment ->
                {
                    bind(segment, file);
                    advise(segment, file);
                }, heartbeat);
            try
            {
                log = LogBuffers.create(mapping, termLength, pageSize, mtu, initialTermId, sessionId, streamId,
                    correlationId);
            }
            catch (final RuntimeException ex)
            {
                mapping.close();
                delete(file);
                throw ex;
            }
        }
        else
        {
            log = LogBuffers.create(file, termLength, LogLayout.PAGE_SIZE, mtu, initialTermId, sessionId, streamId,
                correlationId, !sparse, heartbeat);
            bind(log.memory(), file);
            advise(log.memory(), file);
        }
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

    private void advise(final MemorySegment mapping, final Path file)
    {
        if (!placement.advise() || placement.hugetlbfs())
        {
            return; // hugetlbfs pages are huge already
        }
        try
        {
            HugePageAdvice.advise(mapping);
        }
        catch (final IllegalStateException ex)
        {
            if (!adviceFailed)
            {
                adviceFailed = true; // once: the next log would fail the same way
                LOGGER.log(System.Logger.Level.WARNING, "no huge page advice for " + file + ": " + ex.getMessage());
                errors.record(ex);
            }
        }
    }

    private void bind(final MemorySegment mapping, final Path file)
    {
        if (placement.numaNode() < 0)
        {
            return;
        }
        try
        {
            NumaBinding.bind(mapping, placement.numaNode());
        }
        catch (final IllegalStateException ex)
        {
            if (!bindingFailed)
            {
                bindingFailed = true; // once: the next log would fail the same way
                LOGGER.log(System.Logger.Level.WARNING, "no NUMA binding for " + file + ": " + ex.getMessage());
                errors.record(ex);
            }
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
