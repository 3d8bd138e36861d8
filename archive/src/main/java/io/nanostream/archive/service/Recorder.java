package io.nanostream.archive.service;

import io.nanostream.archive.ArchiveContext;
import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.client.Image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The recordings being made: one {@link RecordingSession} per recorded image, new or continuing a stopped recording,
 * each stopped in the catalog where its last whole block ends. A recording that fails (a full disk) is stopped then and
 * stays until its image goes, its image read on and dropped so that the publisher is not held back. At fsync level 1
 * and up, every recording's data is forced to the device each {@link #FSYNC_INTERVAL_NANOS}. Owned by the archive
 * conductor's thread; no allocation in {@link #doWork} while nothing starts or stops.
 */
final class Recorder implements AutoCloseable
{
    /** How often a recording's data is forced to the device at fsync level 1 and up. */
    static final long FSYNC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ArchiveContext context;
    private final Catalog catalog;
    private final RecordingCounters counters;
    private final Runnable forceCatalog;
    private final List<RecordingSession> recordings = new ArrayList<>();
    private long nextFsyncNanos;

    /**
     * Makes the recorder (on the archive conductor's thread).
     *
     * @param context      the archive's settings.
     * @param catalog      the catalog the recordings are kept in.
     * @param counters     where recordings' positions, bytes and fsyncs show.
     * @param forceCatalog forces the catalog to the device, at the level the archive promises.
     */
    Recorder(final ArchiveContext context, final Catalog catalog, final RecordingCounters counters,
        final Runnable forceCatalog)
    {
        this.context = context;
        this.catalog = catalog;
        this.counters = counters;
        this.forceCatalog = forceCatalog;
    }

    /**
     * Writes what each recorded image has, stops a recording that failed, and forces data to the device when due.
     *
     * @param nowNanos the time.
     * @return work done.
     */
    int doWork(final long nowNanos)
    {
        int work = 0;
        for (int i = recordings.size() - 1; i >= 0; i--)
        {
            final RecordingSession recording = recordings.get(i);
            work += recording.doWork() > 0 ? 1 : 0;
            if (recording.failure() != null && recording.isActive())
            {
                // stopped where the last whole block ends; it stays in the list, its image read on and dropped, so that
                // a full disk never holds the publisher back, until the image goes or the stream's recording is stopped
                recording.close();
                catalog.stop(recording.recordingId(), recording.position(), System.currentTimeMillis());
                forceCatalog.run();
                context.errorHandler().accept(new IOException(recording.failure()));
            }
        }
        if (context.fsyncLevel() >= 1 && nowNanos - nextFsyncNanos >= 0)
        {
            nextFsyncNanos = nowNanos + FSYNC_INTERVAL_NANOS;
            fsync();
        }
        return work;
    }

    /**
     * Starts a new recording of an image, from its join position.
     *
     * @param image             the image.
     * @param shape             the log's shape as the catalog keeps it: initial term id, term length and MTU of this
     *                          descriptor (the image's own, or a replica's source's), and
     *                          its session, stream and channel.
     * @param source            where the stream came from.
     * @param frameChecksums    whether to keep a CRC32C per data frame.
     * @param sourceRecordingId for a replica, the recording's id at its source; else
     * {@link RecordingDescriptor#NULL_ID}.
     * @return the new recording's id, or {@link RecordingDescriptor#NULL_ID} if it could not start (reported).
     */
    long startNew(final Image image, final LogShape shape, final String source, final boolean frameChecksums,
        final long sourceRecordingId)
    {
        try
        {
            final int segmentLength = Segments.segmentLength(context.segmentLength(), shape.termLength());
            final long recordingId = catalog.add(image.joinPosition(), System.currentTimeMillis(),
                shape.initialTermId(), segmentLength, shape.termLength(), shape.mtu(), shape.sessionId(),
                shape.streamId(), shape.channel(), source, frameChecksums, sourceRecordingId);
            forceCatalog.run();
            recordings.add(new RecordingSession(recordingId, image.subscriptionRegistrationId(), image,
                image.joinPosition(), context.archiveDirectory(), segmentLength, context.fsyncLevel(), frameChecksums,
                counters));
            return recordingId;
        }
        catch (final RuntimeException ex)
        {
            context.errorHandler().accept(new IOException("cannot record session " + shape.sessionId() + " of stream " +
                shape.streamId() + " (" + source + "): " + ex.getMessage(), ex));
            return RecordingDescriptor.NULL_ID;
        }
    }

