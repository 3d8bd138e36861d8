package io.nanostream.client.protocol;

import io.nanostream.buffer.AtomicBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The messages between clients and the driver: type ids and little-endian encodings. Commands go from
 * clients through the command ring; responses come back through the broadcast buffer, in the layouts of
 * {@link Responses}. Each message is the payload of one ring or broadcast record; its length is the
 * record's. Strings are an int byte count followed by that many UTF-8 bytes.
 *
 * <p>Every command starts with the same 16 bytes; keepalive and close are just these:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Correlation Id                         |   0  from the ring's counter
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Client Id                           |   8
 *  |                                                               |
 *  +---------------------------------------------------------------+  16
 * </pre>
 *
 * Add publication, add exclusive publication, add subscription:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Correlation Id, Client Id                    |   0
 * ...                          (16 bytes)                          |
 *  +---------------------------------------------------------------+
 *  |                           Stream Id                           |  16
 *  +---------------------------------------------------------------+
 *  |                     Channel Length (bytes)                    |  20
 *  +---------------------------------------------------------------+
 *  |                     Channel URI (UTF-8)                      ...  24
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Remove publication, remove subscription:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Correlation Id, Client Id                    |   0
 * ...                          (16 bytes)                          |
 *  +---------------------------------------------------------------+
 *  |                        Registration Id                        |  16  of what to remove
 *  |                                                               |
 *  +---------------------------------------------------------------+  24
 * </pre>
 *
 * Add destination, remove destination (a manual multi-destination-cast publication's, or
 * a subscription's with several):
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Correlation Id, Client Id                    |   0
 * ...                          (16 bytes)                          |
 *  +---------------------------------------------------------------+
 *  |                        Registration Id                        |  16  of the publication
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Destination Length (bytes)                  |  24
 *  +---------------------------------------------------------------+
 *  |                  Destination channel (UTF-8)                 ...  28
 *  +---------------------------------------------------------------+
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
    /** Add a destination to a manual multi-destination-cast publication. */
    public static final int ADD_DESTINATION = 8;
    /** Remove a destination from a manual multi-destination-cast publication. */
    public static final int REMOVE_DESTINATION = 9;
    /**
     * Add a destination to a subscription with several ({@code control-mode=manual}); same
     * layout, the subscription's id.
     */
    public static final int ADD_RCV_DESTINATION = 10;
    /** Remove a destination from a subscription with several. */
    public static final int REMOVE_RCV_DESTINATION = 11;

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
    /** Length of a command that carries only ids (keepalive, close), and of every command's common part. */
    public static final int CLIENT_COMMAND_LENGTH = 16;
    /** Length of a remove command. */
    public static final int REMOVE_COMMAND_LENGTH = 24;
    /** Bytes of the int that gives a string's length in bytes, before the string's UTF-8 bytes. */
    public static final int STRING_LENGTH_PREFIX = 4;
    /** Offset of a destination command's channel length; the channel's bytes follow. */
    public static final int DESTINATION_LENGTH = 24;

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
     * @return the encoded length: {@link #CHANNEL} plus the channel's bytes.
     */
    public static int encodeAdd(
        final AtomicBuffer buffer, final long correlationId, final long clientId, final int streamId,
        final String channel)
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
    public static int encodeRemove(final AtomicBuffer buffer, final long correlationId, final long clientId,
        final long registrationId)
    {
        buffer.putLong(CORRELATION_ID, correlationId);
        buffer.putLong(CLIENT_ID, clientId);
        buffer.putLong(REGISTRATION_ID, registrationId);
        return REMOVE_COMMAND_LENGTH;
    }

    /**
     * Encodes an add or remove destination command.
     *
     * @param buffer         where to write.
     * @param correlationId  the command's id.
     * @param clientId       the client's id.
     * @param registrationId the publication's registration id.
     * @param destination    the destination's channel.
     * @return the encoded length.
     */
    public static int encodeDestination(
        final AtomicBuffer buffer, final long correlationId, final long clientId, final long registrationId,
        final String destination)
    {
        buffer.putLong(CORRELATION_ID, correlationId);
        buffer.putLong(CLIENT_ID, clientId);
        buffer.putLong(REGISTRATION_ID, registrationId);
        return DESTINATION_LENGTH + putString(buffer, DESTINATION_LENGTH, destination);
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
        return CLIENT_COMMAND_LENGTH;
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
        buffer.putBytes(offset + STRING_LENGTH_PREFIX, bytes, 0, bytes.length);
        return STRING_LENGTH_PREFIX + bytes.length;
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
        if (length < 0 || length > limit - offset - STRING_LENGTH_PREFIX) // not offset + prefix + length: a hostile length would overflow past the check
        {
            throw new IllegalArgumentException("string length " + length + " at " + offset +
                " runs past the message end " + limit);
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset + STRING_LENGTH_PREFIX, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
