package io.nanostream.buffer;

import java.nio.charset.StandardCharsets;

import static io.nanostream.buffer.ErrorLogDescriptor.FIRST_OBSERVATION_TIMESTAMP_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.HEADER_LENGTH;
import static io.nanostream.buffer.ErrorLogDescriptor.LAST_OBSERVATION_TIMESTAMP_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.LENGTH_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.OBSERVATION_COUNT_OFFSET;
import static io.nanostream.buffer.ErrorLogDescriptor.TEXT_OFFSET;

/**
 * Reads the records of a {@link DistinctErrorLog}, from another thread or process (layout
 * in {@link ErrorLogDescriptor}).
 */
public final class ErrorLogReader
{
    /** Receives one distinct error. */
    @FunctionalInterface
    public interface ErrorConsumer
    {
        /**
         * Receives one error.
         *
         * @param count       how many times it was observed.
         * @param firstMillis when first, epoch milliseconds.
         * @param lastMillis  when last, epoch milliseconds.
         * @param text        the stack trace.
         */
        void accept(int count, long firstMillis, long lastMillis, String text);
    }

    private ErrorLogReader()
    {
    }

    /**
     * Reads every error recorded so far.
     *
     * @param buffer   the log's memory.
     * @param consumer receives each error.
     * @return the number of distinct errors.
     */
    public static int read(final AtomicBuffer buffer, final ErrorConsumer consumer)
    {
        int offset = 0;
        int errors = 0;
        while (offset + HEADER_LENGTH <= buffer.capacity())
        {
            final int length = buffer.getIntAcquire(offset + LENGTH_OFFSET); // acquire: the record is complete
            if (length <= 0)
            {
                break;
            }
            final byte[] text = new byte[length - HEADER_LENGTH];
            buffer.getBytes(offset + TEXT_OFFSET, text, 0, text.length);
            consumer.accept(buffer.getIntVolatile(offset + OBSERVATION_COUNT_OFFSET), // volatile: the newest count
                buffer.getLong(offset + FIRST_OBSERVATION_TIMESTAMP_OFFSET),
                buffer.getLongVolatile(offset + LAST_OBSERVATION_TIMESTAMP_OFFSET), // volatile: the newest time
                new String(text, StandardCharsets.UTF_8));
            errors++;
            offset += ErrorLogDescriptor.align(length);
        }
        return errors;
    }
}
