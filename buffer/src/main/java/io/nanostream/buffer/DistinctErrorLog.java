package io.nanostream.buffer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Records each distinct error once in shared memory, counting its repeats and stamping its first and
 * last observation, so that a storm of the same failure costs one record. Read by {@link ErrorLogReader}.
 *
 * <p>A record is {@code [length int][count int][last millis long][first millis long][UTF-8 text]},
 * 8-byte aligned; the length is released last.
 */
public final class DistinctErrorLog
{
    static final int LENGTH_OFFSET = 0;
    static final int COUNT_OFFSET = 4;
    static final int LAST_OFFSET = 8;
    static final int FIRST_OFFSET = 16;
    static final int TEXT_OFFSET = 24;

    private final AtomicBuffer buffer;
    private final LongSupplier clock;
    private final Map<String, Integer> offsets = new HashMap<>();
    private int nextOffset;

    /**
     * Views a buffer as an error log.
     *
     * @param buffer the log's memory, zeroed when new.
     * @param clock  epoch milliseconds.
     */
    public DistinctErrorLog(final AtomicBuffer buffer, final LongSupplier clock)
    {
        this.buffer = buffer;
        this.clock = clock;
    }

    /**
     * Records an error, or counts another observation of one recorded before.
     *
     * @param error the error.
     * @return false if it is new and the log is full.
     */
    public synchronized boolean record(final Throwable error)
    {
        final long now = clock.getAsLong();
        final String text = encode(error);
        final Integer existing = offsets.get(text);
        if (existing != null)
        {
            buffer.getAndAddInt(existing + COUNT_OFFSET, 1);
            buffer.putLongRelease(existing + LAST_OFFSET, now); // release: the newest observation time, orders nothing else
            return true;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final int length = TEXT_OFFSET + bytes.length;
        final int aligned = (length + 7) & ~7;
        if (nextOffset + aligned > buffer.capacity())
        {
            return false;
        }
        final int offset = nextOffset;
        buffer.putLong(offset + LAST_OFFSET, now);
        buffer.putLong(offset + FIRST_OFFSET, now);
        buffer.putBytes(offset + TEXT_OFFSET, bytes, 0, bytes.length);
        buffer.putIntRelease(offset + COUNT_OFFSET, 1);
        buffer.putIntRelease(offset + LENGTH_OFFSET, length); // release: the whole record is visible before its length
        offsets.put(text, offset);
        nextOffset += aligned;
        return true;
    }

    private static String encode(final Throwable error)
    {
        final StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
