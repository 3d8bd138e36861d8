package io.nanostream.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A file mapped into memory once, read-write, through {@code FileChannel.map(..., Arena)}: no Unsafe,
 * no JVM flags. New files are readable and writable by their owner only. Closing unmaps the file (a
 * handshake with every thread: do it at shutdown, never on a hot path).
 */
public final class MappedFile implements AutoCloseable
{
    /** Zeros written per write call when a file is allocated up front. */
    private static final int ZERO_CHUNK = 1024 * 1024;
    /** How many bytes of allocation pass between calls to the progress callback. */
    static final long PROGRESS_BYTES = 8L * 1024 * 1024;

    private final Path path;
    private final Arena arena;
    private final AtomicBuffer buffer;

    private MappedFile(final Path path, final Arena arena, final MemorySegment segment)
    {
        this.path = path;
        this.arena = arena;
        this.buffer = AtomicBuffer.wrap(segment);
    }

    /**
     * Creates a new file of the given length, zero-filled, owner-only, and maps it.
     *
     * @param path   the file; must not exist.
     * @param length its length in bytes.
     * @return the mapping.
     * @throws UncheckedIOException if the file exists or cannot be created.
     */
    public static MappedFile create(final Path path, final long length)
    {
        if (length <= 0)
        {
            throw new IllegalArgumentException("file length must be positive, was " + length + " for " + path);
        }
        try
        {
            final Path parent = path.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
                checkSpace(path, parent, length);
            }
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new UncheckedIOException("cannot create " + path +
                ": it exists already; remove it or use another name", ex);
        }
        catch (final UnsupportedOperationException ex)
        {
            return createPortable(path, length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + path + ": " + ex.getMessage(), ex);
        }
        return map(path, length, true);
    }

    private static MappedFile createPortable(final Path path, final long length)
    {
        try
        {
            Files.createFile(path);
            return map(path, length, true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + path + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Creates a new file like {@link #create(Path, long)}, and allocates all of it now by writing zeros through
     * the file system, so that later writers never stop on a page fault, and a full file system is an error
     * here (and the file is removed) rather than a bus error in whichever process touches the page first.
     *
     * @param path   the file; must not exist.
     * @param length its length in bytes.
     * @return the mapping.
     * @throws UncheckedIOException if there is no room, naming what is needed and what is free.
     */
    public static MappedFile createPreallocated(final Path path, final long length)
    {
        return createPreallocated(path, length, () -> { });
    }

    /**
     * Allocates like {@link #createPreallocated(Path, long)}, calling back every 8 MiB so that a caller with a
     * heartbeat to keep (the driver's conductor) can keep it while a large file is written.
     *
     * @param path     the file; must not exist.
     * @param length   its length in bytes.
     * @param progress called every 8 MiB written.
     * @return the mapping.
     * @throws UncheckedIOException if there is no room, naming what is needed and what is free.
     */
    public static MappedFile createPreallocated(final Path path, final long length, final Runnable progress)
    {
        create(path, length).close(); // the checks, the owner-only file of the full length, sparse so far
        try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.WRITE)))
        {
            final java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocateDirect(ZERO_CHUNK);
            long written = 0;
            long nextProgress = PROGRESS_BYTES;
            while (written < length)
            {
                zeros.clear().limit((int)Math.min(ZERO_CHUNK, length - written));
                written += channel.write(zeros, written);
                if (written >= nextProgress)
                {
                    progress.run();
                    nextProgress += PROGRESS_BYTES;
                }
            }
        }
        catch (final IOException ex)
        {
            deleteQuietly(path);
            throw new UncheckedIOException("cannot allocate " + length + " bytes for " + path + ": " + ex.getMessage() +
                freeSpace(path) + "; the file was removed", ex);
        }
        return map(path, length, false);
    }

    /**
     * Creates a new file of the given length without writing it (file systems such as hugetlbfs have no
     * {@code write}), maps it, and touches every page through the mapping, so that all of it is allocated now
     * and later writers never stop on a page fault. A file system out of room (e.g. too few huge pages) is an
     * error here, and the file is removed.
     *
     * @param path       the file; must not exist.
     * @param length     its length in bytes; on hugetlbfs a multiple of the huge page size.
     * @param pageSize   the distance between touched bytes: the file system's page size.
     * @param beforeTouch given the mapping before any page is touched (e.g. to advise
     * huge pages); may throw to give up.
     * @param progress   called every 8 MiB touched.
     * @return the mapping.
     * @throws UncheckedIOException if the file cannot be made or mapped, naming what is free.
     */
    public static MappedFile createTouched(
        final Path path, final long length, final int pageSize,
        final java.util.function.Consumer<MemorySegment> beforeTouch, final Runnable progress)
    {
        if (length <= 0 || pageSize <= 0)
        {
            throw new IllegalArgumentException("file length and page size must be positive, were " + length + " and " +
                pageSize);
        }
        final MappedFile mapping;
        try
        {
            final Path parent = path.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(path.toFile(), "rw"))
            {
                file.setLength(length); // ftruncate: no write() needed
            }
            mapping = map(path, length, false);
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new UncheckedIOException("cannot create " + path +
                ": it exists already; remove it or use another name", ex);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            deleteQuietly(path);
            throw new UncheckedIOException("cannot allocate " + length + " bytes for " + path + ": " + ex.getMessage() +
                freeSpace(path) + "; the file was removed (on hugetlbfs: raise /proc/sys/vm/nr_hugepages)",
                ex instanceof IOException io ? io : ((UncheckedIOException)ex).getCause());
        }
        final MemorySegment segment = mapping.buffer().segment();
        try
        {
            beforeTouch.accept(segment);
        }
        catch (final RuntimeException ex)
        {
            mapping.close();
            deleteQuietly(path);
            throw ex;
        }
        long nextProgress = PROGRESS_BYTES;
        for (long offset = 0; offset < length; offset += pageSize)
        {
            segment.set(java.lang.foreign.ValueLayout.JAVA_BYTE, offset, (byte)0);
            if (offset >= nextProgress)
            {
                progress.run();
                nextProgress += PROGRESS_BYTES;
            }
        }
        return mapping;
    }

    private static void checkSpace(final Path path, final Path parent, final long length) throws IOException
    {
        final long usable = Files.getFileStore(parent).getUsableSpace();
        if (usable < length)
        {
            throw new IOException("it needs " + length + " bytes and " + parent + " has " + usable +
                " free; free some space, " +
                "ask for a smaller term-length, or use a directory on a larger file system");
        }
    }

    private static String freeSpace(final Path path)
    {
        try
        {
            return " (" + Files.getFileStore(path.toAbsolutePath().getParent()).getUsableSpace() + " bytes free)";
        }
        catch (final IOException | RuntimeException ex)
        {
            return "";
        }
    }

    private static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignore)
        {
            // the caller reports the first failure, which matters more
        }
    }

    /**
     * Maps an existing file, all of it.
     *
     * @param path the file.
     * @return the mapping.
     * @throws UncheckedIOException if the file is missing or cannot be mapped.
     */
    public static MappedFile open(final Path path)
    {
        try
        {
            return map(path, Files.size(path), false);
        }
        catch (final NoSuchFileException ex)
        {
            throw new UncheckedIOException("cannot open " + path + ": no such file", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open " + path + ": " + ex.getMessage(), ex);
        }
    }

    private static MappedFile map(final Path path, final long length, final boolean extend)
    {
        final Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE)))
        {
            if (extend && channel.size() < length)
            {
                channel.truncate(length);
                channel.write(java.nio.ByteBuffer.wrap(new byte[1]), length - 1);
            }
            if (channel.size() == 0)
            {
                throw new IOException("the file is empty");
            }
            final MemorySegment segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, length, arena);
            return new MappedFile(path, arena, segment);
        }
        catch (final IOException ex)
        {
            arena.close();
            throw new UncheckedIOException("cannot map " + path + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The mapped memory.
     *
     * @return a buffer over the whole file.
     */
    public AtomicBuffer buffer()
    {
        return buffer;
    }

    /**
     * The file.
     *
     * @return its path.
     */
    public Path path()
    {
        return path;
    }

    /** Unmaps the file; the buffer must not be used afterwards. */
    @Override
    public void close()
    {
        arena.close();
    }

    @Override
    public String toString()
    {
        return "MappedFile{" + path + ", " + buffer.capacity() + " bytes}";
    }
}
