package io.nanostream.archive.protocol;

import io.nanostream.buffer.AtomicBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The archive's control messages: requests from clients on the control stream, and the archive's answers on each
 * client's response stream. All fields are little-endian; a string is its UTF-8 length (int) then its bytes.
 *
 * <p>A request:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                          Request Type                         |   0  CONNECT ... EXTEND_RECORDING
 *  +---------------------------------------------------------------+
 *  |                        Protocol Version                       |   4
 *  +---------------------------------------------------------------+
 *  |                    Control Session Id (long)                  |   8  0 in CONNECT
 *  +---------------------------------------------------------------+
 *  |                      Correlation Id (long)                    |  16  the client's, echoed in the answer
 *  +---------------------------------------------------------------+
 *  |                      Body, by type (below)                   ...  24
 *  +---------------------------------------------------------------+
 *
 *   CONNECT             24 response stream id (int), 28 response channel (string)
 *   CLOSE_SESSION       (no body)
 *   START_RECORDING     24 stream id (int), 28 channel (string)
 *   STOP_RECORDING      24 stream id (int), 28 channel (string)
 *   LIST_RECORDINGS     24 from recording id (long), 32 count (int), 36 stream id (int, -1: any), 40 channel part (string)
 *   START_REPLAY        24 recording id (long), 32 position (long), 40 length (long, -1: to the end),
 *                       48 replay stream id (int), 52 replay channel (string)
 *   STOP_REPLAY         24 replay session id (long)
 *   RECORDING_POSITION  24 recording id (long)
 *   EXTEND_RECORDING    24 recording id (long), 32 stream id (int), 36 channel (string)
 *   TRUNCATE_RECORDING  24 recording id (long), 32 new stop position (long)
 *   DELETE_RECORDING    24 recording id (long)
 *   PURGE_SEGMENTS      24 recording id (long), 32 position (long): segments wholly before it go
 *   REPLICATE           24 source recording id (long), 32 source control stream id (int), 36 source control channel
 *                       (string), then local channel (string): where the source archive answers and replays to
 *   STOP_REPLICATION    24 replication id (long)
 * </pre>
 *
 * <p>An answer:
 *
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                          Answer Type                          |   0  RESPONSE, DESCRIPTOR
 *  +---------------------------------------------------------------+
 *  |                     Code (0 OK, 1 ERROR)                      |   4
 *  +---------------------------------------------------------------+
 *  |                    Control Session Id (long)                  |   8
 *  +---------------------------------------------------------------+
 *  |                      Correlation Id (long)                    |  16
 *  +---------------------------------------------------------------+
 *  |                       Relevant Id (long)                      |  24  a session, recording or replay id, a count
 *  +---------------------------------------------------------------+
 *  |                      Body, by type (below)                   ...  32
 *  +---------------------------------------------------------------+
 *
 *   RESPONSE    32 message (string): empty when OK, the problem and the fix when not
 *   DESCRIPTOR  32 recording id, 40 start position, 48 stop position (-1 while recording), 56 start time, 64 stop time
 *               (longs, times in epoch ms), 72 initial term id, 76 segment length, 80 term length, 84 MTU, 88 session id,
 *               92 stream id (ints), 96 channel (string), then source (string), then flags (int; 1: frame checksums),
 *               then source recording id (long; -1 unless a replica)
 * </pre>
 *
 * A LIST_RECORDINGS is answered with one DESCRIPTOR per recording found and then a RESPONSE whose relevant id is how
 * many were sent. Decoding checks every length against the message, whoever wrote it.
 */
public final class ControlProtocol
{
    /** The protocol version requests carry. */
    public static final int VERSION = 1;
    /** The longest channel or message string, in bytes. */
    public static final int MAX_STRING_LENGTH = 1024;