    /**
     * Continues a stopped recording with an image that starts where it stopped, with its log's shape; any other image
     * is not recorded, and the reason reported.
     *
     * @param image       the image.
     * @param recordingId the stopped recording.
     */
    void continueWith(final Image image, final long recordingId)
    {
        final RecordingDescriptor recording = catalog.descriptor(recordingId);
        if (recording == null || recording.isActive() || active(recordingId) != null ||
            image.joinPosition() != recording.stopPosition() || image.termLength() != recording.termLength() ||
            image.initialTermId() != recording.initialTermId())
        {
            context.errorHandler().accept(new IOException("session " + image.sessionId() + " of stream " +
                image.streamId() + " joins at " + image.joinPosition() + " (initial term " + image.initialTermId() +
                ", term length " + image.termLength() + "), which " + "does not continue recording " + recordingId +
                (recording == null ? "" : " (stopped at " + recording.stopPosition() + ", initial term " +
                recording.initialTermId() + ", term length " + recording.termLength() + ")") + "; publish on " +
                "RecordingDescriptor.extensionChannel(...): not recorded"));
            return;
        }
        catalog.restart(recordingId);
        recordings.add(new RecordingSession(recordingId, image.subscriptionRegistrationId(), image,
            recording.startPosition(), context.archiveDirectory(), recording.segmentLength(), context.fsyncLevel(),
            recording.frameChecksums(), counters));
    }

    /**
     * Stops the recordings of an image (it went, or its replica's replay ended).
     *
     * @param image the image.
     */
    void stopImage(final Image image)
    {
        for (int i = recordings.size() - 1; i >= 0; i--)
        {
            if (recordings.get(i).image() == image)
            {
                stop(recordings.get(i));
            }
        }
    }

    /**
     * Stops the recordings of an archive subscription's images, before the subscription closes.
     *
     * @param subscriptionId the subscription's registration id.
     */
    void stopSubscription(final long subscriptionId)
    {
        for (int i = recordings.size() - 1; i >= 0; i--)
        {
            if (recordings.get(i).subscriptionId() == subscriptionId)
            {
                stop(recordings.get(i));
            }
        }
    }

    /**
     * The recording being made with an id, if any.
     *
     * @param recordingId the recording.
     * @return its session, or null if it is not being made.
     */
    RecordingSession active(final long recordingId)
    {
        for (int i = 0; i < recordings.size(); i++)
        {
            final RecordingSession recording = recordings.get(i);
            if (recording.recordingId() == recordingId && recording.isActive())
            {
                return recording;
            }
        }
        return null;
    }

    /** Stops every recording where it got to. */
    @Override
    public void close()
    {
        for (int i = recordings.size() - 1; i >= 0; i--)
        {
            stop(recordings.get(i));
        }
    }

    private void stop(final RecordingSession recording)
    {
        recordings.remove(recording);
        if (recording.isActive()) // one that failed was stopped in the catalog then
        {
            recording.close();
            catalog.stop(recording.recordingId(), recording.position(), System.currentTimeMillis());
            forceCatalog.run();
        }
    }

    private void fsync()
    {
        for (int i = 0; i < recordings.size(); i++)
        {
            try
            {
                recordings.get(i).fsync();
            }
            catch (final IOException ex)
            {
                context.errorHandler().accept(ex);
            }
        }
        forceCatalog.run();
    }

    /**
     * What a new recording's descriptor says of the log it records.
     *
     * @param initialTermId the log's initial term id.
     * @param termLength    its term length.
     * @param mtu           its MTU.
     * @param sessionId     the recorded session.
     * @param streamId      the stream.
     * @param channel       the channel, as the catalog keeps it.
     */
    record LogShape(int initialTermId, int termLength, int mtu, int sessionId, int streamId, String channel)
    {
        /**
         * The shape of an image's own log.
         *
         * @param image   the image.
         * @param channel the channel recorded.
         * @return the shape.
         */
        static LogShape of(final Image image, final String channel)
        {
            return new LogShape(image.initialTermId(), image.termLength(), image.mtu(), image.sessionId(),
                image.streamId(), channel);
        }

        /**
         * The shape of a replica's source recording.
         *
         * @param source the source recording, as its archive described it.
         * @return the shape.
         */
        static LogShape of(final RecordingDescriptor source)
        {
            return new LogShape(source.initialTermId(), source.termLength(), source.mtu(), source.sessionId(),
                source.streamId(), source.channel());
        }
    }
}
