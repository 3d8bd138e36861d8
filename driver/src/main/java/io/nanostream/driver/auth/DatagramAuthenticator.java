package io.nanostream.driver.auth;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.concurrent.Clock;
import io.nanostream.driver.wire.AuthHeader;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Signs and checks the datagrams of one {@code auth=} socket: a signed datagram is an {@link AuthHeader} (key
 * generation, the sender's time, and an HMAC-SHA256 of both and of every byte after it) in front of the frames. A check
 * refuses, before anything else reads the datagram, one that is unsigned, signed by a key generation the ring does not
 * hold, whose MAC does not match (forged or damaged), or whose time is further than the replay window from this host's
 * clock (an old capture sent again). Captured datagrams replayed within the window carry positions the image has
 * passed, or repeat bytes it holds: data beyond its window is dropped there. Allocates nothing per datagram. Owned by
 * one thread: the sender's or the receiver's.
 */
public final class DatagramAuthenticator
{
    /** {@link #verify}: the datagram carries no auth header. */
    public static final int UNSIGNED = -1;
    /**
     * {@link #verify}: its key generation is not in the key file; {@link #sign}: the key has no signing generation now.
     */
    public static final int UNKNOWN_KEY = -2;
    /** {@link #verify}: its MAC does not match. */
    public static final int BAD_MAC = -3;
    /** {@link #verify}: its time is outside the replay window. */
    public static final int STALE = -4;

    private static final int CAPACITY = 64 * 1024 + AuthHeader.LENGTH;

    private final String keyName;
    private final KeyRing ring;
    private final Clock clock;
    private final Hmac hmac = new Hmac();
    private final byte[] work = new byte[CAPACITY];
    private final ByteBuffer workView = ByteBuffer.wrap(work).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] expected = new byte[AuthHeader.MAC_LENGTH];
    private final ByteBuffer signedBytes = ByteBuffer.allocateDirect(CAPACITY);
    private final AtomicBuffer signed = AtomicBuffer.wrap(MemorySegment.ofBuffer(signedBytes));
    private final AtomicBuffer verified = AtomicBuffer.wrap(MemorySegment.ofBuffer(ByteBuffer.allocateDirect(CAPACITY)));
    private AuthKeys keys;
    private AuthKeys.KeySet keySet;

    /**
     * @param keyName the channel's key name.
     * @param ring    the driver's keys.
     * @param clock   the time put in signed datagrams and checked against received ones.
     */
    public DatagramAuthenticator(final String keyName, final KeyRing ring, final Clock clock)
    {
        this.keyName = keyName;
        this.ring = ring;
        this.clock = clock;
    }

    /**
     * The authenticator a channel's socket needs, if the channel names a key.
     *
     * @param ring    the driver's keys, or null if it has no key file.
     * @param channel the channel, for messages.
     * @param keyName its {@code auth=} key name, or null.
     * @param clock   the time source.
     * @return a new authenticator, or null if the channel names no key.
     * @throws IllegalArgumentException if it names a key the driver does not hold.
     */
    public static DatagramAuthenticator of(final KeyRing ring, final String channel, final String keyName,
        final Clock clock)
    {
        if (keyName == null)
        {
            return null;
        }
        KeyRing.require(ring, channel, keyName);
        return new DatagramAuthenticator(keyName, ring, clock);
    }

    /** {@return the key name} */
    public String keyName()
    {
        return keyName;
    }

    /**
     * Signs a datagram into {@link #signed()}.
     *
     * @param datagram where its frames are.
     * @param offset   where they start.
     * @param length   their length.
     * @return the signed datagram's length, or {@link #UNKNOWN_KEY} if the key has no signing generation now.
     */
    public int sign(final AtomicBuffer datagram, final int offset, final int length)
    {
        final HmacKey key = keys().signing();
        if (key == null)
        {
            return UNKNOWN_KEY;
        }
        datagram.getBytes(offset, work, AuthHeader.LENGTH, length);
        workView.putInt(0, AuthHeader.LENGTH);
        work[4] = (byte)AuthHeader.VERSION;
        work[AuthHeader.KEY_GENERATION_OFFSET] = (byte)key.generation();
        workView.putShort(6, (short)AuthHeader.TYPE);
        workView.putLong(AuthHeader.TIMESTAMP_OFFSET, clock.epochMillis());
        hmac.mac(key, work, 0, AuthHeader.MAC_OFFSET, work, AuthHeader.LENGTH, length, work, AuthHeader.MAC_OFFSET,
            AuthHeader.MAC_LENGTH);
        signed.putBytes(0, work, 0, AuthHeader.LENGTH + length);
        return AuthHeader.LENGTH + length;
    }

    /** {@return the last signed datagram, from offset 0} */
    public AtomicBuffer signed()
    {
        return signed;
    }

    /**
     * The last signed datagram as a byte buffer for a channel.
     *
     * @param length its length, as {@link #sign} returned.
     * @return the buffer, from 0 to the length.
     */
    public ByteBuffer signedBytes(final int length)
    {
        return signedBytes.clear().limit(length);
    }

    /**
     * Checks a datagram and, if it is sound, puts its frames at offset 0 of {@link #verified()}.
     *
     * @param datagram the datagram, from offset 0.
     * @param length   its length.
     * @return the frames' length, or {@link #UNSIGNED}, {@link #UNKNOWN_KEY}, {@link #BAD_MAC} or {@link #STALE}.
     */
    public int verify(final AtomicBuffer datagram, final int length)
    {
        if (!AuthHeader.isSigned(datagram, length))
        {
            return UNSIGNED;
        }
        final HmacKey key = keys().accepting()[datagram.getByte(AuthHeader.KEY_GENERATION_OFFSET) & 0xFF];
        if (key == null)
        {
            return UNKNOWN_KEY;
        }
        datagram.getBytes(0, work, 0, length);
        hmac.mac(key, work, 0, AuthHeader.MAC_OFFSET, work, AuthHeader.LENGTH, length - AuthHeader.LENGTH, expected, 0,
            AuthHeader.MAC_LENGTH);
        int difference = 0;
        for (int i = 0; i < AuthHeader.MAC_LENGTH; i++)
        {
            difference |= expected[i] ^ work[AuthHeader.MAC_OFFSET + i]; // every byte, whatever differs: no timing hint
        }
        if (difference != 0)
        {
            return BAD_MAC;
        }
        if (Math.abs(clock.epochMillis() - workView.getLong(AuthHeader.TIMESTAMP_OFFSET)) > ring.replayWindowMillis())
        {
            return STALE;
        }
        verified.putBytes(0, work, AuthHeader.LENGTH, length - AuthHeader.LENGTH);
        return length - AuthHeader.LENGTH;
    }

    /** {@return the frames of the last datagram {@link #verify} accepted, from offset 0} */
    public AtomicBuffer verified()
    {
        return verified;
    }

    /**
     * Why {@link #verify} or {@link #sign} refused, for an error message.
     *
     * @param code what it returned.
     * @return the reason and the fix.
     */
    public String reason(final int code)
    {
        return switch (code)
        {
            case UNSIGNED -> "a datagram without a signature arrived on an auth=" + keyName +
                " channel: the peer's channel lacks auth=" + keyName + " (an Aeron peer cannot sign), or it was forged";
            case UNKNOWN_KEY -> "key " + keyName +
                " has no generation here that the datagram names or that may sign; " + "check both hosts' key files (" +
                ring.file() + ")";
            case BAD_MAC -> "a datagram's MAC does not match under key " + keyName +
                ": forged, damaged, or signed with another key of " + "the same name and generation";
            case STALE -> "a signed datagram's time is more than " + ring.replayWindowMillis() +
                " ms from this host's clock: a " +
                "captured datagram sent again, or clocks apart (nanostream.udp.auth.replay.window.ms)";
            default -> "code " + code;
        };
    }

    private AuthKeys.KeySet keys()
    {
        final AuthKeys now = ring.keys(); // volatile: a reloaded file takes effect here
        if (now != keys)
        {
            keys = now;
            keySet = now.keySet(keyName);
            if (keySet == null)
            {
                keySet = new AuthKeys.KeySet(null,
                    new HmacKey[256]); // the name left the file: refuse everything until it is back
            }
        }
        return keySet;
    }
}
