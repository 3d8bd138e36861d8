package io.nanostream.buffer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import static io.nanostream.buffer.ErrorLogDescriptor.FIRST_OBSERVATION_TIMESTAMP_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.HEADER_LENGTH;
import static io.nanostream.buffer.ErrorLogDescriptor.LAST_OBSERVATION_TIMESTAMP_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.LENGTH_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.OBSERVATION_COUNT_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.TEXT_OFFSET;

/**
 * Records each distinct error once in shared memory, counting its repeats and stamping its first and
 * last observation, so that a storm of the same failure costs one record. Read by {@link ErrorLogReader}.
 *
 * <p>A new record's length is released last, so a reader never sees half a record; the record layout is
 * drawn in {@link ErrorLogDescriptor}.
 */
public final class DistinctErrorLog
{
    /**
     * The most text one record keeps: enough for a message and the top of a stack; a longer one is
     * cut, so no error fills the log.
     */
    public static final int MAX_TEXT_LENGTH = 4096;

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
            buffer.getAndAddInt(existing + OBSERVATION_COUNT_OFFSET,
                1); // volatile read-modify-write: no repeat is lost
            buffer.putLongRelease(existing + LAST_OBSERVATION_TIMESTAMP_OFFSET,
            now); // release: the newest observation time, orders nothing else
            return true;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final int length = HEADER_LENGTH + bytes.length;
        final int aligned = ErrorLogDescriptor.align(length);
        if (nextOffset + aligned > buffer.capacity())
        {
            return false;
        }
        final int offset = nextOffset;
        buffer.putLong(offset + LAST_OBSERVATION_TIMESTAMP_OFFSET, now);
        buffer.putLong(offset + FIRST_OBSERVATION_TIMESTAMP_OFFSET, now);
        buffer.putBytes(offset + TEXT_OFFSET, bytes, 0, bytes.length);
        buffer.putIntRelease(offset + OBSERVATION_COUNT_OFFSET,
            1); // release: timestamps and text are visible before the count
        buffer.putIntRelease(offset + LENGTH_OFFSET, length); // release: the whole record is visible before its length
        offsets.put(text, offset);
        nextOffset += aligned;
        return true;
    }

    private static String encode(final Throwable error)
    {
        final StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        final String text = out.toString();
        return text.length() <= MAX_TEXT_LENGTH ? text : text.substring(0, MAX_TEXT_LENGTH - 16) + "... (cut short)";
    }
}
