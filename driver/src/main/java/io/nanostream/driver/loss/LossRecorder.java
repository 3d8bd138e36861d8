package io.nanostream.driver.loss;

import io.nanostream.concurrent.Clock;

/**
 * One image's line in the {@link LossReport}: made on the image's first gap (so images that never lose
 * take no entry), then counted and timed on each gap after. A full report drops the image's entries
 * silently; the image's gap counters still count. Used on the receiver thread.
 */
public final class LossRecorder
{
    private final LossReport report;
    private final Clock clock;
    private final int sessionId;
    private final int streamId;
    private final String channel;
    private final String source;
    private int entry = -1;

    /**
     * Records into a report.
     *
     * @param report    the report, or null to record nothing.
     * @param clock     the wall clock for the times of gaps.
     * @param sessionId the image's session.
     * @param streamId  its stream.
     * @param channel   its channel.
     * @param source    its sender.
     */
    public LossRecorder(
        final LossReport report, final Clock clock, final int sessionId, final int streamId, final String channel,
        final String source)
    {
        this.report = report;
        this.clock = clock;
        this.sessionId = sessionId;
        this.streamId = streamId;
        this.channel = channel;
        this.source = source;
    }

    /**
     * Records a gap.
     *
     * @param bytes how many bytes were missing.
     */
    public void record(final int bytes)
    {
        if (report == null)
        {
            return;
        }
        if (entry < 0)
        {
            entry = report.createEntry(sessionId, streamId, channel, source); // allocates once, on the first loss
        }
        if (entry >= 0)
        {
            report.record(entry, bytes, clock.epochMillis());
        }
    }
}
