package io.nanostream.archive.protocol;

import io.nanostream.buffer.AtomicBuffer;

import java.nio.charset.StandardCharsets;

/**
 * A checked view of one received control message ({@link ControlProtocol}): a field that would run past the message's
 * end, or a string longer than {@link ControlProtocol#MAX_STRING_LENGTH}, is a clear error, whoever wrote the message.
 * Used on the thread that received the message, while the message is in hand.
 */
public final class ControlMessageReader
{
    private final AtomicBuffer buffer;
    private final int offset;
    private final int length;

    /**
     * Views a message.
     *
     * @param buffer the buffer holding it.
     * @param offset where it starts.
     * @param length its length.
     */
    public ControlMessageReader(final AtomicBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /**
     * An int field.
     *
     * @param at its offset in the message.
     * @return its value.
     * @throws IllegalArgumentException if the message is too short.
     */
    public int getInt(final int at)
    {
        require(at, Integer.BYTES);
        return buffer.getInt(offset + at);
    }

    /**
     * A long field.
     *
     * @param at its offset in the message.
     * @return its value.
     * @throws IllegalArgumentException if the message is too short.
     */
    public long getLong(final int at)
    {
        require(at, Long.BYTES);
        return buffer.getLong(offset + at);
    }

    /**
     * A string field.
     *
     * @param at its offset in the message.
     * @return its value.
     * @throws IllegalArgumentException if its length is negative, over the limit, or runs past the message.
     */
    public String getString(final int at)
    {
        final int stringLength = getInt(at);
        if (stringLength < 0 || stringLength > ControlProtocol.MAX_STRING_LENGTH)
        {
            throw new IllegalArgumentException("a string of length " + stringLength + " at offset " + at +
                " (at most " + ControlProtocol.MAX_STRING_LENGTH + ")");
        }
        require(at + Integer.BYTES, stringLength);
        final byte[] bytes = new byte[stringLength];
        buffer.getBytes(offset + at + Integer.BYTES, bytes, 0, stringLength);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Where a string field ends, once read.
     *
     * @param at the string's offset in the message.
     * @return the offset after it.
     * @throws IllegalArgumentException if its length is negative, over the limit, or its
     * length field runs past the message.
     */
    public int afterString(final int at)
    {
        final int stringLength = getInt(at);
        if (stringLength < 0 || stringLength > ControlProtocol.MAX_STRING_LENGTH)
        {
            throw new IllegalArgumentException("a string of length " + stringLength + " at offset " + at +
                " (at most " + ControlProtocol.MAX_STRING_LENGTH + ")");
        }
        return at + Integer.BYTES + stringLength;
    }

    /** {@return the message's length} */
    public int length()
    {
        return length;
    }

    private void require(final int at, final int bytes)
    {
        if (at < 0 || bytes < 0 || (long)at + bytes > length)
        {
            throw new IllegalArgumentException("a control message of " + length +
                " bytes is too short for a field of " + bytes + " bytes at offset " + at);
        }
    }
}
