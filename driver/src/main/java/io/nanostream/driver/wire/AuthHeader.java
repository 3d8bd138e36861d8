package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;

/**
 * The header that opens every datagram of an {@code auth=} channel, both ways, in front of the frames it signs
 * (Nano-Stream only, not Aeron's protocol). Its version byte is not Aeron's, so an Aeron peer drops the datagram as
 * invalid rather than reading the frames behind it. The MAC is HMAC-SHA256, cut to its first 16 bytes, keyed by the
 * named key's generation, over bytes 0 to 15 of this header and then every byte after it. Little-endian, in byte order:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                       Frame Length (32)                       |   0
 *  +---------------+---------------+-------------------------------+
 *  | Version (0x4E)| Key generation|          Type (0x4E41)        |   4
 *  +---------------+---------------+-------------------------------+
 *  |                 Timestamp, sender's epoch ms                  |   8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |             MAC: HMAC-SHA256, its first 16 bytes              |  16
 *  |                                                               |
 *  |                                                               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  the frames it signs ...                      |  32
 * </pre>
 */
public final class AuthHeader
{
    /** The header's length; the frames start here. */
    public static final int LENGTH = 32;
    /** Its version byte: not Aeron's 0, so Aeron peers drop signed datagrams. */
    public static final int VERSION = 0x4E;
    /** Its frame type. */
    public static final int TYPE = 0x4E41;
    /** Offset of the key generation (byte, 1 to 255). */
    public static final int KEY_GENERATION_OFFSET = 5;
    /** Offset of the timestamp (long, epoch milliseconds). */
    public static final int TIMESTAMP_OFFSET = 8;
    /** Offset of the MAC. */
    public static final int MAC_OFFSET = 16;
    /** The MAC's length. */
    public static final int MAC_LENGTH = 16;

    private AuthHeader()
    {
    }

    /**
     * Whether a datagram opens with this header (whatever its MAC).
     *
     * @param buffer the datagram, from offset 0.
     * @param length its length.
     * @return true if signed.
     */
    public static boolean isSigned(final AtomicBuffer buffer, final int length)
    {
        return length >= LENGTH && buffer.getInt(WireFrame.FRAME_LENGTH_OFFSET) == LENGTH &&
            (buffer.getByte(WireFrame.VERSION_OFFSET) & 0xFF) == VERSION &&
            (buffer.getShort(WireFrame.TYPE_OFFSET) & 0xFFFF) == TYPE;
    }
}
