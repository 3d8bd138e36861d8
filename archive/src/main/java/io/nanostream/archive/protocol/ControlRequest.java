package io.nanostream.archive.protocol;

import io.nanostream.buffer.AtomicBuffer;

/**
 * A client's request to the archive, decoded from the control stream ({@link ControlProtocol} has the layouts). Every
 * request carries the control session it belongs to and the client's correlation id, which its answer echoes.
 */
public sealed interface ControlRequest
{
    /** {@return the control session the request belongs to; 0 in a CONNECT} */
    long controlSessionId();

    /** {@return the client's correlation id} */
    long correlationId();

    /**
     * Decodes a request, checking every field and length against the message.
     *
     * @param buffer the buffer holding it.
     * @param offset where it starts.
     * @param length its length.
     * @return the request.
     * @throws IllegalArgumentException naming the problem: a message too short for its fields, a string length that
     * runs past it, another protocol version, an unknown type.
     */
    static ControlRequest decode(final AtomicBuffer buffer, final int offset, final int length)
    {
        final ControlMessageReader message = new ControlMessageReader(buffer, offset, length);
        final int type = message.getInt(ControlProtocol.TYPE_OFFSET);
        final long session = message.getLong(ControlProtocol.CONTROL_SESSION_ID_OFFSET);
        final long correlation = message.getLong(ControlProtocol.CORRELATION_ID_OFFSET);
        final int version = message.getInt(ControlProtocol.VERSION_OR_CODE_OFFSET);
        if (version != ControlProtocol.VERSION)
        {
            throw new IllegalArgumentException("protocol version " + version + ", not " + ControlProtocol.VERSION +
                ": use a client of this archive's version");
        }
        final int body = ControlProtocol.REQUEST_BODY_OFFSET;
        return switch (type)
        {
            case ControlProtocol.CONNECT -> new Connect(session, correlation, message.getInt(body),
                message.getString(body + 4));
            case ControlProtocol.CLOSE_SESSION -> new CloseSession(session, correlation);
            case ControlProtocol.START_RECORDING -> new StartRecording(session, correlation, message.getInt(body),
                message.getString(body + 4));
            case ControlProtocol.STOP_RECORDING -> new StopRecording(session, correlation, message.getInt(body),
                message.getString(body + 4));
            case ControlProtocol.LIST_RECORDINGS -> new ListRecordings(session, correlation, message.getLong(body),
                message.getInt(body + 8), message.getInt(body + 12), message.getString(body + 16));
            case ControlProtocol.START_REPLAY -> new StartReplay(session, correlation, message.getLong(body),
                message.getLong(body + 8), message.getLong(body + 16), message.getInt(body + 24),
                message.getString(body + 28));
            case ControlProtocol.STOP_REPLAY -> new StopReplay(session, correlation, message.getLong(body));
            case ControlProtocol.RECORDING_POSITION -> new RecordingPosition(session, correlation,
                message.getLong(body));
            case ControlProtocol.EXTEND_RECORDING -> new ExtendRecording(session, correlation, message.getLong(body),
                message.getInt(body + 8), message.getString(body + 12));
            case ControlProtocol.TRUNCATE_RECORDING -> new TruncateRecording(session, correlation,
                message.getLong(body), message.getLong(body + 8));
            case ControlProtocol.DELETE_RECORDING -> new DeleteRecording(session, correlation, message.getLong(body));
            case ControlProtocol.PURGE_SEGMENTS -> new PurgeSegments(session, correlation, message.getLong(body),
                message.getLong(body + 8));
            case ControlProtocol.REPLICATE -> new Replicate(session, correlation, message.getLong(body),
                message.getInt(body + 8), message.getString(body + 12), message.getString(message.afterString(body +
                12)));
            case ControlProtocol.STOP_REPLICATION -> new StopReplication(session, correlation, message.getLong(body));
            default -> throw new IllegalArgumentException("unknown request type " + type);
        };
    }

