package io.nanostream.archive;

import io.nanostream.archive.protocol.AwaitedAnswer;
import io.nanostream.archive.protocol.ControlMessageReader;
import io.nanostream.archive.protocol.ControlProtocol;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ChannelUri;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentAssembler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A session with an {@link Archive}, from any process with a client of the same media driver: record streams, list
 * and describe recordings, replay them. Requests go on the archive's control stream, answers come back on a response
 * stream of this session's own; each call waits for its answer, and a refusal is an {@link ArchiveException} with the
 * archive's reason.
 *
 * <pre>{@code
 * try (ArchiveClient archive = ArchiveClient.connect(client)) {
 *     archive.startRecording("nano:ipc", 10);
 *     ...
 *     RecordingDescriptor recording = archive.listRecordings(0, 10).getFirst();
 *     long replay = archive.startReplay(recording.recordingId(), recording.startPosition(), -1, "nano:ipc", 20);
 * }
 * }</pre>
 *
 * Threads: one call at a time (calls from several threads wait for each other).
 */
public final class ArchiveClient implements AutoCloseable
{
    /** The response channel a session uses unless told otherwise. */
    public static final String DEFAULT_RESPONSE_CHANNEL = "nano:ipc?term-length=64k";

    private final NanoStream client;
    private final Publication requests;
    private final Subscription responses;
    private final String controlChannel;
    private final long timeoutNanos;
    private final AtomicBuffer request = AtomicBuffer.allocateDirect(4096);
    private final List<RecordingDescriptor> descriptors = new ArrayList<>();
    private final AwaitedAnswer answer = new AwaitedAnswer(descriptor -> descriptors.add(descriptor(descriptor)));
    private final FragmentAssembler answers = new FragmentAssembler(answer);
    private long controlSessionId;
    private long nextCorrelationId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    private boolean closed;

