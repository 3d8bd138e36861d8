package io.nanostream.archive.service;

import io.nanostream.archive.ArchiveContext;
import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.archive.protocol.ControlMessageReader;
import io.nanostream.archive.protocol.ControlProtocol;
import io.nanostream.archive.protocol.ControlRequest;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ChannelUri;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.Image;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.concurrent.Agent;
import io.nanostream.log.FragmentAssembler;
import io.nanostream.log.Header;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The archive's one thread: it takes clients' requests from the control stream and answers each on the client's
 * response stream, records every image of the streams it was asked to record (its {@link Recorder}), and runs the
 * replays (its {@link Replayer}). Images come and go on the archive client's conductor thread, which hands them over as
 * {@link ImageEvent}s. A request that cannot be done is answered with an error that names the problem; nothing a client
 * sends can stop the duty cycle. Runs on the archive's thread.
 */
public final class ArchiveConductor implements Agent
{
    /** Requests taken per duty cycle, so that a flood of them cannot starve recordings and replays. */
    static final int REQUESTS_PER_CYCLE = 10;
    /** How often control sessions are checked for clients that went without closing them. */
    static final long SESSION_CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ArchiveContext context;
    private final NanoStream client;
    private final Catalog catalog;
    private final RecordingCounters counters;
    private final RecordingRetention retention;
    private final Subscription requests;
    private final FragmentAssembler requestAssembler = new FragmentAssembler(this::onRequest);
    private final Queue<ImageEvent> imageEvents = new ConcurrentLinkedQueue<>();
    private final Map<Long, ControlSession> controlSessions = new HashMap<>();
    private final List<ControlSession> sessionList = new ArrayList<>(); // the same sessions, walked without an iterator
    private final Map<String, Subscription> recordingSubscriptions = new HashMap<>();
    private final Recorder recorder;
    private final Replayer replayer;
    private final List<ReplicationSession> replications = new ArrayList<>();
    private long nextControlSessionId = 1;
    private long nextReplicationId = 1;
    private long nextSessionCheckNanos;

    /**
     * Makes the conductor over an open catalog, with its own client of the driver.
     *
     * @param context the archive's settings.
     * @param client  the archive's client of its media driver.
     * @param catalog the catalog, recovered.
     * @param counters where recordings' positions, bytes, fsyncs and replays show.
     */
    public ArchiveConductor(final ArchiveContext context, final NanoStream client, final Catalog catalog,
        final RecordingCounters counters)
    {
        this.counters = counters;
        this.retention = new RecordingRetention(context.archiveDirectory(), catalog, this::forceCatalog);
        this.recorder = new Recorder(context, catalog, counters, this::forceCatalog);
        this.replayer = new Replayer(context, client, counters);
        this.context = context;
        this.client = client;
        this.catalog = catalog;
        this.requests = client.addSubscription(ChannelUri.parse(context.controlChannel()).forSubscription().toString(),
            context.controlStreamId());
    }

    /**
     * Stops every recording that the catalog says was being made when the archive last ran, at the last whole frame
     * in its files.
     *
     * @param directory the archive directory.
     * @param catalog   the catalog.
     * @return how many were recovered.
     * @throws IOException if a recording's files cannot be read or cut.
     */
    public static int recover(final Path directory, final Catalog catalog) throws IOException
    {
        final List<RecordingDescriptor> active = new ArrayList<>();
        catalog.forEach(0, recording ->
        {
            if (recording.isActive())
            {
                active.add(recording);
            }
        });
        for (final RecordingDescriptor recording : active)
        {
            catalog.stop(recording.recordingId(), RecordingRecovery.stopPosition(directory, recording),
                System.currentTimeMillis());
        }
        return active.size();
    }

    @Override
    public String roleName()
    {
        return "nano-stream-archive";
    }

    @Override
    public int doWork()
    {
        final long nowNanos = System.nanoTime();
        int work = requests.poll(requestAssembler, REQUESTS_PER_CYCLE);
        ImageEvent event;
        while ((event = imageEvents.poll()) != null)
        {
            onImageEvent(event);
            work++;
        }
        work += recorder.doWork(nowNanos);
        if (nowNanos - nextSessionCheckNanos >= 0)
        {
            nextSessionCheckNanos = nowNanos + SESSION_CHECK_INTERVAL_NANOS;
            closeGoneSessions();
        }
        for (int i = replications.size() - 1; i >= 0; i--)
        {
            final ReplicationSession replication = replications.get(i);
            final Image copied = replication.image();
            if (copied != null && copied.isEndOfStream())
            {
                stopCopy(replication); // the source's replay ended and the copy has all of it: no need to wait for the image to go
                replication.onImageGone(copied, nowNanos);
            }
            work += replication.doWork(nowNanos);
            if (replication.outcome() != null)
            {
                replications.remove(i);
            }
        }
        return work + replayer.doWork(nowNanos);
    }

