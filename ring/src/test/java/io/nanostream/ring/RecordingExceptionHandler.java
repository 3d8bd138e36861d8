package io.nanostream.ring;

import java.util.List;

/** Records the sequences of failed events and skips them; for the tests of the ring and its graph. */
public final class RecordingExceptionHandler<E> implements ExceptionHandler<E>
{
    private final List<Long> failed;

    public RecordingExceptionHandler(final List<Long> failed)
    {
        this.failed = failed;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final E event)
    {
        failed.add(sequence);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
    }
}