    private ArchiveClient(
        final NanoStream client, final Publication requests, final Subscription responses, final String controlChannel,
        final Duration timeout)
    {
        this.client = client;
        this.requests = requests;
        this.responses = responses;
        this.controlChannel = controlChannel;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Opens a session with the archive on the default control stream, through a client of its media driver.
     *
     * @param client a client of the archive's media driver; it stays open after this session.
     * @return the session.
     * @throws ArchiveException if the archive does not answer within 10 s.
     */
    public static ArchiveClient connect(final NanoStream client)
    {
        return connect(client, ArchiveContext.DEFAULT_CONTROL_CHANNEL, ArchiveContext.DEFAULT_CONTROL_STREAM_ID,
            DEFAULT_RESPONSE_CHANNEL, Duration.ofSeconds(10));
    }

    /**
     * Opens a session with the archive.
     *
     * @param client          a client of a media driver that reaches the archive.
     * @param controlChannel  the archive's control channel.
     * @param controlStreamId the archive's control stream id.
     * @param responseChannel the channel the archive answers this session on (reachable from the archive).
     * @param timeout         how long to wait for each answer.
     * @return the session.
     * @throws ArchiveException if the archive does not answer in time.
     */
    public static ArchiveClient connect(
        final NanoStream client, final String controlChannel, final int controlStreamId, final String responseChannel,
        final Duration timeout)
    {
        final int responseStreamId = ThreadLocalRandom.current().nextInt(1 << 24, Integer.MAX_VALUE);
        final Subscription responses = client.addSubscription(ChannelUri.parse(responseChannel).forSubscription().toString(),
            responseStreamId);
        final Publication requests;
        try
        {
            requests = client.addPublication(controlChannel, controlStreamId);
        }
        catch (final RuntimeException ex)
        {
            responses.close();
            throw ex;
        }
        final ArchiveClient session = new ArchiveClient(client, requests, responses, controlChannel + " stream " +
            controlStreamId, timeout);
        try
        {
            final long correlationId = session.begin(ControlProtocol.CONNECT);
            session.request.putInt(ControlProtocol.REQUEST_BODY_OFFSET, responseStreamId);
            session.controlSessionId = session.call(correlationId, ControlProtocol.putString(session.request,
                ControlProtocol.REQUEST_BODY_OFFSET + 4, responseChannel));
            return session;
        }
        catch (final RuntimeException ex)
        {
            requests.close();
            responses.close();
            throw ex;
        }
    }

    /**
     * Records every image of a channel and stream, from now on, until {@link #stopRecording}: one recording per
     * publisher session.
     *
     * @param channel  the channel (IPC, UDP, or a spy on a local UDP publication).
     * @param streamId the stream.
     * @return the archive's subscription id for it.
     * @throws ArchiveException if the archive refuses (the channel does not parse, the stream is already recorded).
     */
    public synchronized long startRecording(final String channel, final int streamId)
    {
        final long correlationId = begin(ControlProtocol.START_RECORDING);
        request.putInt(ControlProtocol.REQUEST_BODY_OFFSET, streamId);
        return call(correlationId, ControlProtocol.putString(request, ControlProtocol.REQUEST_BODY_OFFSET + 4,
            channel));
    }

    /**
     * Stops recording a channel and stream: each of its recordings ends where it got to.
     *
     * @param channel  the channel, as given to {@link #startRecording}.
     * @param streamId the stream.
     * @throws ArchiveException if it is not being recorded.
     */
    public synchronized void stopRecording(final String channel, final int streamId)
    {
        final long correlationId = begin(ControlProtocol.STOP_RECORDING);
        request.putInt(ControlProtocol.REQUEST_BODY_OFFSET, streamId);
        call(correlationId, ControlProtocol.putString(request, ControlProtocol.REQUEST_BODY_OFFSET + 4, channel));
    }

    /**
     * Continues a stopped recording, under its own id, with the image of a channel and stream that starts exactly where
     * it stopped: publish on {@link RecordingDescriptor#extensionChannel} with an exclusive publication. Works across
     * restarts of the archive; the recording is active again until {@link #stopRecording}.
     *
     * @param recordingId the recording, stopped.
     * @param channel     the channel (without the start parameters the publisher uses).
     * @param streamId    the stream.
     * @return the archive's subscription id for it.
     * @throws ArchiveException if there is no such recording, it is still active, or the stream is already recorded.
     */
    public synchronized long extendRecording(final long recordingId, final String channel, final int streamId)
    {
        final long correlationId = begin(ControlProtocol.EXTEND_RECORDING);
        request.putLong(ControlProtocol.REQUEST_BODY_OFFSET, recordingId);
        request.putInt(ControlProtocol.REQUEST_BODY_OFFSET + 8, streamId);
        return call(correlationId, ControlProtocol.putString(request, ControlProtocol.REQUEST_BODY_OFFSET + 12,
            channel));
    }

    /**
     * Describes recordings in id order.
     *
     * @param fromRecordingId the first id to look at.
     * @param count           the most to describe.
     * @return the recordings found; a recording being made has no stop position yet.
     */
    public synchronized List<RecordingDescriptor> listRecordings(final long fromRecordingId, final int count)
    {
        return listRecordingsForStream(fromRecordingId, count, "", -1);
    }

    /**
     * Describes recordings of a stream, in id order.
     *
     * @param fromRecordingId the first id to look at.
     * @param count           the most to describe.
     * @param channelPart     a part of the recorded channel to match ("" for any).
     * @param streamId        the stream, or -1 for any.
     * @return the recordings found.
     */
    public synchronized List<RecordingDescriptor> listRecordingsForStream(
        final long fromRecordingId, final int count, final String channelPart, final int streamId)
    {
        final long correlationId = begin(ControlProtocol.LIST_RECORDINGS);
        final int body = ControlProtocol.REQUEST_BODY_OFFSET;
        request.putLong(body, fromRecordingId);
        request.putInt(body + 8, count);
        request.putInt(body + 12, streamId);
        descriptors.clear();
        call(correlationId, ControlProtocol.putString(request, body + 16, channelPart));
        return List.copyOf(descriptors);
    }

    /**
     * Describes one recording.
     *
     * @param recordingId the recording.
     * @return its descriptor, or null if there is no such recording.
     */
    public synchronized RecordingDescriptor describe(final long recordingId)
    {
        final List<RecordingDescriptor> found = listRecordings(recordingId, 1);
        return found.isEmpty() || found.getFirst().recordingId() != recordingId ? null : found.getFirst();
    }

    /**
     * How far a recording has got: the live position while it is being made, its stop position after.
     *
     * @param recordingId the recording.
     * @return the position.
     * @throws ArchiveException if there is no such recording.
     */
    public synchronized long recordingPosition(final long recordingId)
    {
        final long correlationId = begin(ControlProtocol.RECORDING_POSITION);
        request.putLong(ControlProtocol.REQUEST_BODY_OFFSET, recordingId);
        return call(correlationId, ControlProtocol.REQUEST_BODY_OFFSET + 8);
    }

    /**
     * Replays a recording to a channel and stream. The replayed stream has the recording's positions, session aside: a
     * subscriber's image of it joins at {@code position}. A replay of a recording still being made follows it.
     *
     * @param recordingId    the recording.
     * @param position       the first frame's position (a frame start), or -1 for the recording's start.
     * @param length         how many bytes, or -1 for all there is (and, while it is recorded, all that comes).
     * @param replayChannel  where to replay (IPC or UDP; without term-length or mtu, which come from the recording).
     * @param replayStreamId the stream to replay on.
     * @return the replay's session id, to stop it.
     * @throws ArchiveException if the archive refuses: no such recording, a position that is not a frame start or lies
     *                          outside the recording (the message gives the range), a length past its end.
     */
    public synchronized long startReplay(
        final long recordingId, final long position, final long length, final String replayChannel,
        final int replayStreamId)
    {
        final long correlationId = begin(ControlProtocol.START_REPLAY);
        final int body = ControlProtocol.REQUEST_BODY_OFFSET;
        request.putLong(body, recordingId);
        request.putLong(body + 8, position);
        request.putLong(body + 16, length);
        request.putInt(body + 24, replayStreamId);
        return call(correlationId, ControlProtocol.putString(request, body + 28, replayChannel));
    }

    /**
     * Stops a replay this session started.
     *
     * @param replaySessionId the replay.
     * @throws ArchiveException if it is not running, or is another session's.
     */
    public synchronized void stopReplay(final long replaySessionId)
    {
        final long correlationId = begin(ControlProtocol.STOP_REPLAY);
        request.putLong(ControlProtocol.REQUEST_BODY_OFFSET, replaySessionId);
        call(correlationId, ControlProtocol.REQUEST_BODY_OFFSET + 8);
    }

    /**
     * Cuts a stopped recording short: it stops at a frame start from now on, and its files hold nothing after it.
     *
     * @param recordingId the recording, stopped.
     * @param position    the new stop position: a frame start, from the recording's start to its stop.
     * @throws ArchiveException if there is no such recording, it is being made or replayed, or the position is not a
     * frame start inside it (the message gives the range).
     */
    public synchronized void truncateRecording(final long recordingId, final long position)
    {
        final long correlationId = begin(ControlProtocol.TRUNCATE_RECORDING);
        request.putLong(ControlProtocol.REQUEST_BODY_OFFSET, recordingId);
        request.putLong(ControlProtocol.REQUEST_BODY_OFFSET + 8, position);
        call(correlationId, ControlProtocol.REQUEST_BODY_OFFSET + 16);
    }

    /**
     * Deletes a stopped recording: it leaves the catalog (its id is not used again) and its segment files are deleted.
     *
     * @param recordingId the recording, stopped.
     * @return how many segment files were deleted.
     * @throws ArchiveException if there is no such recording, or it is being made or replayed.
     */
    public synchronized int deleteRecording(final long recordingId)
    {
        final long correlationId = begin(ControlProtocol.DELETE_RECORDING);
        request.putLong(ControlProtocol.REQUEST_BODY_OFFSET, recordingId);
        return (int)call(correlationId, ControlProtocol.REQUEST_BODY_OFFSET + 8);
    }

    /**
     * Deletes the segment files of a recording, being made or not, that lie wholly before a position, to keep the disk
     * bounded: the recording then starts at the first segment kept.
     *
     * @param recordingId the recording.
     * @param position    a position in it; the segment holding it is kept.
     * @return the recording's start position now.
     * @throws ArchiveException if there is no such recording, the position is outside it, or a replay reads before the
     *                          new start.
     */
    public synchronized long purgeSegments(final long recordingId, final long position)
    {
        final long correlationId = begin(ControlProtocol.PURGE_SEGMENTS);
        request.putLong(ControlProtocol.REQUEST_BODY_OFFSET, recordingId);
        request.putLong(ControlProtocol.REQUEST_BODY_OFFSET + 8, position);
        return call(correlationId, ControlProtocol.REQUEST_BODY_OFFSET + 16);
    }

    /**
     * Asks this archive to copy a recording from another archive, typically on another machine, and to keep following
     * it while the source records it. The copy is a recording of this archive's own, whose descriptor keeps the
     * source's recording id ({@link RecordingDescriptor#sourceRecordingId}); it starts where the source recording
     * starts and has its positions. When the link breaks, this archive tries again, every half second, and the copy
     * goes on from its own stop position. The replication ends once the copy holds all of a stopped source recording,
     * or when the source refuses it (the archive's error handler says why).
     *
     * @param sourceRecordingId     the recording at the source archive.
     * @param sourceControlChannel  the source archive's control channel, as this archive's driver reaches it (UDP).
     * @param sourceControlStreamId the source archive's control stream.
     * @param localChannel          a UDP channel of this archive's machine that the source reaches, as
     *                              {@code nano:udp?endpoint=host:port}: the source's answers and replay come there.
     * @return the replication's id, to stop it.
     * @throws ArchiveException if a channel does not parse, the local channel is not UDP, or the recording is
     * already being replicated from there.
     */
    public synchronized long replicate(
        final long sourceRecordingId, final String sourceControlChannel, final int sourceControlStreamId,
        final String localChannel)
    {
        final long correlationId = begin(ControlProtocol.REPLICATE);
        final int body = ControlProtocol.REQUEST_BODY_OFFSET;
        request.putLong(body, sourceRecordingId);
        request.putInt(body + 8, sourceControlStreamId);
        return call(correlationId, ControlProtocol.putString(request, ControlProtocol.putString(request, body + 12,
            sourceControlChannel), localChannel));
    }

    /**
     * Stops a replication: the copy stops where it got to, and can be replicated on later under the same source.
     *
     * @param replicationId the replication.
     * @return the copy's recording id, or -1 if it had not started.
     * @throws ArchiveException if no such replication is running.
     */
    public synchronized long stopReplication(final long replicationId)
    {
        final long correlationId = begin(ControlProtocol.STOP_REPLICATION);
        request.putLong(ControlProtocol.REQUEST_BODY_OFFSET, replicationId);
        return call(correlationId, ControlProtocol.REQUEST_BODY_OFFSET + 8);
    }

    /**
     * This session's id at the archive.
     *
     * @return the control session id.
     */
    public long controlSessionId()
    {
        return controlSessionId;
    }

    /** Ends the session (its replays stop) and lets its streams go; the driver client stays open. */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        try
        {
            if (!client.isClosed())
            {
                send(ControlProtocol.REQUEST_BODY_OFFSET, begin(ControlProtocol.CLOSE_SESSION));
            }
        }
        catch (final ArchiveException ignored)
        {
            // the archive is gone: nothing to close there
        }
        finally
        {
            closed = true;
            requests.close();
            responses.close();
        }
    }

