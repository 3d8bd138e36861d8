package io.nanostream.driver.conductor;

import io.nanostream.buffer.Counter;
import io.nanostream.buffer.DistinctErrorLog;

/**
 * The driver's one error path: every error goes to the distinct-error log (read by
 * {@code nano-stream errors}) and the errors counter. Used from any driver thread (the log is
 * thread-safe; the counter is added to atomically).
 */
public final class ErrorRecorder
{
    private final DistinctErrorLog log;
    private final Counter errors;

    /**
     * Records into a log and a counter.
     *
     * @param log    the distinct-error log.
     * @param errors the errors counter.
     */
    public ErrorRecorder(final DistinctErrorLog log, final Counter errors)
    {
        this.log = log;
        this.errors = errors;
    }

    /**
     * Records an error.
     *
     * @param error the error.
     */
    public void record(final Throwable error)
    {
        log.record(error);
        errors.add(1);
    }
}
