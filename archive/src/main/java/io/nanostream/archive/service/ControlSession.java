package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.archive.protocol.ControlProtocol;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.Publication;

import java.util.concurrent.TimeUnit;

/**
 * One archive client's session: the publication its answers go out on. An answer the client does not take within five
 * seconds (its response stream is gone or stuck) ends the session, so one stuck client never holds the archive up long;
 * so does a response stream that was connected and is no more (the client closed, was killed, or its link broke).
 * Owned by the archive conductor's thread.
 */
final class ControlSession implements AutoCloseable
{
    /** How long an answer may wait for the response stream to connect or make room. */
    static final long ANSWER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long controlSessionId;
    private final ExclusivePublication responses;
    private final AtomicBuffer buffer = AtomicBuffer.allocateDirect(4096);
    private boolean broken;
    private boolean connectedOnce;

    ControlSession(final long controlSessionId, final ExclusivePublication responses)
    {
        this.controlSessionId = controlSessionId;
        this.responses = responses;
    }

    long controlSessionId()
    {
        return controlSessionId;
    }

    /**
     * {@return whether the client went: its response stream was connected and is no more,
     * or an answer could not be sent}
     */
    boolean isGone()
    {
        final boolean connected = responses.isConnected();
        connectedOnce |= connected;
        return broken || (connectedOnce && !connected);
    }

    /** {@return whether an answer could not be sent: the session is to be closed} */
    boolean isBroken()
    {
        return broken;
    }

    /**
     * Answers a request: OK or ERROR, with a relevant id and a message (empty when OK).
     *
     * @param correlationId the request's correlation id.
     * @param code          {@link ControlProtocol#OK} or {@link ControlProtocol#ERROR}.
     * @param relevantId    the session, recording, replay id or count the request produced.
     * @param message       what went wrong and what to do, or empty.
     */
    void respond(final long correlationId, final int code, final long relevantId, final String message)
    {
        ControlProtocol.putHeader(buffer, ControlProtocol.RESPONSE, code, controlSessionId, correlationId);
        buffer.putLong(ControlProtocol.RELEVANT_ID_OFFSET, relevantId);
        send(ControlProtocol.putString(buffer, ControlProtocol.ANSWER_BODY_OFFSET, truncated(message)));
    }

    /**
     * Sends one recording's descriptor, in answer to a list request.
     *
     * @param correlationId the request's correlation id.
     * @param recording     the descriptor.
     */
    void describe(final long correlationId, final RecordingDescriptor recording)
    {
        ControlProtocol.putHeader(buffer, ControlProtocol.DESCRIPTOR, ControlProtocol.OK, controlSessionId,
            correlationId);
        buffer.putLong(ControlProtocol.RELEVANT_ID_OFFSET, recording.recordingId());
        final int body = ControlProtocol.ANSWER_BODY_OFFSET;
        buffer.putLong(body, recording.recordingId());
        buffer.putLong(body + 8, recording.startPosition());
        buffer.putLong(body + 16, recording.stopPosition());
        buffer.putLong(body + 24, recording.startTimestamp());
        buffer.putLong(body + 32, recording.stopTimestamp());
        buffer.putInt(body + 40, recording.initialTermId());
        buffer.putInt(body + 44, recording.segmentLength());
        buffer.putInt(body + 48, recording.termLength());
        buffer.putInt(body + 52, recording.mtu());
        buffer.putInt(body + 56, recording.sessionId());
        buffer.putInt(body + 60, recording.streamId());
        final int afterChannel = ControlProtocol.putString(buffer, body + 64, recording.channel());
        final int afterSource = ControlProtocol.putString(buffer, afterChannel, recording.source());
        buffer.putInt(afterSource, recording.frameChecksums() ? 1 : 0);
        buffer.putLong(afterSource + Integer.BYTES, recording.sourceRecordingId());
        send(afterSource + Integer.BYTES + Long.BYTES);
    }

    private static String truncated(final String message)
    {
        return message.length() > 900 ? message.substring(0, 900) + "..." : message;
    }

    private void send(final int length)
    {
        if (broken)
        {
            return;
        }
        final long deadline = System.nanoTime() + ANSWER_TIMEOUT_NANOS;
        long result;
        while ((result = responses.offer(buffer, 0, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                System.nanoTime() - deadline > 0)
            {
                broken = true;
                return;
            }
            Thread.yield();
        }
        connectedOnce = true; // an answer went out: the client was there
    }

    @Override
    public void close()
    {
        responses.close();
    }
}