    private long begin(final int type)
    {
        if (closed)
        {
            throw new IllegalStateException("this archive session is closed; connect a new one");
        }
        final long correlationId = nextCorrelationId++;
        ControlProtocol.putHeader(request, type, ControlProtocol.VERSION, controlSessionId, correlationId);
        return correlationId;
    }

    /** Sends the request and waits for its answer; returns the answer's relevant id. */
    private long call(final long correlationId, final int length)
    {
        final long deadline = send(length, correlationId);
        answer.await(correlationId);
        while (!answer.isAnswered())
        {
            if (responses.poll(answers, 16) == 0)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new ArchiveException("no answer from the archive on " + controlChannel + " within " +
                        timeoutNanos / 1_000_000 +
                        " ms; is it running, and does it reach this client's response channel?");
                }
                Thread.yield();
            }
        }
        if (!answer.isOk())
        {
            throw new ArchiveException(answer.message());
        }
        return answer.relevantId();
    }

    /** Offers the request until the control stream takes it; returns the deadline for its answer. */
    private long send(final int length, final long correlationId)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        long result;
        while ((result = requests.offer(request, 0, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                System.nanoTime() - deadline > 0)
            {
                throw new ArchiveException("the archive's control stream " + controlChannel + " took no request " +
                    correlationId + " within " + timeoutNanos / 1_000_000 + " ms (" +
                    (result == Publication.NOT_CONNECTED ? "no archive listens there" : "status " + result) +
                    "); is the archive running on this driver?");
            }
            Thread.yield();
        }
        return deadline;
    }

    /**
     * Reads a DESCRIPTOR answer.
     *
     * @param answer the answer, of type {@link ControlProtocol#DESCRIPTOR}.
     * @return the recording it describes.
     * @throws IllegalArgumentException if a length in it runs past its end.
     */
    static RecordingDescriptor descriptor(final ControlMessageReader answer)
    {
        final int body = ControlProtocol.ANSWER_BODY_OFFSET;
        final int afterSource = answer.afterString(answer.afterString(body + 64));
        return new RecordingDescriptor(answer.getLong(body), answer.getLong(body + 8), answer.getLong(body + 16),
            answer.getLong(body + 24), answer.getLong(body + 32), answer.getInt(body + 40), answer.getInt(body + 44),
            answer.getInt(body + 48), answer.getInt(body + 52), answer.getInt(body + 56), answer.getInt(body + 60),
            answer.getString(body + 64), answer.getString(answer.afterString(body + 64)),
            answer.getInt(afterSource) != 0, answer.getLong(afterSource + Integer.BYTES));
    }
}
