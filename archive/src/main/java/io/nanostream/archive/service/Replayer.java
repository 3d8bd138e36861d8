package io.nanostream.archive.service;

import io.nanostream.archive.ArchiveContext;
import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.client.ChannelUri;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The replays running: one {@link ReplaySession} per replay a client asked for, each publishing a recording from a
 * frame start on a publication laid out as the recording was, so that its positions are the recording's. A request
 * that cannot be replayed (a position outside the recording or inside a frame, a length past a stopped recording's
 * end, a channel that tries to place the stream itself) is refused with the fix. Shows the replays running, in all and
 * per recording, in the counters file. Owned by the archive conductor's thread; no iterator is made in
 * {@link #doWork} while no replay runs.
 */
final class Replayer implements AutoCloseable
{
    private static final List<String> PLACED_BY_THE_RECORDING =
        List.of(ChannelUri.TERM_LENGTH, ChannelUri.MTU, ChannelUri.INIT_TERM_ID, ChannelUri.TERM_ID,
        ChannelUri.TERM_OFFSET);

    private final ArchiveContext context;
    private final Path directory;
    private final NanoStream client;
    private final RecordingCounters counters;
    private final Map<Long, ReplaySession> replays = new HashMap<>();
    private long nextReplaySessionId = 1;

    /**
     * Makes the replayer (on the archive conductor's thread).
     *
     * @param context  the archive's settings: its directory and the replay connect timeout.
     * @param client   the archive's client of its media driver, which makes the replays' publications.
     * @param counters where the replays running show.
     */
    Replayer(final ArchiveContext context, final NanoStream client, final RecordingCounters counters)
    {
        this.context = context;
        this.directory = context.archiveDirectory();
        this.client = client;
        this.counters = counters;
    }

    /**
     * Starts a replay.
     *
     * @param controlSessionId the session that asked, the only one that may stop it.
     * @param recording        the recording.
     * @param progress         how far it is recorded: its recording session while it is made, else its stop position.
     * @param position         where to start, a frame start, or {@link
     * RecordingDescriptor#NULL_POSITION} for its start.
     * @param length           how many bytes, or -1 for the rest (and, while it is recorded, what comes).
     * @param replayStreamId   the stream to replay on.
     * @param replayChannel    the channel to replay on, without the placement the recording gives it.
     * @return the replay's session id.
     * @throws ArchiveRequestException naming the problem and the fix, if the request cannot be replayed.
     */
    long start(
        final long controlSessionId, final RecordingDescriptor recording, final RecordingProgress progress,
        final long position, final long length, final int replayStreamId, final String replayChannel)
    {
        final long recordingId = recording.recordingId();
        final long start = position == RecordingDescriptor.NULL_POSITION ? recording.startPosition() : position;
        final long recorded = progress.position();
        if (start < recording.startPosition() || start > recorded)
        {
            throw new ArchiveRequestException("position " + start + " is outside recording " + recordingId +
                ": replay from " + recording.startPosition() + " to " + recorded);
        }
        if (!FrameStarts.isFrameStart(directory, recording, start))
        {
            throw new ArchiveRequestException("position " + start + " is not the start of a frame of recording " +
                recordingId + "; replay from a position a frame starts at, from " + recording.startPosition() + " to " +
                recorded);
        }
        if (length < -1 || (length >= 0 && !progress.isActive() && start + length > recorded))
        {
            throw new ArchiveRequestException("a replay of " + length + " bytes from " + start +
                " runs past the stop position " + recorded + " of recording " + recordingId + "; ask for at most " +
                (recorded - start) + ", or -1 for the rest");
        }
        final ChannelUri uri = ChannelUri.parse(replayChannel);
        for (final String placed : PLACED_BY_THE_RECORDING)
        {
            if (uri.get(placed) != null)
            {
                throw new ArchiveRequestException("a replay channel takes its " + placed +
                    " from the recording; remove it from " + replayChannel);
            }
        }
        final int termLength = recording.termLength();
        final int termId = recording.initialTermId() + (int)(start >>> Long.numberOfTrailingZeros(termLength));
        final ExclusivePublication publication = client.addExclusivePublication(replayChannel +
            (replayChannel.contains("?") ? "|" : "?") + "term-length=" + termLength + "|mtu=" + recording.mtu() +
            "|init-term-id=" + recording.initialTermId() + "|term-id=" + termId + "|term-offset=" +
            (int)(start & (termLength - 1)), replayStreamId);
        final long replaySessionId = nextReplaySessionId++;
        replays.put(replaySessionId, new ReplaySession(replaySessionId, controlSessionId, recording, directory,
            publication, start, length == -1 ? Long.MAX_VALUE : start + length, progress, System.nanoTime() +
            context.replayConnectTimeout().toNanos()));
        changed(recordingId);
        return replaySessionId;
    }

    /**
     * Stops a replay at its session's request.
     *
     * @param controlSessionId the session asking.
     * @param replaySessionId  the replay.
     * @throws ArchiveRequestException if no such replay runs, or another session started it.
     */
    void stop(final long controlSessionId, final long replaySessionId)
    {
        final ReplaySession replay = replays.get(replaySessionId);
        if (replay == null)
        {
            throw new ArchiveRequestException("there is no replay " + replaySessionId + " running");
        }
        if (replay.controlSessionId() != controlSessionId)
        {
            throw new ArchiveRequestException("replay " + replaySessionId +
                " belongs to another client's session; only it can stop it");
        }
        replays.remove(replaySessionId).close();
        changed(replay.recordingId());
    }

    /**
     * Stops every replay a control session started, as it ends.
     *
     * @param controlSessionId the session.
     */
    void stopAllOf(final long controlSessionId)
    {
        final Iterator<ReplaySession> iterator = replays.values().iterator();
        while (iterator.hasNext())
        {
            final ReplaySession replay = iterator.next();
            if (replay.controlSessionId() == controlSessionId)
            {
                replay.close();
                iterator.remove();
                changed(replay.recordingId());
            }
        }
    }

    /**
     * Refuses a change to a recording while a replay of it reads before a position.
     *
     * @param recording the recording to change.
     * @param before    the position the change reaches up to.
     * @param what      the change, for the message: {@code "deleted"}, {@code "purged before 4096"}.
     * @throws ArchiveRequestException naming the replay, if one reads there.
     */
    void refuseWhileReplayed(final RecordingDescriptor recording, final long before, final String what)
    {
        for (final ReplaySession replay : replays.values())
        {
            if (replay.recordingId() == recording.recordingId() && replay.position() < before)
            {
                throw new ArchiveRequestException("recording " + recording.recordingId() +
                    " is being replayed (replay " + replay.replaySessionId() + ", at " + replay.position() +
                    "); it can be " + what + " once the replay stops");
            }
        }
    }

    /**
     * Runs every replay's duty and drops those that finished.
     *
     * @param nowNanos the cycle's time.
     * @return the work done.
     */
    int doWork(final long nowNanos)
    {
        if (replays.isEmpty())
        {
            return 0; // no iterator made on a cycle with no replay: the duty cycle allocates nothing while it records
        }
        int work = 0;
        final Iterator<ReplaySession> replaySessions = replays.values().iterator();
        while (replaySessions.hasNext())
        {
            final ReplaySession replay = replaySessions.next();
            work += replay.doWork(nowNanos);
            if (replay.outcome() != null)
            {
                replaySessions.remove();
                changed(replay.recordingId());
            }
        }
        return work;
    }

    @Override
    public void close()
    {
        replays.values().forEach(ReplaySession::close);
        replays.clear();
    }

    /** Shows the replays running, in all and of a recording, in the counters file. */
    private void changed(final long recordingId)
    {
        int ofRecording = 0;
        for (final ReplaySession replay : replays.values())
        {
            ofRecording += replay.recordingId() == recordingId ? 1 : 0;
        }
        counters.replays(replays.size(), recordingId, ofRecording);
    }
}
