package io.nanostream.archive.service;

import io.nanostream.client.Image;

/**
 * An image of a recorded stream that came or went, handed from the archive client's conductor thread (where image
 * handlers run) to the archive's thread (which owns the recordings).
 */
sealed interface ImageEvent
{
    /**
     * A new image of a recorded stream: a recording starts, or a stopped one goes on.
     *
     * @param image             the image.
     * @param channel           the channel recorded, as the catalog keeps it.
     * @param extendRecordingId the stopped recording this image continues, or -1 for a new recording.
     */
    record Available(Image image, String channel, long extendRecordingId) implements ImageEvent
    {
    }

    /**
     * A new image of a replication's replay: it becomes the replica, new or continued, if the replication awaits it.
     *
     * @param image         the image.
     * @param replicationId the replication whose replay stream it is on.
     */
    record Replica(Image image, long replicationId) implements ImageEvent
    {
    }

    /**
     * An image that went: its recording stops.
     *
     * @param image the image.
     */
    record Unavailable(Image image) implements ImageEvent
    {
    }
}
