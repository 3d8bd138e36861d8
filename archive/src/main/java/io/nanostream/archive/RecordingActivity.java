package io.nanostream.archive;

/**
 * What a recording being made has done since the archive started, as its counters show it.
 *
 * @param recordingId    the recording.
 * @param position       how far it has got: its frames up to here are in the segment files.
 * @param bytesWritten   bytes written since it started, or since the archive started.
 * @param fsyncs         how often its data was forced to the device.
 * @param replaySessions replays of it running now.
 */
public record RecordingActivity(long recordingId, long position, long bytesWritten, long fsyncs, int replaySessions)
{
}
