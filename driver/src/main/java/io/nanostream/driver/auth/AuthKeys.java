package io.nanostream.driver.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The keys of one reading of the driver's key file, by name. Each line names a key, its generation (1 to 255) and its
 * bytes in hex (16 to 64 bytes), and may end with {@code accept-only}:
 *
 * <pre>
 * # name  generation  key (hex)                                                         [accept-only]
 * ops     1           9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * ops     2           60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752  accept-only
 * </pre>
 *
 * A sender signs with the highest generation of its key that is not {@code accept-only}; a receiver accepts every
 * generation listed. Immutable.
 */
public final class AuthKeys
{
    /** What a key name may be: letters, digits, '.', '_' or '-', up to 64. */
    public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Keys of no file: every {@code auth=} channel is refused. */
    public static final AuthKeys NONE = new AuthKeys(Map.of());

    private final Map<String, KeySet> byName;

    /**
     * The generations of one key name.
     *
     * @param signing   the generation that signs, or null if every one is accept-only.
     * @param accepting every generation, indexed by its number (null where there is none).
     */
    record KeySet(HmacKey signing, HmacKey[] accepting)
    {
    }

    private AuthKeys(final Map<String, KeySet> byName)
    {
        this.byName = byName;
    }

    /**
     * Reads a key file.
     *
     * @param file the file.
     * @return its keys.
     * @throws IllegalArgumentException naming the file, the line and what is wrong with it.
     */
    public static AuthKeys read(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read the key file " + file + " (nanostream.udp.auth.keys): " +
                ex.getMessage(), ex);
        }
        final Map<String, HmacKey[]> generations = new HashMap<>();
        final Map<String, HmacKey> signing = new HashMap<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String[] fields = line.split("\\s+");
            final String where = file + " line " + (i + 1);
            if (fields.length < 3 || fields.length > 4 || (fields.length == 4 && !fields[3].equals("accept-only")))
            {
                throw new IllegalArgumentException(where +
                    " is not 'name generation hex-key [accept-only]', e.g. 'ops 1 " +
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'");
            }
            if (!NAME.matcher(fields[0]).matches())
            {
                throw new IllegalArgumentException(where + ": key name '" + fields[0] +
                    "' must be letters, digits, '.', '_' or '-', up to 64");
            }
            final int generation = generation(where, fields[1]);
            final byte[] key = key(where, fields[2]);
            final HmacKey[] ofName = generations.computeIfAbsent(fields[0], name -> new HmacKey[256]);
            if (ofName[generation] != null)
            {
                throw new IllegalArgumentException(where + ": key " + fields[0] + " generation " + generation +
                    " is listed twice");
            }
            ofName[generation] = new HmacKey(generation, key);
            final HmacKey current = signing.get(fields[0]);
            if (fields.length == 3 && (current == null || current.generation() < generation))
            {
                signing.put(fields[0], ofName[generation]);
            }
        }
        final Map<String, KeySet> byName = new HashMap<>();
        generations.forEach((name, keys) -> byName.put(name, new KeySet(signing.get(name), keys)));
        return new AuthKeys(Map.copyOf(byName));
    }

    private static int generation(final String where, final String text)
    {
        try
        {
            final int generation = Integer.parseInt(text);
            if (generation >= 1 && generation <= 255)
            {
                return generation;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw new IllegalArgumentException(where + ": generation '" + text + "' must be a number from 1 to 255");
    }

    private static byte[] key(final String where, final String text)
    {
        final byte[] key;
        try
        {
            key = HexFormat.of().parseHex(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(where +
                ": the key is not hex digits; e.g. `openssl rand -hex 32` makes one", ex);
        }
        if (key.length < 16 || key.length > 64)
        {
            throw new IllegalArgumentException(where + ": the key has " + key.length +
                " bytes; use 16 to 64 (32 recommended: " + "`openssl rand -hex 32`)");
        }
        return key;
    }

    /**
     * Whether a key name is in the file.
     *
     * @param name the name.
     * @return true if listed.
     */
    public boolean has(final String name)
    {
        return byName.containsKey(name);
    }

    /** {@return the key names, for messages} */
    public java.util.Set<String> names()
    {
        return byName.keySet();
    }

    KeySet keySet(final String name)
    {
        return byName.get(name);
    }
}
