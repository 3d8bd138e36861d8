package io.nanostream.driver.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The driver's key file, read at start and again whenever it changes, so that keys rotate while streams run: add the
 * new generation as {@code accept-only} on every host, then make it the signing one, then remove the old. Senders and
 * receivers read the current {@link AuthKeys} on every datagram (one volatile read); a file that no longer reads keeps
 * the keys it had, and the error is reported. The conductor owns the reloading; any thread reads.
 */
public final class KeyRing
{
    private static final System.Logger LOGGER = System.getLogger(KeyRing.class.getName());
    private final Path file;
    private final long replayWindowMillis;
    private volatile AuthKeys keys;
    private FileTime modified;
    private long size;
    private int reloads;

    private KeyRing(final Path file, final long replayWindowMillis, final AuthKeys keys, final FileTime modified,
        final long size)
    {
        this.file = file;
        this.replayWindowMillis = replayWindowMillis;
        this.keys = keys;
        this.modified = modified;
        this.size = size;
    }

    /**
     * Reads the key file.
     *
     * @param file               the file.
     * @param replayWindowMillis how far a datagram's timestamp may be from the receiver's clock.
     * @return the ring.
     * @throws IllegalArgumentException naming the file, and the line at fault.
     */
    public static KeyRing load(final Path file, final long replayWindowMillis)
    {
        try
        {
            final FileTime modified = Files.getLastModifiedTime(file);
            final long size = Files.size(file);
            final KeyRing ring = new KeyRing(file, replayWindowMillis, AuthKeys.read(file), modified, size);
            warnIfOthersCanRead(file);
            return ring;
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read the key file " + file + " (nanostream.udp.auth.keys): " +
                ex, ex);
        }
    }

    private static void warnIfOthersCanRead(final Path file) throws IOException
    {
        try
        {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) ||
                permissions.contains(PosixFilePermission.OTHERS_READ))
            {
                LOGGER.log(System.Logger.Level.WARNING, "the key file " + file + " can be read by other users (" +
                    PosixFilePermissions.toString(permissions) +
                    "); anyone who reads it can sign datagrams: chmod 600 " + file);
            }
        }
        catch (final UnsupportedOperationException ex)
        {
            // not a POSIX file system: nothing to say
        }
    }

    /** {@return the keys now} */
    public AuthKeys keys()
    {
        return keys;
    }

    /** {@return the file} */
    public Path file()
    {
        return file;
    }

    /** {@return how far a datagram's timestamp may be from the receiver's clock, in milliseconds} */
    public long replayWindowMillis()
    {
        return replayWindowMillis;
    }

    /** {@return how many times the file was read again after it changed} */
    public int reloads()
    {
        return reloads;
    }

    /**
     * Reads the file again if it changed since the last reading (conductor thread, about once a second).
     *
     * @param errors where a file that no longer reads is reported; the keys stay as they were.
     * @return true if new keys took effect.
     */
    public boolean reloadIfChanged(final Consumer<Throwable> errors)
    {
        try
        {
            final FileTime nowModified = Files.getLastModifiedTime(file);
            final long nowSize = Files.size(file);
            if (nowModified.equals(modified) && nowSize == size)
            {
                return false;
            }
            modified = nowModified;
            size = nowSize;
            keys = AuthKeys.read(file); // volatile: senders and receivers see whole new keys at their next datagram
            reloads++;
            return true;
        }
        catch (final IOException | RuntimeException ex)
        {
            errors.accept(new IllegalStateException("the key file " + file +
                " changed but cannot be read; the keys read before stay " + "in use: " + ex.getMessage(), ex));
            return false;
        }
    }

    /**
     * Checks that a channel's key is here (conductor thread, when a publication or
     * subscription asks for {@code auth=}).
     *
     * @param ring    the ring, or null if the driver has no key file.
     * @param channel the channel, for the message.
     * @param name    the key name.
     * @throws IllegalArgumentException saying what to add, and where.
     */
    public static void require(final KeyRing ring, final String channel, final String name)
    {
        if (ring == null)
        {
            throw new IllegalArgumentException("channel " + channel + " asks for auth=" + name + " but the driver has no key file; " +
                "start it with nanostream.udp.auth.keys=/path/to/keys, a file of lines 'name generation hex-key', e.g. '" + name +
                " 1 <output of openssl rand -hex 32>'");
        }
        if (!ring.keys().has(name))
        {
            throw new IllegalArgumentException("channel " + channel + " asks for auth=" + name + " but the key file " +
                ring.file() + " has no key of that name (it has " + ring.keys().names() + "); add a line '" + name +
                " 1 <64 hex digits>'");
        }
    }
}
