package io.nanostream.archive;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ChannelUri;
import io.nanostream.client.Image;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.log.ControlledFragmentHandler;
import io.nanostream.log.FragmentHandler;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.Header;

import java.time.Duration;

/**
 * A late reader caught up from a recording and moved onto the live stream it records, with every message handed over
 * exactly once, in order, across the switch. It replays the recording from a position; when the replay is close to
 * the recording's live end, it subscribes to the live stream, whose image of the recorded session joins at the
 * publisher's position {@code J}; it replays up to {@code J} (on to the end of a message that straddles it, which the
 * live image then skips), stops the replay and reads the live image from there on. The recording's positions are the
 * live stream's, which is what makes the seam exact. Works over IPC and UDP,
 * each side on either. It gives up with the reason ({@link #failure()}) if the replay comes no closer to live for the
 * merge timeout (live runs faster than the replay can catch up), if the live image is not reached within the merge
 * timeout once subscribed, or if the recording stops.
 *
 * <p>Threads: one thread polls it, as a subscription.
 */
public final class ReplayMerge implements AutoCloseable
{
    private enum State
    {
        REPLAYING, JOINING, MERGED, FAILED
    }

    /** How often the recording's position is asked for while replaying. */
    private static final long POSITION_CHECK_NANOS = 10_000_000L;

    private final NanoStream client;
    private final ArchiveClient archive;
    private final RecordingDescriptor recording;
    private final String liveChannel;
    private final int liveStreamId;
    private final long mergeTimeoutNanos;
    private final Subscription replay;
    private final long replaySessionId;
    private final SeamHandler seam = new SeamHandler();
    private final LiveSeamHandler liveSeam = new LiveSeamHandler();
    private long seamPosition;
    private Subscription live;
    private Image liveImage;
    private long joinPosition = Long.MAX_VALUE;
    private long position;
    private State state = State.REPLAYING;
    private String failure;
    private boolean closed;
    private boolean replayStopped;
    private long nextPositionCheckNanos;
    private long joinDeadlineNanos;
    private long smallestGap = Long.MAX_VALUE;
    private long gapDeadlineNanos = Long.MIN_VALUE;

    /**
     * Starts replaying a recording toward its live stream.
     *
     * @param client         a client of the driver to read on.
     * @param archive        a session with the archive that holds the recording.
     * @param recordingId    the recording of the live stream, being made.
     * @param startPosition  where to start reading (a frame start), or -1 for the recording's start.
     * @param replayChannel  where the archive replays to (IPC, or UDP reaching this
     * process), without term-length or mtu.
     * @param replayStreamId the replay's stream.
     * @param liveChannel    the live stream's channel.
     * @param liveStreamId   the live stream.
     * @param mergeTimeout   how long the replay may come no closer to live, and how long it may take to reach the live
     *                       image once subscribed, before the merge gives up.
     * @throws ArchiveException if the archive refuses the replay.
     */
    public ReplayMerge(
        final NanoStream client, final ArchiveClient archive, final long recordingId, final long startPosition,
        final String replayChannel, final int replayStreamId, final String liveChannel, final int liveStreamId,
        final Duration mergeTimeout)
    {
        this.client = client;
        this.archive = archive;
        this.recording = archive.describe(recordingId);
        if (recording == null)
        {
            throw new ArchiveException("there is no recording " + recordingId + " to merge from");
        }
        this.liveChannel = liveChannel;
        this.liveStreamId = liveStreamId;
        this.mergeTimeoutNanos = mergeTimeout.toNanos();
        this.position = startPosition == -1 ? recording.startPosition() : startPosition;
        this.replay = client.addSubscription(ChannelUri.parse(replayChannel).forSubscription().toString(),
            replayStreamId);
        try
        {
            this.replaySessionId = archive.startReplay(recordingId, position, -1, replayChannel, replayStreamId);
        }
        catch (final RuntimeException ex)
        {
            replay.close();
            throw ex;
        }
    }

    /**
     * Hands over the next fragments, from the replay until the seam and from the live stream after, and moves the
     * merge along.
     *
     * @param handler       receives each fragment (wrap in a {@code FragmentAssembler} for messages over the MTU).
     * @param fragmentLimit the most fragments.
     * @return the fragments handed over.
     */
    public int poll(final FragmentHandler handler, final int fragmentLimit)
    {
        return switch (state)
        {
            case REPLAYING -> replayToward(handler, fragmentLimit);
            case JOINING -> join(handler, fragmentLimit);
            case MERGED -> pollLive(handler, fragmentLimit);
            case FAILED -> 0;
        };
    }

    private int pollLive(final FragmentHandler handler, final int fragmentLimit)
    {
        final int fragments;
        if (liveImage.position() < seamPosition)
        {
            liveSeam.handler = handler; // the live image joined inside a message the replay handed over whole: skip to its end
            fragments = liveImage.poll(liveSeam, fragmentLimit);
        }
        else
        {
            fragments = liveImage.poll(handler, fragmentLimit);
        }
        if (fragments == 0 && liveImage.isClosed())
        {
            position = liveImage.position();
            fail("the live image of session " + recording.sessionId() + " closed at position " + liveImage.position() +
                " (its publisher gone or timed out); merge again from there");
        }
        return fragments;
    }

