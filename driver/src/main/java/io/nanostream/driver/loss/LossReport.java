package io.nanostream.driver.loss;

import io.nanostream.buffer.AtomicBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The driver's loss report: one entry per image that lost data, with how often and how many bytes were
 * NAKed, when first and last, and for which session, stream, channel and source. Written by the receiver
 * thread into a file in the driver directory, read by {@code nano-stream loss} while the driver runs.
 */
public final class LossReport
{
    /** The file's name in the driver directory. */
    public static final String FILE_NAME = "loss-report.dat";
    /** The file's length: room for 8192 entries. */
    public static final int FILE_LENGTH = 1024 * 1024;
    /** Bytes per entry. */
    public static final int ENTRY_LENGTH = 128;
    private static final int OBSERVATIONS_OFFSET = 0;
    private static final int BYTES_OFFSET = 8;
    private static final int FIRST_OFFSET = 16;
    private static final int LAST_OFFSET = 24;
    private static final int SESSION_ID_OFFSET = 32;
    private static final int STREAM_ID_OFFSET = 36;
    private static final int CHANNEL_OFFSET = 40;
    private static final int SOURCE_OFFSET = 84;
    private static final int TEXT_MAX = 40;

    private final AtomicBuffer buffer;
    private int nextEntry;

    /** What a reader gets for each entry. */
    @FunctionalInterface
    public interface EntryVisitor
    {
        /**
         * One entry.
         *
         * @param observations how many gaps were seen.
         * @param bytesLost    the bytes in those gaps.
         * @param firstMillis  when the first was seen.
         * @param lastMillis   when the last was seen.
         * @param sessionId    the session.
         * @param streamId     the stream.
         * @param channel      the channel.
         * @param source       the sender's address.
         */
        void visit(long observations, long bytesLost, long firstMillis, long lastMillis, int sessionId, int streamId,
            String channel, String source);
    }

    /**
     * Views a buffer as a loss report.
     *
     * @param buffer the mapped file, zeroed when new.
     */
    public LossReport(final AtomicBuffer buffer)
    {
        this.buffer = buffer;
    }

    /**
     * Creates an entry (receiver thread).
     *
     * @param sessionId the session.
     * @param streamId  the stream.
     * @param channel   the channel.
     * @param source    the sender's address.
     * @return the entry's offset, or -1 if the report is full.
     */
    public int createEntry(final int sessionId, final int streamId, final String channel, final String source)
    {
        if (nextEntry + ENTRY_LENGTH > buffer.capacity())
        {
            return -1;
        }
        final int entry = nextEntry;
        nextEntry += ENTRY_LENGTH;
        buffer.putInt(entry + SESSION_ID_OFFSET, sessionId);
        buffer.putInt(entry + STREAM_ID_OFFSET, streamId);
        putText(entry + CHANNEL_OFFSET, channel);
        putText(entry + SOURCE_OFFSET, source);
        return entry;
    }

    /**
     * Records a gap (receiver thread).
     *
     * @param entry      the entry.
     * @param bytes      the bytes missing.
     * @param nowMillis  the time.
     */
    public void record(final int entry, final int bytes, final long nowMillis)
    {
        final long observations = buffer.getLong(entry + OBSERVATIONS_OFFSET);
        if (observations == 0)
        {
            buffer.putLong(entry + FIRST_OFFSET, nowMillis);
        }
        buffer.putLong(entry + LAST_OFFSET, nowMillis);
        buffer.putLong(entry + BYTES_OFFSET, buffer.getLong(entry + BYTES_OFFSET) + bytes);
        buffer.putLongRelease(entry + OBSERVATIONS_OFFSET, observations +
            1); // release: the fields above are written before readers count it
    }

    /**
     * Reads every entry.
     *
     * @param visitor gets each.
     * @return the number of entries.
     */
    public int forEach(final EntryVisitor visitor)
    {
        int count = 0;
        for (int entry = 0; entry + ENTRY_LENGTH <= buffer.capacity(); entry += ENTRY_LENGTH)
        {
            final long observations = buffer.getLongAcquire(entry +
                OBSERVATIONS_OFFSET); // acquire: the entry's fields are written
            if (observations == 0)
            {
                break;
            }
            visitor.visit(observations, buffer.getLong(entry + BYTES_OFFSET), buffer.getLong(entry + FIRST_OFFSET),
                buffer.getLong(entry + LAST_OFFSET), buffer.getInt(entry + SESSION_ID_OFFSET),
                buffer.getInt(entry + STREAM_ID_OFFSET), getText(entry + CHANNEL_OFFSET),
                getText(entry + SOURCE_OFFSET));
            count++;
        }
        return count;
    }

    private void putText(final int offset, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final int length = Math.min(bytes.length, TEXT_MAX);
        buffer.putInt(offset, length);
        buffer.putBytes(offset + 4, bytes, 0, length);
    }

    private String getText(final int offset)
    {
        final int length = Math.max(0, Math.min(buffer.getInt(offset), TEXT_MAX));
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset + 4, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
