package io.nanostream.client.protocol;

import io.nanostream.buffer.AtomicBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The messages between clients and the driver: type ids and little-endian encodings. Commands go from
 * clients through the command ring; responses come back through the broadcast buffer.
 *
 * <pre>
 * every command:       0 correlation id (long), 8 client id (long)
 * add publication,
 * add exclusive pub.,
 * add subscription:    16 stream id (int), 20 channel length (int), 24 channel (UTF-8)
 * remove pub. / sub.:  16 registration id (long)
 * </pre>
 */
public final class Commands
{
    /** Add a publication shared by every publisher of its channel and stream. */
    public static final int ADD_PUBLICATION = 1;
    /** Add a publication with one writer and a log of its own. */
    public static final int ADD_EXCLUSIVE_PUBLICATION = 2;
    /** Add a subscription. */
    public static final int ADD_SUBSCRIPTION = 3;
    /** Remove a publication. */
    public static final int REMOVE_PUBLICATION = 4;
    /** Remove a subscription. */
    public static final int REMOVE_SUBSCRIPTION = 5;
    /** The client is alive. */
    public static final int CLIENT_KEEPALIVE = 6;
    /** The client is closing; release everything it holds. */
    public static final int CLIENT_CLOSE = 7;

    /** A command failed: correlation id, error code, message. */
    public static final int ON_ERROR = 101;
    /** A publication is ready. */
    public static final int ON_PUBLICATION_READY = 102;
    /** A subscription is ready. */
    public static final int ON_SUBSCRIPTION_READY = 103;
    /** An image joined a subscription. */
    public static final int ON_AVAILABLE_IMAGE = 104;
    /** An image left a subscription. */
    public static final int ON_UNAVAILABLE_IMAGE = 105;
    /** A command succeeded. */
    public static final int ON_OPERATION_SUCCESS = 106;
    /** The driver timed a client out. */
    public static final int ON_CLIENT_TIMEOUT = 107;

    /** Error code: the channel URI is malformed or asks for something unsupported. */
    public static final int ERROR_INVALID_CHANNEL = 1;
    /** Error code: the registration id is unknown. */
    public static final int ERROR_UNKNOWN = 2;
    /** Error code: the parameters clash with an existing publication. */
    public static final int ERROR_CLASH = 3;
    /** Error code: the driver could not do it (out of counters, disk...). */
    public static final int ERROR_GENERIC = 4;

    /** Offset of the correlation id in every message. */
    public static final int CORRELATION_ID = 0;
    /** Offset of the client id in every command. */
    public static final int CLIENT_ID = 8;
    /** Offset of the stream id in add commands. */
    public static final int STREAM_ID = 16;
    /** Offset of the channel length in add commands. */
    public static final int CHANNEL_LENGTH = 20;
    /** Offset of the channel in add commands. */
    public static final int CHANNEL = 24;
    /** Offset of the registration id in remove commands. */
    public static final int REGISTRATION_ID = 16;

    private Commands()
    {
    }

    /**
     * Encodes an add command.
     *
     * @param buffer        where to write.
     * @param correlationId the command's id.
     * @param clientId      the client's id.
     * @param streamId      the stream id.
     * @param channel       the channel URI.
     * @return the encoded length.
     */
    public static int encodeAdd(
        final AtomicBuffer buffer, final long correlationId, final long clientId, final int streamId, final String channel)
    {
        buffer.putLong(CORRELATION_ID, correlationId);
        buffer.putLong(CLIENT_ID, clientId);
        buffer.putInt(STREAM_ID, streamId);
        return CHANNEL_LENGTH + putString(buffer, CHANNEL_LENGTH, channel);
    }

    /**
     * Encodes a remove command.
     *
     * @param buffer         where to write.
     * @param correlationId  the command's id.
     * @param clientId       the client's id.
     * @param registrationId what to remove.
     * @return the encoded length.
     */
    public static int encodeRemove(final AtomicBuffer buffer, final long correlationId, final long clientId, final long registrationId)
    {
        buffer.putLong(CORRELATION_ID, correlationId);
        buffer.putLong(CLIENT_ID, clientId);
        buffer.putLong(REGISTRATION_ID, registrationId);
        return REGISTRATION_ID + 8;
    }

    /**
     * Encodes a command that carries only ids (keepalive, close).
     *
     * @param buffer        where to write.
     * @param correlationId the command's id.
     * @param clientId      the client's id.
     * @return the encoded length.
     */
    public static int encodeClient(final AtomicBuffer buffer, final long correlationId, final long clientId)
    {
        buffer.putLong(CORRELATION_ID, correlationId);
        buffer.putLong(CLIENT_ID, clientId);
        return CLIENT_ID + 8;
    }

    /**
     * Writes a length-prefixed UTF-8 string.
     *
     * @param buffer the buffer.
     * @param offset where the length goes; the bytes follow.
     * @param value  the string.
     * @return bytes written, length included.
     */
    public static int putString(final AtomicBuffer buffer, final int offset, final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(offset, bytes.length);
        buffer.putBytes(offset + 4, bytes, 0, bytes.length);
        return 4 + bytes.length;
    }

    /**
     * Reads a length-prefixed UTF-8 string, checking the length against the message.
     *
     * @param buffer the buffer.
     * @param offset where the length is.
     * @param limit  the end of the message.
     * @return the string.
     * @throws IllegalArgumentException if the length runs past the message.
     */
    public static String getString(final AtomicBuffer buffer, final int offset, final int limit)
    {
        final int length = buffer.getInt(offset);
        if (length < 0 || length > limit - offset - 4) // not offset + 4 + length: a hostile length would overflow past the check
        {
            throw new IllegalArgumentException("string length " + length + " at " + offset + " runs past the message end " + limit);
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset + 4, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
