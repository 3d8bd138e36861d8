package io.nanostream.driver.process;

import io.nanostream.buffer.AtomicBuffer;

/** The test message: publisher id, number, length, and a checksum in every 8 bytes so that tearing shows. */
public final class Messages
{
    private Messages()
    {
    }

    /**
     * The length of a publisher's n-th message.
     *
     * @param number   the message number.
     * @param maxLarge the length of the occasional large one (fragmented), or 0 for none.
     * @return bytes, a multiple of 8, at least 24.
     */
    public static int length(final long number, final int maxLarge)
    {
        if (maxLarge > 0 && number % 97 == 0)
        {
            return maxLarge;
        }
        return 24 + (int)(number % 9) * 8;
    }

    /**
     * Writes a message.
     *
     * @param buffer    where.
     * @param publisher the publisher's id.
     * @param number    the message number.
     * @param length    its length.
     */
    public static void write(final AtomicBuffer buffer, final int publisher, final long number, final int length)
    {
        buffer.putInt(0, publisher);
        buffer.putInt(4, length);
        buffer.putLong(8, number);
        for (int offset = 16; offset < length; offset += 8)
        {
            buffer.putLong(offset, mix(publisher, number, offset));
        }
    }

    /**
     * Checks a message and returns its publisher and number, or throws.
     *
     * @param buffer where it is.
     * @param offset its offset.
     * @param length its length.
     * @return {@code publisher << 48 | number}.
     */
    public static long check(final AtomicBuffer buffer, final int offset, final int length)
    {
        final int publisher = buffer.getInt(offset);
        final int written = buffer.getInt(offset + 4);
        final long number = buffer.getLong(offset + 8);
        if (written != length)
        {
            throw new IllegalStateException("publisher " + publisher + " message " + number + " has length " + length +
                ", wrote " + written);
        }
        for (int i = 16; i < length; i += 8)
        {
            if (buffer.getLong(offset + i) != mix(publisher, number, i))
            {
                throw new IllegalStateException("publisher " + publisher + " message " + number + " torn at byte " + i);
            }
        }
        return ((long)publisher << 48) | number;
    }

    private static long mix(final int publisher, final long number, final int offset)
    {
        long h = publisher * 0x9E3779B97F4A7C15L + number * 31 + offset;
        h ^= h >>> 31;
        return h * 0xBF58476D1CE4E5B9L;
    }
}