    @Override
    public void onClose()
    {
        recorder.close();
        replayer.close();
        replications.forEach(ReplicationSession::close);
        replications.clear();
        sessionList.forEach(ControlSession::close);
        sessionList.clear();
        controlSessions.clear();
        recordingSubscriptions.values().forEach(Subscription::close);
        recordingSubscriptions.clear();
        requests.close();
        if (context.fsyncLevel() >= 2)
        {
            catalog.force();
        }
    }

    /** Ends the sessions of clients that went without closing them, and the replays they started. */
    private void closeGoneSessions()
    {
        for (int i = sessionList.size() - 1; i >= 0; i--)
        {
            if (sessionList.get(i).isGone())
            {
                endSession(sessionList.get(i));
            }
        }
    }

    /** Ends a control session and the replays it started. */
    private void endSession(final ControlSession session)
    {
        controlSessions.remove(session.controlSessionId());
        sessionList.remove(session);
        replayer.stopAllOf(session.controlSessionId());
        session.close();
    }

    private void onRequest(final AtomicBuffer buffer, final int offset, final int length, final Header header)
    {
        final ControlMessageReader message = new ControlMessageReader(buffer, offset, length);
        long controlSessionId = 0;
        long correlationId = 0;
        try
        {
            controlSessionId = message.getLong(ControlProtocol.CONTROL_SESSION_ID_OFFSET);
            correlationId = message.getLong(ControlProtocol.CORRELATION_ID_OFFSET);
            final ControlSession session = controlSessions.get(controlSessionId);
            final ControlRequest request;
            try
            {
                request = ControlRequest.decode(buffer, offset, length);
            }
            catch (final IllegalArgumentException ex)
            {
                if (session == null)
                {
                    throw ex;
                }
                session.respond(correlationId, ControlProtocol.ERROR, 0, "a malformed request: " + ex.getMessage());
                return;
            }
            if (request instanceof ControlRequest.Connect connect)
            {
                connect(connect);
                return;
            }
            if (session == null)
            {
                return; // no one to answer: a closed or forged session
            }
            try
            {
                handle(request, session);
            }
            catch (final ArchiveRequestException | IllegalArgumentException | IllegalStateException ex)
            {
                session.respond(correlationId, ControlProtocol.ERROR, 0, ex.getMessage());
            }
            if (session.isBroken())
            {
                endSession(session);
            }
        }
        catch (final RuntimeException ex)
        {
            context.errorHandler().accept(new ArchiveRequestException("a control request (session " + controlSessionId +
                ", correlation " + correlationId + ") was dropped: " + ex.getMessage()));
        }
    }

    private void connect(final ControlRequest.Connect request)
    {
        final ExclusivePublication responses = client.addExclusivePublication(request.responseChannel(),
            request.responseStreamId());
        final ControlSession session = new ControlSession(nextControlSessionId++, responses);
        controlSessions.put(session.controlSessionId(), session);
        sessionList.add(session);
        session.respond(request.correlationId(), ControlProtocol.OK, session.controlSessionId(), "");
    }

    private void handle(final ControlRequest request, final ControlSession session)
    {
        final long correlationId = request.correlationId();
        switch (request)
        {
            case ControlRequest.Connect connect -> connect(connect);
            case ControlRequest.CloseSession close -> endSession(session);
            case ControlRequest.StartRecording start -> startRecording(session, correlationId, start.streamId(),
                start.channel());
            case ControlRequest.StopRecording stop -> stopRecording(session, correlationId, stop.streamId(),
                stop.channel());
            case ControlRequest.ListRecordings list -> list(session, correlationId, list.fromRecordingId(),
                list.count(), list.streamId(), list.channelPart());
            case ControlRequest.StartReplay replay -> startReplay(session, correlationId, replay.recordingId(),
                replay.position(), replay.length(), replay.replayStreamId(), replay.replayChannel());
            case ControlRequest.StopReplay stop -> stopReplay(session, correlationId, stop.replaySessionId());
            case ControlRequest.RecordingPosition position -> session.respond(correlationId, ControlProtocol.OK,
                recordingPosition(position.recordingId()), "");
            case ControlRequest.TruncateRecording truncate -> truncate(session, correlationId, truncate.recordingId(),
                truncate.position());
            case ControlRequest.DeleteRecording delete -> delete(session, correlationId, delete.recordingId());
            case ControlRequest.PurgeSegments purge -> purgeSegments(session, correlationId, purge.recordingId(),
                purge.position());
            case ControlRequest.ExtendRecording extend -> extendRecording(session, correlationId, extend.recordingId(),
                extend.streamId(), extend.channel());
            case ControlRequest.Replicate replicate -> replicate(session, correlationId, replicate.sourceRecordingId(),
                replicate.sourceControlStreamId(), replicate.sourceControlChannel(), replicate.localChannel());
            case ControlRequest.StopReplication stop -> stopReplication(session, correlationId, stop.replicationId());
        }
    }

