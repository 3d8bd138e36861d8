package io.nanostream.driver.auth;

/**
 * One generation of a key, ready for HMAC-SHA256: the key's block XORed with the inner and the outer pad, worked out
 * once when the file is read. Immutable.
 */
final class HmacKey
{
    static final int BLOCK = 64;
    private final int generation;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];

    /**
     * @param generation its generation, 1 to 255.
     * @param key        its bytes, at most a block (64).
     */
    HmacKey(final int generation, final byte[] key)
    {
        this.generation = generation;
        for (int i = 0; i < BLOCK; i++)
        {
            final byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte)(k ^ 0x36);
            outerPad[i] = (byte)(k ^ 0x5C);
        }
    }

    int generation()
    {
        return generation;
    }

    byte[] innerPad()
    {
        return innerPad;
    }

    byte[] outerPad()
    {
        return outerPad;
    }
}