    /**
     * Opens a control session; the archive answers on the response channel and stream.
     *
     * @param controlSessionId 0.
     * @param correlationId    the client's correlation id.
     * @param responseStreamId the stream to answer on.
     * @param responseChannel  the channel to answer on.
     */
    record Connect(long controlSessionId, long correlationId, int responseStreamId,
        String responseChannel) implements ControlRequest
    {
    }

    /**
     * Closes the session; its replays stop.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     */
    record CloseSession(long controlSessionId, long correlationId) implements ControlRequest
    {
    }

    /**
     * Records every image of a channel and stream.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param streamId         the stream.
     * @param channel          the channel.
     */
    record StartRecording(long controlSessionId, long correlationId, int streamId,
        String channel) implements ControlRequest
    {
    }

    /**
     * Stops recording a channel and stream.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param streamId         the stream.
     * @param channel          the channel, as recorded.
     */
    record StopRecording(long controlSessionId, long correlationId, int streamId,
        String channel) implements ControlRequest
    {
    }

    /**
     * Describes recordings, from an id on.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param fromRecordingId  the first id to look at.
     * @param count            the most to describe.
     * @param streamId         the stream, or -1 for any.
     * @param channelPart      a part of the channel to match.
     */
    record ListRecordings(long controlSessionId, long correlationId, long fromRecordingId, int count, int streamId,
        String channelPart) implements ControlRequest
    {
    }

    /**
     * Replays a recording.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param recordingId      the recording.
     * @param position         the first frame's position, or -1 for the start.
     * @param length           bytes to replay, or -1 for all.
     * @param replayStreamId   the stream to replay on.
     * @param replayChannel    the channel to replay on.
     */
    record StartReplay(long controlSessionId, long correlationId, long recordingId, long position, long length,
        int replayStreamId, String replayChannel) implements ControlRequest
    {
    }

    /**
     * Stops a replay.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param replaySessionId  the replay.
     */
    record StopReplay(long controlSessionId, long correlationId, long replaySessionId) implements ControlRequest
    {
    }

    /**
     * Asks how far a recording has got.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param recordingId      the recording.
     */
    record RecordingPosition(long controlSessionId, long correlationId, long recordingId) implements ControlRequest
    {
    }

    /**
     * Continues a stopped recording with the image of a channel and stream.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param recordingId      the recording.
     * @param streamId         the stream.
     * @param channel          the channel.
     */
    record ExtendRecording(long controlSessionId, long correlationId, long recordingId, int streamId, String channel)
        implements ControlRequest
    {
    }

    /**
     * Cuts a stopped recording short.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param recordingId      the recording.
     * @param position         the new stop position.
     */
    record TruncateRecording(long controlSessionId, long correlationId, long recordingId,
        long position) implements ControlRequest
    {
    }

    /**
     * Deletes a stopped recording.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param recordingId      the recording.
     */
    record DeleteRecording(long controlSessionId, long correlationId, long recordingId) implements ControlRequest
    {
    }

    /**
     * Deletes the segments of a recording wholly before a position.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param recordingId      the recording.
     * @param position         the position.
     */
    record PurgeSegments(long controlSessionId, long correlationId, long recordingId,
        long position) implements ControlRequest
    {
    }

    /**
     * Copies a recording from another archive, and follows it.
     *
     * @param controlSessionId      the session.
     * @param correlationId         the client's correlation id.
     * @param sourceRecordingId     the recording there.
     * @param sourceControlStreamId the source archive's control stream.
     * @param sourceControlChannel  the source archive's control channel.
     * @param localChannel          where the source answers and replays to.
     */
    record Replicate(long controlSessionId, long correlationId, long sourceRecordingId, int sourceControlStreamId,
        String sourceControlChannel, String localChannel) implements ControlRequest
    {
    }

    /**
     * Stops a replication.
     *
     * @param controlSessionId the session.
     * @param correlationId    the client's correlation id.
     * @param replicationId    the replication.
     */
    record StopReplication(long controlSessionId, long correlationId, long replicationId) implements ControlRequest
    {
    }
}
