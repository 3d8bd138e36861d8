package io.nanostream.archive;

import io.nanostream.client.ChannelUri;

/**
 * What the archive's catalog holds of one recording: where it starts and stops in the stream's positions, when, and
 * the shape of the log it came from. Positions are the stream's own, so a replay can be joined to the live stream.
 *
 * @param recordingId    the recording's id in this archive.
 * @param startPosition  the position of its first frame kept: where it started, or, once segments before a position
 *                       were purged, the first position still on disk.
 * @param stopPosition   the position after its last frame, or {@link #NULL_POSITION} while it is being recorded.
 * @param startTimestamp when it started, epoch milliseconds.
 * @param stopTimestamp  when it stopped, epoch milliseconds, or {@link #NULL_POSITION} while it is being recorded.
 * @param initialTermId  the initial term id of the recorded stream's log.
 * @param segmentLength  the length of its segment files, a whole number of terms.
 * @param termLength     the term length of the recorded log.
 * @param mtu            the MTU of the recorded log.
 * @param sessionId      the recorded publication's session.
 * @param streamId       the stream.
 * @param channel        the channel recorded.
 * @param source         where the stream came from, as the driver named it ("ipc" for IPC).
 * @param frameChecksums whether each data frame's reserved value holds the CRC32C of its payload, checked on replay and
 *                       by verify.
 * @param sourceRecordingId for a replica copied from another archive, the recording's id there; {@link #NULL_ID} for a
 *                       recording made here.
 */
public record RecordingDescriptor(
    long recordingId, long startPosition, long stopPosition, long startTimestamp, long stopTimestamp, int initialTermId,
    int segmentLength, int termLength, int mtu, int sessionId, int streamId, String channel, String source,
    boolean frameChecksums, long sourceRecordingId)
{
    /** The stop position and time of a recording still being made. */
    public static final long NULL_POSITION = -1;
    /** The source recording id of a recording that is not a replica. */
    public static final long NULL_ID = -1;

    /**
     * Whether the recording is a copy of another archive's, made by {@link ArchiveClient#replicate}.
     *
     * @return true if it has a source recording id.
     */
    public boolean isReplica()
    {
        return sourceRecordingId != NULL_ID;
    }

    /**
     * Whether the recording is still being made.
     *
     * @return true while it has no stop position.
     */
    public boolean isActive()
    {
        return stopPosition == NULL_POSITION;
    }

    /**
     * The channel of an exclusive publication whose log starts where this recording stopped, as
     * {@link ArchiveClient#extendRecording} needs: the channel given, with the recording's term length and its stop
     * position as {@code init-term-id}, {@code term-id} and {@code term-offset}.
     *
     * @param channel the channel to publish on, without those parameters.
     * @return the channel to give {@code addExclusivePublication}.
     * @throws IllegalStateException if the recording is still being made.
     * @throws IllegalArgumentException if the channel names a start, or another term length.
     */
    public String extensionChannel(final String channel)
    {
        if (isActive())
        {
            throw new IllegalStateException("recording " + recordingId +
                " is still being made: it can be continued once it stops");
        }
        final ChannelUri uri = ChannelUri.parse(channel);
        if (uri.hasStartPosition())
        {
            throw new IllegalArgumentException("'" + channel +
                "' names a start position already; give the channel without it");
        }
        if (uri.get(ChannelUri.TERM_LENGTH) != null && uri.termLength(0) != termLength)
        {
            throw new IllegalArgumentException("'" + channel + "' has term-length " + uri.termLength(0) +
                "; recording " + recordingId + " has " + termLength + ": drop it, or give the recording's");
        }
        final int termId = initialTermId + (int)(stopPosition >>> Long.numberOfTrailingZeros(termLength));
        return channel + (channel.contains("?") ? "|" : "?") + (uri.get(ChannelUri.TERM_LENGTH) == null ?
            "term-length=" + termLength + "|" : "") + "init-term-id=" + initialTermId + "|term-id=" + termId +
            "|term-offset=" + (int)(stopPosition & (termLength - 1));
    }
}