    /** Request: open a control session; the archive answers on the response channel given. */
    public static final int CONNECT = 1;
    /** Request: close this control session. */
    public static final int CLOSE_SESSION = 2;
    /** Request: record every image of a channel and stream. */
    public static final int START_RECORDING = 3;
    /** Request: stop recording a channel and stream. */
    public static final int STOP_RECORDING = 4;
    /** Request: describe recordings, from an id on. */
    public static final int LIST_RECORDINGS = 5;
    /** Request: replay a recording to a channel and stream. */
    public static final int START_REPLAY = 6;
    /** Request: stop a replay. */
    public static final int STOP_REPLAY = 7;
    /** Request: how far a recording has got. */
    public static final int RECORDING_POSITION = 8;
    /** Request: continue a stopped recording with the image of a channel and stream that starts where it stopped. */
    public static final int EXTEND_RECORDING = 9;
    /** Request: cut a stopped recording short at a frame start. */
    public static final int TRUNCATE_RECORDING = 10;
    /** Request: delete a stopped recording and its files. */
    public static final int DELETE_RECORDING = 11;
    /** Request: delete a recording's segments that lie wholly before a position. */
    public static final int PURGE_SEGMENTS = 12;
    /** Request: copy a recording from another archive, and follow it while it is recorded there. */
    public static final int REPLICATE = 13;
    /** Request: stop a replication; the copy stops where it got to. */
    public static final int STOP_REPLICATION = 14;

    /** Answer: OK or ERROR, with a relevant id and a message. */
    public static final int RESPONSE = 101;
    /** Answer: one recording's descriptor. */
    public static final int DESCRIPTOR = 102;

    /** Code: the request was done. */
    public static final int OK = 0;
    /** Code: the request was refused; the message says why. */
    public static final int ERROR = 1;

    /** Offset of a message's type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of a request's version, or an answer's code. */
    public static final int VERSION_OR_CODE_OFFSET = 4;
    /** Offset of the control session id. */
    public static final int CONTROL_SESSION_ID_OFFSET = 8;
    /** Offset of the correlation id. */
    public static final int CORRELATION_ID_OFFSET = 16;
    /** Where a request's body starts. */
    public static final int REQUEST_BODY_OFFSET = 24;
    /** Offset of an answer's relevant id. */
    public static final int RELEVANT_ID_OFFSET = 24;
    /** Where an answer's body starts. */
    public static final int ANSWER_BODY_OFFSET = 32;

    private ControlProtocol()
    {
    }

    /**
     * Writes a message header.
     *
     * @param buffer           the message buffer.
     * @param type             the type.
     * @param versionOrCode    a request's version or an answer's code.
     * @param controlSessionId the control session.
     * @param correlationId    the correlation id.
     * @return where the body starts for a request.
     */
    public static int putHeader(
        final AtomicBuffer buffer, final int type, final int versionOrCode, final long controlSessionId,
        final long correlationId)
    {
        buffer.putInt(TYPE_OFFSET, type);
        buffer.putInt(VERSION_OR_CODE_OFFSET, versionOrCode);
        buffer.putLong(CONTROL_SESSION_ID_OFFSET, controlSessionId);
        buffer.putLong(CORRELATION_ID_OFFSET, correlationId);
        return REQUEST_BODY_OFFSET;
    }

    /**
     * Writes a string: its UTF-8 length, then its bytes.
     *
     * @param buffer the message buffer.
     * @param offset where.
     * @param value  the string, at most {@link #MAX_STRING_LENGTH} UTF-8 bytes.
     * @return the offset after it.
     * @throws IllegalArgumentException if it is too long.
     */
    public static int putString(final AtomicBuffer buffer, final int offset, final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_LENGTH)
        {
            throw new IllegalArgumentException("a string of " + bytes.length + " bytes is over the " +
                MAX_STRING_LENGTH + " a control message takes");
        }
        buffer.putInt(offset, bytes.length);
        buffer.putBytes(offset + Integer.BYTES, bytes, 0, bytes.length);
        return offset + Integer.BYTES + bytes.length;
    }
}