    private static String key(final String channel, final int streamId)
    {
        return streamId + " " + ChannelUri.parse(channel);
    }

    private void startRecording(final ControlSession session, final long correlationId, final int streamId,
        final String channel)
    {
        session.respond(correlationId, ControlProtocol.OK, subscribe(channel, streamId, -1).registrationId(), "");
    }

    private void extendRecording(
        final ControlSession session, final long correlationId, final long recordingId, final int streamId,
        final String channel)
    {
        final RecordingDescriptor recording = recording(recordingId);
        if (recording.isActive())
        {
            throw new ArchiveRequestException("recording " + recordingId +
                " is still being made; stop it before it can be continued");
        }
        if (recording.streamId() != streamId)
        {
            throw new ArchiveRequestException("recording " + recordingId + " is of stream " + recording.streamId() +
                ", not " + streamId);
        }
        session.respond(correlationId, ControlProtocol.OK, subscribe(channel, streamId, recordingId).registrationId(),
            "");
    }

    private Subscription subscribe(final String channel, final int streamId, final long extendRecordingId)
    {
        final String key = key(channel, streamId);
        if (recordingSubscriptions.containsKey(key))
        {
            throw new ArchiveRequestException("stream " + streamId + " of " + channel + " is already being recorded");
        }
        final String recordedChannel = ChannelUri.parse(channel).toString();
        final Subscription subscription = client.addSubscription(ChannelUri.parse(channel).forSubscription().toString(),
            streamId, image -> imageEvents.add(new ImageEvent.Available(image, recordedChannel, extendRecordingId)),
            image -> imageEvents.add(new ImageEvent.Unavailable(image)));
        recordingSubscriptions.put(key, subscription);
        return subscription;
    }

    private void stopRecording(final ControlSession session, final long correlationId, final int streamId,
        final String channel)
    {
        final Subscription subscription = recordingSubscriptions.remove(key(channel, streamId));
        if (subscription == null)
        {
            throw new ArchiveRequestException("stream " + streamId + " of " + channel + " is not being recorded");
        }
        recorder.stopSubscription(subscription.registrationId());
        subscription.close();
        session.respond(correlationId, ControlProtocol.OK, subscription.registrationId(), "");
    }

    private void onImageEvent(final ImageEvent event)
    {
        switch (event)
        {
            case ImageEvent.Available available when available.extendRecordingId() >= 0 -> recorder.continueWith(available.image(),
                available.extendRecordingId());
            case ImageEvent.Available available -> recorder.startNew(available.image(),
                Recorder.LogShape.of(available.image(), available.channel()), available.channel().contains(":ipc") ?
                "ipc" : "", context.frameChecksums(), RecordingDescriptor.NULL_ID);
            case ImageEvent.Replica replica -> recordReplica(replica.image(), replica.replicationId());
            case ImageEvent.Unavailable unavailable ->
            {
                recorder.stopImage(unavailable.image());
                for (final ReplicationSession replication : replications)
                {
                    replication.onImageGone(unavailable.image(), System.nanoTime());
                }
            }
        }
    }

    private void replicate(
        final ControlSession session, final long correlationId, final long sourceRecordingId,
        final int sourceControlStreamId, final String sourceControlChannel, final String localChannel)
    {
        ChannelUri.parse(sourceControlChannel);
        if (ChannelUri.parse(localChannel).isIpc())
        {
            throw new ArchiveRequestException("the local channel of a replication is where the source archive sends to: a UDP channel " +
                "of this archive's machine, as nano:udp?endpoint=host:port, not " + localChannel);
        }
        for (final ReplicationSession replication : replications)
        {
            if (replication.sourceName().equals(sourceControlChannel + " stream " + sourceControlStreamId) &&
                replication.sourceRecordingId() == sourceRecordingId)
            {
                throw new ArchiveRequestException("recording " + sourceRecordingId + " of " + replication.sourceName() +
                    " is already being replicated (replication " + replication.replicationId() + ")");
            }
        }
        final long replicationId = nextReplicationId++;
        replications.add(new ReplicationSession(replicationId, session.controlSessionId(), sourceRecordingId,
            sourceControlChannel, sourceControlStreamId, localChannel, client, catalog, imageEvents,
            context.errorHandler(), context.replayConnectTimeout().toNanos(), System.nanoTime()));
        session.respond(correlationId, ControlProtocol.OK, replicationId, "");
    }

