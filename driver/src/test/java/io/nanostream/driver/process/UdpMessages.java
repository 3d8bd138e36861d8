package io.nanostream.driver.process;

/** The numbered UDP test messages: the number in the first 8 bytes, then a pattern derived from it. */
public final class UdpMessages
{
    private UdpMessages()
    {
    }

    /**
     * The length of message {@code i}: mostly small, every 7th larger than the MTU, so fragmented.
     *
     * @param i         the message number.
     * @param maxLength the longest message.
     * @return bytes, at least 8.
     */
    public static int length(final long i, final int maxLength)
    {
        return i % 7 == 3 ? Math.min(maxLength, 3000 + (int)(i % 1000)) : 8 + (int)(i % 200);
    }

    /**
     * The byte at an index of message {@code i}.
     *
     * @param i     the message number.
     * @param index the index, 8 or more.
     * @return the byte.
     */
    public static byte pattern(final long i, final int index)
    {
        return (byte)(i * 31 + index);
    }
}
