package io.nanostream.driver.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) over two byte ranges, from a {@link MessageDigest} so that nothing is allocated per message
 * ({@code javax.crypto.Mac} returns a new array from each {@code doFinal}). Owned by one thread.
 */
final class Hmac
{
    static final int LENGTH = 32;
    private final MessageDigest sha256;
    private final byte[] inner = new byte[LENGTH];
    private final byte[] outer = new byte[LENGTH];

    Hmac()
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }

    /**
     * Writes the MAC of {@code first} then {@code second}, cut to {@code outLength} bytes.
     *
     * @return {@code out}.
     */
    byte[] mac(
        final HmacKey key, final byte[] first, final int firstOffset, final int firstLength, final byte[] second,
        final int secondOffset, final int secondLength, final byte[] out, final int outOffset, final int outLength)
    {
        try
        {
            sha256.update(key.innerPad());
            sha256.update(first, firstOffset, firstLength);
            sha256.update(second, secondOffset, secondLength);
            sha256.digest(inner, 0, LENGTH);
            sha256.update(key.outerPad());
            sha256.update(inner);
            sha256.digest(outer, 0, LENGTH);
        }
        catch (final java.security.DigestException ex)
        {
            throw new IllegalStateException("a 32-byte array holds a SHA-256 digest", ex);
        }
        System.arraycopy(outer, 0, out, outOffset, outLength);
        return out;
    }
}