    private void stopReplication(final ControlSession session, final long correlationId, final long replicationId)
    {
        for (int i = 0; i < replications.size(); i++)
        {
            final ReplicationSession replication = replications.get(i);
            if (replication.replicationId() == replicationId)
            {
                stopCopy(replication);
                replications.remove(i).close();
                session.respond(correlationId, ControlProtocol.OK, replication.copyRecordingId(), "");
                return;
            }
        }
        throw new ArchiveRequestException("there is no replication " + replicationId + " running");
    }

    /** Stops the recording of a replication's image, before its subscription closes. */
    private void stopCopy(final ReplicationSession replication)
    {
        if (replication.image() != null)
        {
            recorder.stopImage(replication.image());
        }
    }

    /** The image of a replication's replay: the copy starts with it, or goes on where it stopped. */
    private void recordReplica(final Image image, final long replicationId)
    {
        for (final ReplicationSession replication : replications)
        {
            if (replication.replicationId() == replicationId && replication.takeImage(image))
            {
                if (replication.copyRecordingId() != RecordingDescriptor.NULL_ID)
                {
                    recorder.continueWith(image, replication.copyRecordingId());
                    return;
                }
                final RecordingDescriptor source = replication.source();
                replication.copyRecordingId(recorder.startNew(image, Recorder.LogShape.of(source), "replica of " +
                    replication.sourceName(), source.frameChecksums(), source.recordingId()));
                return;
            }
        }
    }

    private RecordingDescriptor recording(final long recordingId)
    {
        final RecordingDescriptor recording = catalog.descriptor(recordingId);
        if (recording == null)
        {
            throw new ArchiveRequestException("there is no recording " + recordingId +
                "; list the recordings to see which there are");
        }
        return recording;
    }

    private long recordingPosition(final long recordingId)
    {
        final RecordingSession active = recorder.active(recordingId);
        return active != null ? active.position() : recording(recordingId).stopPosition();
    }

    private void list(
        final ControlSession session, final long correlationId, final long fromRecordingId, final int count,
        final int streamId, final String channelPart)
    {
        if (count < 0)
        {
            throw new ArchiveRequestException("a list of " + count + " recordings");
        }
        final long[] sent = {0};
        catalog.forEach(fromRecordingId, recording ->
        {
            if (sent[0] < count && (streamId == -1 || recording.streamId() == streamId) &&
                recording.channel().contains(channelPart))
            {
                session.describe(correlationId, recording);
                sent[0]++;
            }
        });
        session.respond(correlationId, ControlProtocol.OK, sent[0], "");
    }

    private void startReplay(
        final ControlSession session, final long correlationId, final long recordingId, final long position,
        final long length, final int replayStreamId, final String replayChannel)
    {
        final RecordingDescriptor recording = recording(recordingId);
        final RecordingSession active = recorder.active(recordingId);
        final RecordingProgress progress = active != null ?
            active : RecordingProgress.stopped(recording.stopPosition());
        final long replaySessionId = replayer.start(session.controlSessionId(), recording, progress, position, length,
            replayStreamId, replayChannel);
        session.respond(correlationId, ControlProtocol.OK, replaySessionId, "");
    }

    private void stopReplay(final ControlSession session, final long correlationId, final long replaySessionId)
    {
        replayer.stop(session.controlSessionId(), replaySessionId);
        session.respond(correlationId, ControlProtocol.OK, replaySessionId, "");
    }

    private void truncate(final ControlSession session, final long correlationId, final long recordingId,
        final long position)
    {
        final RecordingDescriptor recording = stoppedRecording(recordingId, "truncated");
        replayer.refuseWhileReplayed(recording, Long.MAX_VALUE, "truncated");
        session.respond(correlationId, ControlProtocol.OK, retention.truncate(recording, position), "");
    }

    private void delete(final ControlSession session, final long correlationId, final long recordingId)
    {
        final RecordingDescriptor recording = stoppedRecording(recordingId, "deleted");
        replayer.refuseWhileReplayed(recording, Long.MAX_VALUE, "deleted");
        session.respond(correlationId, ControlProtocol.OK, retention.delete(recording), "");
    }

    private void purgeSegments(final ControlSession session, final long correlationId, final long recordingId,
        final long position)
    {
        final RecordingDescriptor recording = recording(recordingId);
        final long newStart = retention.purgeBefore(recording, recordingPosition(recordingId), position,
            before -> replayer.refuseWhileReplayed(recording, before, "purged before " + before));
        session.respond(correlationId, ControlProtocol.OK, newStart, "");
    }

    private RecordingDescriptor stoppedRecording(final long recordingId, final String what)
    {
        final RecordingDescriptor recording = recording(recordingId);
        if (recording.isActive() || recorder.active(recordingId) != null)
        {
            throw new ArchiveRequestException("recording " + recordingId +
                " is still being made; stop recording it before it can be " + what);
        }
        return recording;
    }

    private void forceCatalog()
    {
        if (context.fsyncLevel() >= 2)
        {
            catalog.force();
        }
    }
}