    private int replayToward(final FragmentHandler handler, final int fragmentLimit)
    {
        final int fragments = pollReplay(handler, fragmentLimit);
        final long now = System.nanoTime();
        if (now - nextPositionCheckNanos >= 0)
        {
            nextPositionCheckNanos = now + POSITION_CHECK_NANOS;
            final RecordingDescriptor current = archive.describe(recording.recordingId());
            if (current == null || !current.isActive())
            {
                fail("recording " + recording.recordingId() + " stopped" + (current == null ? "" : " at " +
                    current.stopPosition()) + ": there is no live stream it follows to merge with");
                return fragments;
            }
            final long recorded = archive.recordingPosition(recording.recordingId());
            final long gap = recorded - position;
            if (gap <= recording.termLength() / 4)
            {
                live = client.addSubscription(ChannelUri.parse(liveChannel).forSubscription().toString(),
                    liveStreamId); // close enough: the live image joins just ahead
                joinDeadlineNanos = now + mergeTimeoutNanos;
                state = State.JOINING;
            }
            else if (gap < smallestGap || gapDeadlineNanos == Long.MIN_VALUE)
            {
                smallestGap = gap;
                gapDeadlineNanos = now + mergeTimeoutNanos; // the replay gains on live: give it the timeout again
            }
            else if (now - gapDeadlineNanos > 0)
            {
                fail("live runs faster than the replay can catch up: for " + mergeTimeoutNanos / 1_000_000 +
                    " ms the replay, at " + position + ", came no closer than " + smallestGap +
                    " bytes to the recording, at " + recorded +
                    "; replay over IPC, or merge when the stream is quieter");
            }
        }
        return fragments;
    }

    private int join(final FragmentHandler handler, final int fragmentLimit)
    {
        if (liveImage == null)
        {
            // the replay waits: the live image joins where the stream is now, which the replay has not passed
            liveImage = live.imageBySessionId(recording.sessionId());
            if (liveImage == null)
            {
                if (System.nanoTime() - joinDeadlineNanos > 0)
                {
                    fail("no live image of session " + recording.sessionId() + " on " + liveChannel + " within " +
                        mergeTimeoutNanos / 1_000_000 + " ms: the live stream is gone");
                }
                return 0;
            }
            joinPosition = liveImage.joinPosition();
            if (joinPosition < position)
            {
                fail("the live image joined at " + joinPosition + ", behind the replay's " + position +
                    ": not the recorded stream");
                return 0;
            }
        }
        final int fragments = pollReplay(handler, fragmentLimit);
        if (position >= joinPosition && !seam.midMessage)
        {
            seamPosition = position; // the replay ends with a whole message at or after where the live image joined
            stopReplay();
            state = State.MERGED;
        }
        else if (System.nanoTime() - joinDeadlineNanos > 0)
        {
            fail("the replay did not reach the live stream within " + mergeTimeoutNanos / 1_000_000 +
                " ms: it was at " + position + ", live joined at " + joinPosition +
                "; live runs faster than the replay can catch up");
        }
        return fragments;
    }

    private int pollReplay(final FragmentHandler handler, final int fragmentLimit)
    {
        final Image image = replay.imageCount() == 0 ? null : replay.images().getFirst();
        if (image == null)
        {
            return 0;
        }
        seam.handler = handler;
        final int fragments = image.controlledPoll(seam, fragmentLimit);
        position = Math.max(position, image.position());
        return fragments;
    }

    private void fail(final String reason)
    {
        failure = reason;
        state = State.FAILED;
        close();
    }

    /** {@return whether the reader is on the live stream now} */
    public boolean isMerged()
    {
        return state == State.MERGED;
    }

    /** {@return why the merge gave up, or null if it did not} */
    public String failure()
    {
        return failure;
    }

    /** {@return the position after the last fragment handed over} */
    public long position()
    {
        return state == State.MERGED ? Math.max(liveImage.position(), seamPosition) : position;
    }

    /** Stops the replay, if it still runs, and closes what the merge subscribed to. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        stopReplay();
        if (live != null)
        {
            live.close();
        }
    }

    private void stopReplay()
    {
        if (replayStopped)
        {
            return;
        }
        replayStopped = true;
        try
        {
            archive.stopReplay(replaySessionId);
        }
        catch (final ArchiveException ignored)
        {
            // it ended already
        }
        replay.close();
    }

    /**
     * Hands over replayed fragments that start before where the live image joined, and the rest of a message that
     * straddles it (so that no message is split between two sessions); stops at the first fragment after.
     */
    private final class SeamHandler implements ControlledFragmentHandler
    {
        private FragmentHandler handler;
        private boolean midMessage;

        @Override
        public Action onFragment(final AtomicBuffer buffer, final int offset, final int length, final Header header)
        {
            final long fragmentStart = header.position() - FrameHeader.align(header.frameLength());
            if (fragmentStart >= joinPosition && !midMessage)
            {
                return Action.ABORT;
            }
            handler.onFragment(buffer, offset, length, header);
            final byte flags = header.flags();
            if ((flags & FrameHeader.BEGIN_FLAG) != 0)
            {
                midMessage = (flags & FrameHeader.END_FLAG) == 0;
            }
            else if ((flags & FrameHeader.END_FLAG) != 0)
            {
                midMessage = false;
            }
            return Action.CONTINUE;
        }
    }

    /** Drops the live image's fragments before the seam: the rest of a message the replay handed over whole. */
    private final class LiveSeamHandler implements FragmentHandler
    {
        private FragmentHandler handler;

        @Override
        public void onFragment(final AtomicBuffer buffer, final int offset, final int length, final Header header)
        {
            if (header.position() - FrameHeader.align(header.frameLength()) >= seamPosition)
            {
                handler.onFragment(buffer, offset, length, header);
            }
        }
    }
}
