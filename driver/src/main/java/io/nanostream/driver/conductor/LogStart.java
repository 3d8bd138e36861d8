package io.nanostream.driver.conductor;

import io.nanostream.client.ChannelUri;
import io.nanostream.client.protocol.Responses;
import io.nanostream.log.LogBuffers;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a new publication's log starts: at offset 0 of a random initial term, or where the channel says
 * ({@code init-term-id}, {@code term-id}, {@code term-offset}), for an exclusive publication that continues a stream
 * where it stopped, as a recording is extended after a restart. Conductor thread.
 */
final class LogStart
{
    private LogStart()
    {
    }

    /**
     * The initial term id of a new log, checking first that the channel's start position can be had.
     *
     * @param uri        the publication's channel.
     * @param exclusive  whether the publication is exclusive.
     * @param termLength the log's term length.
     * @return the channel's initial term id, or a random one.
     * @throws CommandException if a shared publication names a start, or the offset lies beyond the term.
     */
    static int initialTermId(final ChannelUri uri, final boolean exclusive, final int termLength)
    {
        if (!uri.hasStartPosition())
        {
            return ThreadLocalRandom.current().nextInt();
        }
        if (!exclusive)
        {
            throw new CommandException(Responses.ERROR_INVALID_CHANNEL, "'" + uri +
                "': init-term-id, term-id and term-offset place the " +
                "log of an exclusive publication, and a shared one's log is everyone's; use addExclusivePublication, or drop them");
        }
        if (uri.termOffset() > termLength)
        {
            throw new CommandException(Responses.ERROR_INVALID_CHANNEL, "'" + uri + "': term-offset " +
                uri.termOffset() + " is beyond the term length " + termLength +
                "; give term-length too, or a smaller offset");
        }
        return uri.initialTermId();
    }

    /**
     * Places a new log's start where the channel says, before anyone maps it.
     *
     * @param log the new log.
     * @param uri the publication's channel.
     * @return the log.
     */
    static LogBuffers place(final LogBuffers log, final ChannelUri uri)
    {
        if (uri.hasStartPosition())
        {
            log.startAt(uri.termId(), uri.termOffset());
        }
        return log;
    }
}
