package io.nanostream.buffer;

import java.nio.charset.StandardCharsets;

/** Reads the records of a {@link DistinctErrorLog}, from another thread or process. */
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
        while (offset + DistinctErrorLog.TEXT_OFFSET <= buffer.capacity())
        {
            final int length = buffer.getIntAcquire(offset + DistinctErrorLog.LENGTH_OFFSET); // acquire: the record is complete
            if (length <= 0)
            {
                break;
            }
            final byte[] text = new byte[length - DistinctErrorLog.TEXT_OFFSET];
            buffer.getBytes(offset + DistinctErrorLog.TEXT_OFFSET, text, 0, text.length);
            consumer.accept(buffer.getIntVolatile(offset + DistinctErrorLog.COUNT_OFFSET),
                buffer.getLong(offset + DistinctErrorLog.FIRST_OFFSET),
                buffer.getLongVolatile(offset + DistinctErrorLog.LAST_OFFSET),
                new String(text, StandardCharsets.UTF_8));
            errors++;
            offset += (length + 7) & ~7;
        }
        return errors;
    }
}
